// Loads the test suite's fakes of the Anthropic and GitHub APIs (test/fakes/*.ts) into the soak bench,
// which runs on plain Node 20 without a TypeScript loader: each file is transpiled with the project's
// own TypeScript (types erased, nothing else changed) into a temporary folder and imported from there.
// The fakes import one another as `./name.js` and only node: modules, so the copies load as they are.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);

/** Transpiles test/fakes/ under `root` into `into` and returns the two fakes' modules. */
export async function loadTestFakes(root, into) {
  const ts = require('typescript');
  const source = join(root, 'test', 'fakes');
  mkdirSync(into, { recursive: true });
  for (const name of readdirSync(source).filter((file) => file.endsWith('.ts'))) {
    const { outputText } = ts.transpileModule(readFileSync(join(source, name), 'utf8'), {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: false },
      fileName: name,
    });
    writeFileSync(join(into, name.replace(/\.ts$/, '.js')), outputText);
  }
  writeFileSync(join(into, 'package.json'), '{"type":"module"}\n');
  const load = (name) => import(pathToFileURL(join(into, name)).href);
  return { anthropic: await load('anthropic.js'), github: await load('github.js') };
}
