/**
 * src/secrets/ compiled the way scripts/build.mjs compiles it for dist/ (alone, node: imports only),
 * into a temp folder, so a test can run the restart in a real process on the Node running the tests.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const SOURCES = fileURLToPath(new URL('../../src/secrets/', import.meta.url));

/** The folder holding start.js and what it imports, as ES modules. */
export function compileSecrets(): string {
  const out = mkdtempSync(path.join(os.tmpdir(), 'flue-secrets-compiled-'));
  writeFileSync(path.join(out, 'package.json'), '{"type":"module"}\n');
  for (const name of readdirSync(SOURCES).filter((file) => file.endsWith('.ts'))) {
    const { outputText } = ts.transpileModule(readFileSync(path.join(SOURCES, name), 'utf8'), {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    });
    writeFileSync(path.join(out, name.replace(/\.ts$/, '.js')), outputText);
  }
  return out;
}
