import { existsSync, readFileSync } from 'node:fs';

/**
 * `node daemon.cjs <depth> <lingerMs> [clean]`: starts a `sleep 300` in a session of its own (setsid, as
 * node's `detached` does), `depth` processes below itself (2: through a middle process that exits at
 * once, the double fork of a daemon), prints its PID once it runs (and appends it to `daemon.pids` in
 * its cwd, for a caller that never sees the output), then exits after `lingerMs`. With
 * `clean`, the daemon starts with an empty environment.
 */
export const DAEMON_SCRIPT = `const { spawn } = require('node:child_process');
const [depth, linger] = process.argv.slice(2, 4).map(Number);
const clean = process.argv[4] === 'clean';
if (depth > 1) {
  const middle = spawn(process.execPath, [__filename, String(depth - 1), '0', ...process.argv.slice(4)], { stdio: ['ignore', 'inherit', 'ignore'] });
  middle.on('exit', () => setTimeout(() => process.exit(0), linger));
} else {
  const daemon = spawn('sleep', ['300'], { detached: true, stdio: 'ignore', ...(clean ? { env: {} } : {}) });
  daemon.on('spawn', () => {
    console.log(daemon.pid);
    require('node:fs').appendFileSync('daemon.pids', daemon.pid + '\\n');
    daemon.unref();
    setTimeout(() => process.exit(0), linger);
  });
}
`;

/** Whether a process runs; a killed one re-parented to a PID 1 that does not reap (containers) stays a zombie: dead. */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  return !existsSync(`/proc/${pid}/stat`) || !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
}

/** The PIDs (one a line in `text`) still alive after up to a second. */
export async function stillAlive(text: string): Promise<number[]> {
  const pids = pidsIn(text);
  for (let i = 0; i < 50 && pids.some(alive); i++) await new Promise((resolve) => setTimeout(resolve, 20));
  return pids.filter(alive);
}

/** Kills what a test left behind when the code under test did not (the test has already failed then). */
export function killLeftovers(text: string): void {
  for (const pid of pidsIn(text)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

// `kill(0)` would signal our own process group: only real PIDs count.
const pidsIn = (text: string): number[] =>
  text
    .split(/\s+/)
    .filter((word) => /^\d+$/.test(word))
    .map(Number)
    .filter((pid) => pid > 1);
