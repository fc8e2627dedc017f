// The loader hooks of start-up-probe.mjs (they run on the loader's own thread): a module's line is in
// the log before the module runs, so every module the process ran before a moment is logged by then.
import { appendFileSync } from 'node:fs';

let log;

export function initialize(data) {
  log = data.log;
}

export async function load(url, context, nextLoad) {
  appendFileSync(log, `load ${url}\n`);
  return nextLoad(url, context);
}
