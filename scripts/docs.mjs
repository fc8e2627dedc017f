// `npm run docs`: writes docs/reference.md from the sources (scripts/docs-reference.mjs).
// `npm run docs -- --check` only compares, for CI: exit 1 when the committed file is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { register } from 'node:module';
import path from 'node:path';

register('./docs-loader.mjs', import.meta.url);
const { renderReference } = await import('./docs-reference.mjs');

const root = new URL('..', import.meta.url).pathname;
const target = path.join(root, 'docs', 'reference.md');
const text = await renderReference(root);
if (process.argv.includes('--check')) {
  if (readFileSync(target, 'utf8') !== text) {
    console.error('docs/reference.md is stale: run `npm run docs` and commit it.');
    process.exit(1);
  }
  console.log('docs/reference.md is current.');
} else {
  writeFileSync(target, text);
  console.log('wrote docs/reference.md');
}
