// The one module ncc bundles into dist/core.js. The entry files in dist/ (written by scripts/build.mjs)
// import `core` from it, so every front end shares one copy of every dependency.
//
// One exported object rather than re-exports: ncc's ESM output keeps the entry module's own bindings
// but drops `export { x } from '...'` (test/build/dist-entries.test.ts loads the built entries).
import * as valibot from 'valibot';
import { runCliProcess } from './cli/main.js';
import { defineAgent, defineTool } from './lib/index.js';
import { startWithoutSecrets, type StartedEnvironment } from './secrets/start.js';

// The action's modules (the Actions toolkit, Octokit) load only in the action: the CLI never pays for
// them at start-up (test/build/start-up.test.ts measures what loads before the first model request).
// The entry files pass what dist/secrets/start.js took (the environment, in memory) before this bundle
// loaded; without it (an older entry file) the environment is taken here, in place.
const runAction = async (started?: StartedEnvironment): Promise<void> =>
  (await import('./action/main.js')).runAction(started ?? startWithoutSecrets({ restart: false }));
const runActionPost = async (started?: StartedEnvironment): Promise<void> =>
  (await import('./action/post.js')).runActionPost(started ?? startWithoutSecrets({ restart: false }));

export const core = { runAction, runActionPost, runCliProcess, defineAgent, defineTool, valibot };
export type Core = typeof core;
