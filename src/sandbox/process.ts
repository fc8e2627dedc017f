import { spawn, type ChildProcess } from 'node:child_process';

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

// After the main process exits, descendants that keep its pipes open get this long before we stop
// waiting for them (they are killed with the group anyway).
const PIPE_DRAIN_MS = 1_000;

/**
 * Runs one real process with an argv array (no shell, so `;` or `&&` in an argument is just text),
 * in its own process group so a timeout or an abort kills the whole tree it started.
 */
export function runProcess(file: string, args: string[], options: ProcessOptions): Promise<ProcessResult> {
  return new Promise((resolve) => {
    const stdout = new TailBuffer(options.maxOutputBytes);
    const stderr = new TailBuffer(options.maxOutputBytes);
    let timedOut = false;
    let stopped = false;
    let child: ChildProcess;
    try {
      child = spawn(file, args, {
        cwd: options.cwd,
        env: options.env,
        stdio: ['pipe', 'pipe', 'pipe'],
        detached: !IS_WINDOWS,
        windowsHide: true,
      });
    } catch (error) {
      resolve({ stdout: '', stderr: `${file}: ${(error as Error).message}\n`, exitCode: 127, timedOut: false });
      return;
    }

    const stop = (): void => {
      stopped = true;
      killTree(child);
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
      options.signal?.removeEventListener('abort', onAbort);
      resolve({ stdout: stdout.text(), stderr: stderr.text() + extra, exitCode, timedOut });
    };
    child.on('error', (error: NodeJS.ErrnoException) => {
      const problem = error.code === 'ENOENT' ? "not found on the runner's PATH" : error.message;
      finish(127, `${file}: ${problem}\n`);
    });
    child.on('exit', (code, signal) => {
      killTree(child); // background descendants must not outlive the command
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

function killTree(child: ChildProcess): void {
  if (child.pid === undefined) return;
  try {
    if (IS_WINDOWS) child.kill('SIGKILL');
    else process.kill(-child.pid, 'SIGKILL');
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

  text(): string {
    const body = Buffer.concat(this.chunks).toString('utf8');
    return this.dropped > 0 ? `[${this.dropped} bytes cut from the start]\n${body}` : body;
  }
}
