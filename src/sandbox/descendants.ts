import * as fs from 'node:fs';

// Read once at load: just-bash's defence-in-depth replaces `process.kill` (and guards other `process`
// properties) while a script runs, and a real command is started from inside a script.
const kill = process.kill.bind(process);
const OWN_PID = process.pid;

/** Linux's /proc, where every process's parent, start time and environment can be read. */
export const HAS_PROC = process.platform === 'linux' && fs.existsSync('/proc/self/stat');

// A process forked while a round was killing is caught by the next; a fork bomb outruns any number.
const KILL_ROUNDS = 4;

/** The variable process.ts puts in the environment of every real command; its value is unique per command. */
export const TREE_MARKER_NAME = 'FLUE_COMMAND_TREE';

/**
 * Every process a real command started, so that none outlives it. Killing the process group is not
 * enough: `setsid` (or a double fork into a new session) leaves the group, and such a daemon would run
 * on after the command, after the run, with the runner's user. So, on Linux:
 *
 * - while the command runs, `poll()` walks /proc and adopts every process whose parent is one already
 *   adopted (checking start times, so a reused PID is never mistaken for one of ours);
 * - `killAll()` kills every adopted process still alive, plus every process whose environment carries the
 *   command's marker (a grandchild re-parented to init between two polls is found that way), in a few
 *   rounds so that one forked while the previous round was killing is caught too.
 *
 * What cannot be contained: a descendant that execs with a new environment (`env -i`, dropping the
 * marker) and daemonizes, both between two polls, is found by neither. Only a container or a cgroup
 * holds such a process; a real command is a real process of the runner's user.
 *
 * The work is bounded: one poll reads one small file per process in the table (every
 * LIMITS.commandTreePollMs, a few milliseconds of CPU for a few hundred processes), and `killAll`
 * makes at most KILL_ROUNDS rounds, reading the environment only of processes not older than the command.
 */
export class ProcessTree {
  /** Adopted PIDs and their start time (clock ticks since boot). */
  private readonly adopted = new Map<number, number>();
  private readonly rootStart: number;

  /** `marker` is `NAME=value` exactly as in the command's environment. */
  constructor(
    rootPid: number,
    private readonly marker: string,
  ) {
    const root = readStat(rootPid);
    this.rootStart = root?.start ?? 0;
    if (root) this.adopted.set(rootPid, root.start);
  }

  /** Adopts the processes started since the last poll whose parent is adopted; forgets the dead. */
  poll(): void {
    this.adoptChildren(this.scan());
  }

  /** Kills every adopted process and every process carrying the marker; returns how many it signalled. */
  killAll(): number {
    let signalled = 0;
    for (let round = 0; round < KILL_ROUNDS; round++) {
      const table = this.scan();
      this.adoptChildren(table);
      const victims = [...table].filter(([pid, stat]) => stat.state !== 'Z' && (this.adopted.get(pid) === stat.start || this.carriesMarker(pid)));
      if (victims.length === 0) break;
      for (const [pid] of victims) {
        try {
          kill(pid, 'SIGKILL');
          signalled++;
        } catch {
          // ESRCH: it died meanwhile; EPERM: not ours (it exec'd a setuid program), out of our reach.
        }
      }
    }
    return signalled;
  }

  /** Processes not older than the command: nothing started before it can be its descendant. */
  private scan(): Map<number, ProcStat> {
    const table = new Map<number, ProcStat>();
    for (const pid of listPids()) {
      if (pid <= 1 || pid === OWN_PID) continue;
      const stat = readStat(pid);
      if (stat && stat.start >= this.rootStart) table.set(pid, stat);
    }
    return table;
  }

  private adoptChildren(table: Map<number, ProcStat>): void {
    for (const [pid, start] of this.adopted) if (table.get(pid)?.start !== start) this.adopted.delete(pid);
    const children = new Map<number, number[]>();
    for (const [pid, stat] of table) {
      const siblings = children.get(stat.ppid);
      if (siblings) siblings.push(pid);
      else children.set(stat.ppid, [pid]);
    }
    // Breadth first from the adopted; each PID is adopted once, so this ends within the table's size.
    const queue = [...this.adopted.keys()];
    for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
      for (const child of children.get(next) ?? []) {
        if (this.adopted.has(child)) continue;
        this.adopted.set(child, table.get(child)!.start);
        queue.push(child);
      }
    }
  }

  private carriesMarker(pid: number): boolean {
    try {
      // NUL-separated NAME=value pairs as the process was started: unsetting a variable later does not change it.
      return `\0${fs.readFileSync(`/proc/${pid}/environ`, 'latin1')}`.includes(`\0${this.marker}\0`);
    } catch {
      return false; // gone, or another user's
    }
  }
}

interface ProcStat {
  /** One letter: R running, S sleeping, Z zombie... */
  state: string;
  ppid: number;
  start: number;
}

function readStat(pid: number): ProcStat | undefined {
  try {
    const text = fs.readFileSync(`/proc/${pid}/stat`, 'latin1');
    // Field 2 is the name in parentheses and may itself hold spaces or ')': the fields after it follow the last ')'.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    // fields[0] is field 3 (state), fields[1] field 4 (ppid), fields[19] field 22 (start time).
    const [state, ppid, start] = [fields[0], Number(fields[1]), Number(fields[19])];
    return state === undefined || !Number.isFinite(ppid) || !Number.isFinite(start) ? undefined : { state, ppid, start };
  } catch {
    return undefined; // it exited between the listing and the read
  }
}

function listPids(): number[] {
  try {
    return fs
      .readdirSync('/proc')
      .filter((name) => /^\d+$/.test(name))
      .map(Number);
  } catch {
    return [];
  }
}
