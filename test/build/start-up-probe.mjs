// Loaded with `node --import <this file's URL>?log=<file>` (through NODE_OPTIONS, which survives the
// runner's restart without secrets): appends to the log every module the process loads (`load <url>`,
// from start-up-hooks.mjs on the loader's thread) and, when the first request to the Messages API goes
// out, `first-request` with the Node built-ins loaded by then. Plain JavaScript: it runs on the Node of
// the test, 20 or 24, with no build step.
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { appendFileSync } from 'node:fs';
import { register } from 'node:module';

const log = new URL(import.meta.url).searchParams.get('log');
if (!log) throw new Error('start-up-probe.mjs: no ?log=<file> in its URL');
register('./start-up-hooks.mjs', import.meta.url, { data: { log } });

// node:http publishes every client request here as it is created: the runner's transport
// (src/harness/anthropic/node-fetch.ts) is node:http, so the model request is one of them.
const onRequest = ({ request }) => {
  if (!request.path.startsWith('/v1/messages')) return;
  unsubscribe('http.client.request.start', onRequest);
  const builtins = process.moduleLoadList.filter((name) => name.startsWith('NativeModule ')).map((name) => name.slice(13));
  appendFileSync(log, `first-request ${JSON.stringify(builtins)}\n`);
};
subscribe('http.client.request.start', onRequest);
