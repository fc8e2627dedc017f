// One of scripts/build.mjs's minifying threads: takes `{ file, options }`, rewrites the file with
// terser's output, answers `{ file }` (or `{ file, error }`). A thread keeps terser loaded between files.
import { readFileSync, writeFileSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { minify } from 'terser';

parentPort.on('message', async ({ file, options }) => {
  try {
    const { code } = await minify(readFileSync(file, 'utf8'), options);
    if (code === undefined) throw new Error('terser returned nothing');
    writeFileSync(file, code);
    parentPort.postMessage({ file });
  } catch (error) {
    parentPort.postMessage({ file, error: String(error?.stack ?? error) });
  }
});
