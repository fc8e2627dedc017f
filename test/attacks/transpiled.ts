/**
 * Runs source modules in a child process, for attacks that would block the test's own event loop
 * (a backtracking regex never yields, so no timer in this process could stop it). Node 20 cannot
 * import TypeScript: `transpiledSource` erases the types of `entries` and every module they import
 * (relative `from '….js'`), with the compiler the project depends on, into a temp folder that sees
 * the repository's node_modules. `runChild` gives the child a hard deadline and says if it finished.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SRC = path.join(ROOT, 'src');

/** A temp folder mirroring src/ for `entries` (paths under src/) and their imports, as JavaScript. */
export function transpiledSource(entries: string[]): string {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'flue-transpiled-'));
  fs.writeFileSync(path.join(out, 'package.json'), '{"type":"module"}\n');
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(out, 'node_modules'));
  const queue = entries.map((entry) => path.join(SRC, entry));
  const seen = new Set<string>();
  for (let file = queue.pop(); file !== undefined; file = queue.pop()) {
    if (seen.has(file)) continue;
    seen.add(file);
    const { outputText } = ts.transpileModule(fs.readFileSync(file, 'utf8'), {
      fileName: file,
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: true },
    });
    const target = path.join(out, path.relative(SRC, file)).replace(/\.ts$/, '.js');
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, outputText);
    for (const [, relative] of outputText.matchAll(/(?:from|import\()\s*'(\.{1,2}\/[^']+)\.js'/g)) {
      queue.push(path.resolve(path.dirname(file), `${relative}.ts`));
    }
  }
  return out;
}

export interface ChildOutcome {
  /** False when the deadline passed and the child was killed. */
  finished: boolean;
  stdout: string;
  stderr: string;
}

/** Runs `script` (an ES module, written into `dir`) with `args`; SIGKILL after `deadlineMs`. */
export async function runChild(dir: string, script: string, args: string[], deadlineMs: number): Promise<ChildOutcome> {
  const file = path.join(dir, `child-${process.pid}-${Date.now()}.mjs`);
  fs.writeFileSync(file, script);
  const child = spawn(process.execPath, [file, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  let killed = false;
  const timer = setTimeout(() => {
    killed = true;
    child.kill('SIGKILL');
  }, deadlineMs);
  await new Promise((resolve) => child.on('close', resolve));
  clearTimeout(timer);
  return { finished: !killed, stdout, stderr };
}
