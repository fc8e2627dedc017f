// The one module ncc bundles into dist/core.js. The entry files in dist/ (written by scripts/build.mjs)
// load it, so every front end shares one copy of every dependency.
//
// ncc's ESM output drops the entry module's exports, so the bundle hands its API over through one
// well-known global instead; `CORE_KEY` is the only name the entry files and the bundle share.
import * as valibot from 'valibot';
import { runCliProcess } from './cli/main.js';
import { defineAgent, defineTool } from './lib/index.js';

export const CORE_KEY = Symbol.for('flue-action.core');

// The action's modules (the Actions toolkit, Octokit) load only in the action: the CLI never pays for
// them at start-up, and start-up is a headline figure (src/action/artifact.ts defers its client too).
const runAction = async (): Promise<void> => (await import('./action/main.js')).runAction();
const runActionPost = async (): Promise<void> => (await import('./action/post.js')).runActionPost();

const core = { runAction, runActionPost, runCliProcess, defineAgent, defineTool, valibot };
export type Core = typeof core;

(globalThis as Record<symbol, unknown>)[CORE_KEY] = core;
