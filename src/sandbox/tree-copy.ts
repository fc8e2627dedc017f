import * as path from 'node:path';
import type { IFileSystem } from 'just-bash';

/** The gated filesystem a copy goes through, with the gate's checks on their own. */
export interface CopyFs extends Pick<IFileSystem, 'lstat' | 'readdir' | 'readFileBuffer' | 'writeFile' | 'mkdir' | 'chmod' | 'symlink' | 'readlink'> {
  /** Throws the gate's refusal when `file` may not be read. */
  assertReadable(file: string, operation: string): Promise<void>;
  /** Throws the gate's refusal when `file` may not be created or replaced. */
  assertWritable(file: string, operation: string): Promise<void>;
  /** Throws ENOSPC when `bytes` more written into the workspace would pass the run's write quota. */
  assertRoom(bytes: number, operation: string, target: string): void;
  /** Whether `file` is in the workspace (where writes count against the quota). */
  inWorkspace(file: string): boolean;
}

/** One entry of a copy, in the order it is made: a folder before what it holds. */
interface CopyStep {
  kind: 'directory' | 'file' | 'symlink';
  from: string;
  to: string;
  mode: number;
  size: number;
}

/**
 * `cp` (and `mv` between the workspace and the scratch area) through the gate, file by file, instead
 * of the copy of the filesystem below, which reads and writes past the gate: every file is read as
 * `cat` would read it, every entry written as `>` would write it, and counted against the write quota.
 * The whole copy is checked before its first write, so a refused file leaves nothing half-copied.
 * Entries are copied as they are, symlinks as symlinks, as just-bash's own copies do.
 */
export async function copyTree(fs: CopyFs, source: string, target: string, recursive: boolean): Promise<void> {
  const steps = await planCopy(fs, source, target, recursive);
  let bytes = 0;
  for (const step of steps) {
    if (step.kind === 'file') {
      await fs.assertReadable(step.from, 'copy');
      if (fs.inWorkspace(step.to)) bytes += step.size;
    }
    await fs.assertWritable(step.to, 'copy to');
  }
  fs.assertRoom(bytes, 'copy to', target);
  for (const step of steps) {
    if (step.kind === 'directory') {
      await fs.mkdir(step.to, { recursive: true });
    } else if (step.kind === 'symlink') {
      await fs.symlink(await fs.readlink(step.from), step.to);
    } else {
      await fs.writeFile(step.to, await fs.readFileBuffer(step.from));
      await fs.chmod(step.to, step.mode & 0o7777);
    }
  }
}

/** The steps of copying `source` to `target`, appended to `steps` (a big tree holds too many to spread). */
async function planCopy(fs: CopyFs, source: string, target: string, recursive: boolean, steps: CopyStep[] = []): Promise<CopyStep[]> {
  const stat = await fs.lstat(source);
  const step = { from: source, to: target, mode: stat.mode, size: stat.size };
  if (stat.isSymbolicLink) {
    steps.push({ ...step, kind: 'symlink' });
  } else if (stat.isFile) {
    steps.push({ ...step, kind: 'file' });
  } else if (!stat.isDirectory) {
    throw new Error(`EACCES: cannot copy special file '${source}'`);
  } else {
    // Same messages as just-bash's MountableFs, whose copy this replaces.
    if (!recursive) throw new Error(`cp: ${source} is a directory (not copied)`);
    if (target === source || target.startsWith(`${source === '/' ? '' : source}/`)) {
      throw new Error(`EINVAL: cannot copy '${source}' into itself, '${target}'`);
    }
    steps.push({ ...step, kind: 'directory' });
    for (const name of await fs.readdir(source)) {
      await planCopy(fs, path.posix.join(source, name), path.posix.join(target, name), true, steps);
    }
  }
  return steps;
}
