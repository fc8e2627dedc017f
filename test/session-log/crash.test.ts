import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { readSessionLog } from '../../src/session-log/reader.js';
import { SessionLog } from '../../src/session-log/writer.js';
import { headerInput, makeTempDir, removeTempDir, tickingClock } from './helpers.js';

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));

let dir: string;
beforeEach(async () => {
  dir = await makeTempDir();
});
afterEach(async () => {
  await removeTempDir(dir);
});

/**
 * Node 20 cannot import our TypeScript, so the child runs the real writer module transpiled
 * (types erased, nothing else changed) with the compiler the project already depends on.
 * Follows relative imports from `entry`; type-only imports vanish in the output.
 */
function transpileTree(entry: string, outDir: string): string {
  const queue = [path.join(SRC, entry)];
  const done = new Set<string>();
  while (queue.length) {
    const file = queue.pop() as string;
    if (done.has(file)) continue;
    done.add(file);
    const { outputText } = ts.transpileModule(fs.readFileSync(file, 'utf8'), {
      fileName: file,
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: true },
    });
    const out = path.join(outDir, path.relative(SRC, file)).replace(/\.ts$/, '.js');
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, outputText);
    for (const match of outputText.matchAll(/from '(\.{1,2}\/[^']+)\.js'/g)) {
      queue.push(path.resolve(path.dirname(file), `${match[1]}.ts`));
    }
  }
  fs.writeFileSync(path.join(outDir, 'package.json'), '{"type":"module"}');
  return path.join(outDir, entry.replace(/\.ts$/, '.js'));
}

/** Records tool results forever (about one a millisecond, some spanning several pages) until killed. */
const CHILD = `
import { SessionLog } from './session-log/writer.js';
const header = JSON.parse(process.env.FLUE_HEADER);
const log = SessionLog.open(process.argv[2], header, { secrets: ['hunter2-secret-value'] });
const pause = new Int32Array(new SharedArrayBuffer(4));
for (let i = 0; ; i++) {
  const content = 'y'.repeat((i * 997) % 12000) + ' hunter2-secret-value';
  log.record({ type: 'tool_result', turn: 1, id: 't' + i, name: 'bash', isError: false, content, durationMs: i });
  Atomics.wait(pause, 0, 0, 1);
}
`;

/** Waits until `file` holds at least `atLeast` complete lines. */
async function linesIn(file: string, atLeast: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
    if (text.split('\n').length > atLeast) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`${file} did not reach ${atLeast} lines in ${timeoutMs} ms`);
}

describe('a killed run', () => {
  test('SIGKILL mid-run leaves every recorded line intact and readable', async () => {
    transpileTree('session-log/writer.ts', dir);
    fs.writeFileSync(path.join(dir, 'child.mjs'), CHILD);
    const logFile = path.join(dir, 'logs', 'run.jsonl');
    const child = spawn(process.execPath, [path.join(dir, 'child.mjs'), logFile], {
      env: { ...process.env, FLUE_HEADER: JSON.stringify(headerInput) },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    try {
      // The header and 200 events: the assertions below count events.
      await linesIn(logFile, 201, 10_000);
    } catch (error) {
      child.kill('SIGKILL');
      throw new Error(`${String(error)}; child stderr: ${stderr}`);
    }
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');

    const log = readSessionLog(logFile);
    expect(log.header.id).toBe(headerInput.id);
    expect(log.events.length).toBeGreaterThanOrEqual(200);
    // Every complete line is an event, in order, none lost; at most the line being written is torn.
    expect(log.events.map((event) => (event.type === 'tool_result' ? event.id : event.type))).toEqual(log.events.map((_event, index) => `t${index}`));
    const tornLine = `line ${log.events.length + 2} is incomplete: the run stopped while writing it; ignored`;
    expect(log.problems).toEqual(log.truncated ? [tornLine] : []);
    for (const event of log.events) {
      expect(event.type === 'tool_result' && event.content.endsWith(' [REDACTED]')).toBe(true);
    }
  });

  test('a log cut mid-line reads back with every whole line and truncated set', () => {
    const logFile = path.join(dir, 'run.jsonl');
    const log = SessionLog.open(logFile, headerInput, { secrets: [], now: tickingClock() });
    for (let i = 0; i < 5; i++) log.record({ type: 'warning', message: `event ${i}` });
    const wholeSize = fs.statSync(logFile).size;
    log.record({ type: 'warning', message: 'the line being written when the process died' });
    log.close();
    fs.truncateSync(logFile, wholeSize + 30);
    const read = readSessionLog(logFile);
    expect(read.events.map((event) => (event.type === 'warning' ? event.message : event.type))).toEqual([
      'event 0',
      'event 1',
      'event 2',
      'event 3',
      'event 4',
    ]);
    expect(read.truncated).toBe(true);
    expect(read.problems).toEqual(['line 7 is incomplete: the run stopped while writing it; ignored']);
  });
});
