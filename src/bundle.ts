// The one module ncc bundles into dist/core.js. The entry files in dist/ (written by scripts/build.mjs)
// load it, so every front end shares one copy of every dependency.
//
// ncc's ESM output drops the entry module's exports, so the bundle hands its API over through one
// well-known global instead; `CORE_KEY` is the only name the entry files and the bundle share.
import * as valibot from 'valibot';
import { runCliProcess } from './cli/main.js';
import { defineAgent, defineTool } from './lib/index.js';
import { startWithoutSecrets, type StartedEnvironment } from './secrets/start.js';

export const CORE_KEY = Symbol.for('flue-action.core');

// The action's modules (the Actions toolkit, Octokit) load only in the action: the CLI never pays for
// them at start-up, and start-up is a headline figure (src/action/artifact.ts defers its client too).
// The entry files pass what dist/secrets/start.js took (the environment, in memory) before this bundle
// loaded; without it (an older entry file) the environment is taken here, in place.
const runAction = async (started?: StartedEnvironment): Promise<void> =>
  (await import('./action/main.js')).runAction(started ?? startWithoutSecrets({ restart: false }));
const runActionPost = async (started?: StartedEnvironment): Promise<void> =>
  (await import('./action/post.js')).runActionPost(started ?? startWithoutSecrets({ restart: false }));

const core = { runAction, runActionPost, runCliProcess, defineAgent, defineTool, valibot };
export type Core = typeof core;

(globalThis as Record<symbol, unknown>)[CORE_KEY] = core;
