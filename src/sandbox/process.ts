import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { LIMITS } from '../limits.js';
import { HAS_PROC, ProcessTree, TREE_MARKER_NAME } from './descendants.js';
import { utf8BoundaryAtOrAfter } from '../text/index.js';

export interface ProcessOptions {
  cwd: string;
  env: Record<string, string>;
  stdin: Buffer;
  timeoutMs: number;
  /** Bytes kept of stdout and of stderr each; the tail is kept. */
  maxOutputBytes: number;
  signal?: AbortSignal;
}

export interface ProcessResult {
  stdout: string;
  stderr: string;
  /** The exit code; 124 when the timeout or the signal stopped it, 127 when it could not start. */
  exitCode: number;
  timedOut: boolean;
}

// Read once at load: just-bash's defence-in-depth blocks `process` properties while a script runs.
const IS_WINDOWS = process.platform === 'win32';
const killProcess = process.kill.bind(process);

// After the main process exits, descendants that keep its pipes open get this long before we stop
// waiting for them (they are killed with it anyway).
const PIPE_DRAIN_MS = 1_000;

/**
 * Runs one real process with an argv array (no shell, so `;` or `&&` in an argument is just text), in its
 * own process group, with a marker unique to this call in its environment. When it exits, times out or is
 * aborted, everything it started is killed: the group, and on Linux every descendant that left the group
 * (`setsid`, a double fork), found through /proc (see ProcessTree for what even that cannot find).
 */
export function runProcess(file: string, args: string[], options: ProcessOptions): Promise<ProcessResult> {
  return new Promise((resolve) => {
    const stdout = new TailBuffer(options.maxOutputBytes);
    const stderr = new TailBuffer(options.maxOutputBytes);
    const treeId = randomUUID();
    let timedOut = false;
    let stopped = false;
    let child: ChildProcess;
    try {
      child = spawn(file, args, {
        cwd: options.cwd,
        env: { ...options.env, [TREE_MARKER_NAME]: treeId },
        stdio: ['pipe', 'pipe', 'pipe'],
        detached: !IS_WINDOWS,
        windowsHide: true,
      });
    } catch (error) {
      resolve({ stdout: '', stderr: `${file}: ${(error as Error).message}\n`, exitCode: 127, timedOut: false });
      return;
    }
    const tree = HAS_PROC && child.pid !== undefined ? new ProcessTree(child.pid, `${TREE_MARKER_NAME}=${treeId}`) : undefined;
    const poller = tree ? setInterval(() => tree.poll(), LIMITS.commandTreePollMs) : undefined;
    const killAll = (): void => {
      killGroup(child);
      tree?.killAll();
    };

    const stop = (): void => {
      stopped = true;
      killAll();
    };
    const onAbort = (): void => stop();
    const timer = setTimeout(() => {
      timedOut = true;
      stop();
    }, options.timeoutMs);
    if (options.signal?.aborted) stop();
    else options.signal?.addEventListener('abort', onAbort, { once: true });

    child.stdout?.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.stdin?.on('error', () => {}); // EPIPE when the process does not read its stdin
    child.stdin?.end(options.stdin);

    let settled = false;
    const finish = (exitCode: number, extra = ''): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearInterval(poller);
      options.signal?.removeEventListener('abort', onAbort);
      resolve({ stdout: stdout.text(), stderr: stderr.text() + extra, exitCode, timedOut });
    };
    child.on('error', (error: NodeJS.ErrnoException) => {
      const problem = error.code === 'ENOENT' ? "not found on the runner's PATH" : error.message;
      finish(127, `${file}: ${problem}\n`);
    });
    child.on('exit', (code, signal) => {
      clearInterval(poller);
      killAll(); // background descendants must not outlive the command
      const exitCode = stopped ? 124 : (code ?? 128 + signalNumber(signal));
      const drain = setTimeout(() => {
        child.stdout?.destroy();
        child.stderr?.destroy();
      }, PIPE_DRAIN_MS);
      child.on('close', () => {
        clearTimeout(drain);
        finish(exitCode);
      });
    });
  });
}

function killGroup(child: ChildProcess): void {
  if (child.pid === undefined) return;
  try {
    if (IS_WINDOWS) child.kill('SIGKILL');
    else killProcess(-child.pid, 'SIGKILL');
  } catch {
    // ESRCH: the group is already gone.
  }
}

function signalNumber(signal: NodeJS.Signals | null): number {
  return signal === 'SIGKILL' ? 9 : signal === 'SIGTERM' ? 15 : 1;
}

/** Keeps the last `max` characters of a stream, counting what it dropped. */
class TailBuffer {
  private chunks: Buffer[] = [];
  private size = 0;
  private dropped = 0;

  constructor(private readonly max: number) {}

  push(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.size += chunk.length;
    while (this.size > this.max && this.chunks.length > 0) {
      const first = this.chunks[0]!;
      const excess = this.size - this.max;
      if (first.length <= excess) {
        this.chunks.shift();
        this.size -= first.length;
        this.dropped += first.length;
      } else {
        this.chunks[0] = first.subarray(excess);
        this.size -= excess;
        this.dropped += excess;
      }
    }
  }

  /** The tail as text, from its first whole character: a cut inside one would decode to U+FFFD. */
  text(): string {
    const bytes = Buffer.concat(this.chunks);
    if (this.dropped === 0) return bytes.toString('utf8');
    const start = utf8BoundaryAtOrAfter(bytes, 0);
    return `[${this.dropped + start} bytes cut from the start]\n${bytes.subarray(start).toString('utf8')}`;
  }
}
