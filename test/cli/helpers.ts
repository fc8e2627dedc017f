import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { runCli } from '../../src/cli/main.js';
import { requireCurrentDist } from '../action/built.js';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const DIST_CLI = path.join(ROOT, 'dist', 'cli.js');
export const TRIAGE = path.join(ROOT, 'examples', 'triage');

/** A markdown agent that answers in text: the smallest agent a run needs. */
export const HELLO_AGENT = '---\ndescription: Say hello\nmodel: anthropic/claude-sonnet-4-6\ntools: [read]\n---\nGreet the user.\n';

const created: string[] = [];

/** A temp directory (removed by removeTempDirs) holding `files`, repository-relative path to content. */
export async function makeTempDir(files: Record<string, string> = {}, prefix = 'flue-cli-'): Promise<string> {
  const root = await mkdtemp(path.join(os.tmpdir(), prefix));
  created.push(root);
  for (const [relative, content] of Object.entries(files)) {
    const target = path.join(root, relative);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, content);
  }
  return root;
}

export async function removeTempDirs(): Promise<void> {
  await Promise.all(created.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

function collector(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  return { stream, text: () => chunks.join('') };
}

/** `runCli` in this process with captured streams and exactly `env` (never the real process.env). */
export async function cli(argv: string[], options: { env?: NodeJS.ProcessEnv; cwd?: string; signal?: AbortSignal } = {}): Promise<CliRun> {
  const stdout = collector();
  const stderr = collector();
  const code = await runCli(argv, {
    stdout: stdout.stream,
    stderr: stderr.stream,
    env: options.env ?? {},
    cwd: options.cwd ?? ROOT,
    signal: options.signal,
    isTerminal: false,
  });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

/** The built CLI must exist and be built from src/ as it is: CI builds before testing; locally, run `npm run build`. */
export function requireBuiltCli(): string {
  if (!existsSync(DIST_CLI)) {
    throw new Error(`${DIST_CLI} is missing: run \`npm run build\` before the CLI process tests.`);
  }
  requireCurrentDist();
  return DIST_CLI;
}

/** The runner's environment minus anything that would change a run: no key, no proxy, no npm config. */
export function cleanEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const name of ['PATH', 'HOME', 'TMPDIR', 'LANG', 'SYSTEMROOT']) {
    if (process.env[name] !== undefined) env[name] = process.env[name];
  }
  return { ...env, ...extra };
}

export interface Spawned {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  /** Resolves with the exit code (or the signal's name) once the process has exited. */
  exited: Promise<number | NodeJS.Signals>;
}

const children = new Set<ChildProcess>();

export interface CliSpawnOptions {
  env: NodeJS.ProcessEnv;
  cwd?: string;
  /** Node flags before the script: e.g. `--import` of a fault injector (test/action/fs-faults.mjs). */
  nodeArgs?: string[];
  /** The CLI file to run instead of this repository's dist/cli.js: an installed package's. */
  script?: string;
}

/** `node dist/cli.js ...args` as its own process; killChildren() ends any still running. */
export function spawnCli(args: string[], options: CliSpawnOptions): Spawned {
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), options.script ?? requireBuiltCli(), ...args], {
    cwd: options.cwd ?? ROOT,
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<number | NodeJS.Signals>((resolve) => {
    child.on('close', (code, signal) => {
      children.delete(child);
      resolve(code ?? (signal as NodeJS.Signals));
    });
  });
  return { child, stdout: () => out, stderr: () => err, exited };
}

export async function runBuiltCli(args: string[], options: CliSpawnOptions): Promise<CliRun> {
  const spawned = spawnCli(args, options);
  const code = await spawned.exited;
  if (typeof code !== 'number') throw new Error(`flue-action ended by ${code}:\n${spawned.stderr()}`);
  return { code, stdout: spawned.stdout(), stderr: spawned.stderr() };
}

export async function killChildren(): Promise<void> {
  await Promise.all(
    [...children].map(
      (child) =>
        new Promise<void>((resolve) => {
          child.once('close', () => resolve());
          child.kill('SIGKILL');
        }),
    ),
  );
}

/** The one session log written to `dir` (the test gave the run its own --log-dir). */
export function onlyLog(dir: string): string {
  const logs = existsSync(dir) ? readdirSync(dir).filter((name) => name.endsWith('.jsonl')) : [];
  if (logs.length !== 1) throw new Error(`expected one session log in ${dir}, found ${JSON.stringify(logs)}`);
  return path.join(dir, logs[0] as string);
}

/**
 * Output with what changes from run to run replaced: each of `paths` by `<name>`, durations by `<t>`,
 * sizes by `<size>` (a request holds the temp path), the time stamp and id in a session file name by `<stamp>`.
 */
export function stable(text: string, paths: Record<string, string> = {}): string {
  let result = text;
  for (const [name, value] of Object.entries(paths)) result = result.split(value).join(`<${name}>`);
  return result
    .replace(/\b\d+(?:\.\d+)? (?:ms|s)\b/g, '<t>')
    .replace(/\b\d+(?:\.\d+)? (?:B|KB|MB)\b/g, '<size>')
    .replace(/-\d{8}-\d{6}-[0-9a-f]{8}\b/g, '-<stamp>');
}

/** The non-blank lines of `text`, from the first that equals `from` (all of them without `from`). */
export function linesFrom(text: string, from?: string): string[] {
  const lines = text.split('\n').filter((line) => line.trim() !== '');
  return from === undefined ? lines : lines.slice(lines.indexOf(from));
}

/** Polls `check` every 20 ms until it returns a value, or fails after `timeoutMs`. */
export async function waitFor<T>(check: () => T | undefined, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
