// The one module ncc bundles into dist/core.js. The entry files in dist/ (written by scripts/build.mjs)
// import from it, so every front end shares one copy of every dependency.
import * as valibot from 'valibot';

export { runCliProcess } from './cli/main.js';
export { defineAgent, defineTool } from './lib/index.js';
export { valibot };
