// Bundled as dist/valibot.js: a TS agent's `import * as v from 'valibot'` resolves here, so agents
// need no `npm install` and build their schemas with the same valibot the runner validates with.
export * from 'valibot';
