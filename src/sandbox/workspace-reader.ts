import fs from 'node:fs';
import path from 'node:path';
// Types only: this file is on the start-up side of the sandbox, where just-bash is not loaded.
import type { ByteString, FsStat, IFileSystem } from 'just-bash';

type DirentEntry = Awaited<ReturnType<NonNullable<IFileSystem['readdirWithFileTypes']>>>[number];
type ReadOptions = Parameters<IFileSystem['readFile']>[1];

/**
 * Back-to-back calls after which the next one first gives the event loop a turn (timers, aborts,
 * output). A count, not a clock: these methods also run inside the shell's scripts, where just-bash's
 * defense-in-depth blocks `performance`, timers and `Math`, so this file uses none of them.
 */
const YIELD_EVERY_CALLS = 64;

/**
 * The read side of the checkout as just-bash's ReadWriteFs (allowSymlinks) does it, in synchronous
 * system calls, without just-bash. Paths are inside the mount: `/` is the root. Every read of the
 * workspace, by a tool or the shell, before just-bash is loaded or after, is this class's (BackingFs).
 *
 * Why: reads are most of what an agent does, and each of ReadWriteFs's promise-based calls is a trip
 * through libuv's thread pool; a `read` of a small file took six of them, about 1.4 ms of a turn while
 * the loop was busy, against microseconds for the same system calls made directly. And without
 * just-bash, a run whose agent only reads, greps and globs never loads its 700 KB (see create.ts).
 *
 * The rules are ReadWriteFs's: a path is resolved with realpath and must stay inside the root, else it
 * is refused (EACCES "resolves outside sandbox"; realpath says ENOENT); the error messages are its
 * messages, naming the path as given, never the real one (workspace-reader.test.ts holds both to the same
 * answers). One thing is stricter: only regular files are read, so a FIFO planted in a repository cannot
 * hang the run. Every YIELD_EVERY_CALLS calls (a grep over a large tree makes thousands) one waits for a
 * real asynchronous call first, so a time limit still fires on time.
 *
 * With `definitions` (a pull-request run), the root-level names it lists (`.flue`, AGENTS.md...) are
 * read from the definitions copy instead, as a read-only mount over them would show it, and the
 * checkout's own files under those names are out of reach: a path that resolves into them (a symlink
 * `docs -> .flue`) is refused. Only realpath still names where such a path leads, so that the gate
 * refuses a write through it as it refuses a write to the protected path itself.
 */
export class WorkspaceReader {
  readonly #root: string;
  readonly #maxReadBytes: number;
  readonly #definitions: ServedDefinitions | undefined;
  readonly #definitionNames: ReadonlySet<string>;
  #callsSinceYield = 0;

  /** `root` and `definitions.root` must be canonical (realpath'd): the sandbox passes resolved paths. */
  constructor(root: string, maxReadBytes: number, definitions?: ServedDefinitions) {
    this.#root = root;
    this.#maxReadBytes = maxReadBytes;
    this.#definitions = definitions;
    this.#definitionNames = new Set(definitions?.names.map((name) => name.toLowerCase()));
  }

  /** ReadWriteFs's readFile: the bytes decoded as just-bash decodes them (see `decode`). */
  async readFile(file: string, options?: ReadOptions): Promise<string> {
    const encoding = typeof options === 'string' ? options : (options?.encoding ?? undefined);
    return decode(await this.readFileBuffer(file), encoding);
  }

  /** ReadWriteFs's readFileBytes: one character per byte. */
  async readFileBytes(file: string): Promise<ByteString> {
    const bytes = await this.readFileBuffer(file);
    // ByteString only brands a latin1 string; just-bash's unsafeBytesFromLatin1 is this cast, but it lives in just-bash.
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1') as unknown as ByteString;
  }

  async readFileBuffer(file: string): Promise<Uint8Array> {
    await this.#pace();
    const real = this.#resolve(file, 'open');
    let fd: number;
    try {
      // O_NONBLOCK: opening a FIFO must not wait for a writer; fstat below refuses it.
      fd = fs.openSync(real, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
    } catch (error) {
      throw fsError(error, file, 'open');
    }
    try {
      const stat = fs.fstatSync(fd);
      if (stat.isDirectory()) throw new Error(`EISDIR: illegal operation on a directory, read '${file}'`);
      if (!stat.isFile()) throw new Error(`EACCES: permission denied, '${file}' is not a regular file`);
      if (stat.size > this.#maxReadBytes) {
        throw new Error(`EFBIG: file too large, read '${file}' (${stat.size} bytes, max ${this.#maxReadBytes})`);
      }
      return readWhole(fd, stat.size, this.#maxReadBytes, file);
    } finally {
      fs.closeSync(fd);
    }
  }

  async exists(file: string): Promise<boolean> {
    if (file.includes('\0')) return false;
    await this.#pace();
    const resolved = this.#contained(this.#realPath(file));
    if ('refused' in resolved) return false;
    return fs.existsSync(resolved.real);
  }

  async stat(file: string): Promise<FsStat> {
    await this.#pace();
    const real = this.#resolve(file, 'stat');
    try {
      return toFsStat(fs.lstatSync(real));
    } catch (error) {
      throw fsError(error, file, 'stat');
    }
  }

  /** The entry itself, not what a symlink points to: only its parent is resolved (ReadWriteFs's validateParent). */
  async lstat(file: string): Promise<FsStat> {
    assertNoNullByte(file, 'lstat');
    await this.#pace();
    const real = this.#realPath(file);
    const parent = this.#contained(path.dirname(real));
    if ('refused' in parent) throw refusal(file, parent.refused);
    try {
      return toFsStat(fs.lstatSync(path.join(parent.real, path.basename(real))));
    } catch (error) {
      throw fsError(error, file, 'lstat');
    }
  }

  async readdir(dir: string): Promise<string[]> {
    return (await this.readdirWithFileTypes(dir)).map((entry) => entry.name);
  }

  async readdirWithFileTypes(dir: string): Promise<DirentEntry[]> {
    await this.#pace();
    const real = this.#resolve(dir, 'scandir');
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(real, { withFileTypes: true });
    } catch (error) {
      throw fsError(error, dir, 'scandir');
    }
    let listed = entries.map(toDirent);
    // The root lists the copy's definition paths in place of the checkout's own, as a mount over them would.
    if (this.#definitions && real === this.#root) {
      listed = [...listed.filter((entry) => !this.#isDefinition(entry.name)), ...this.#servedEntries(this.#definitions.root)];
    }
    return listed.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  /**
   * Every path of the mount (ReadWriteFs's getAllPaths, which `ls` with a glob pattern scans), with the
   * checkout's own definition paths replaced by the copy's.
   */
  withServedPaths(listed: string[]): string[] {
    const definitions = this.#definitions;
    if (!definitions) return listed;
    const served: string[] = [];
    const walk = (dir: string): void => {
      for (const entry of fs.readdirSync(path.join(definitions.root, dir), { withFileTypes: true })) {
        const inside = path.posix.join(dir, entry.name);
        served.push(inside);
        if (entry.isDirectory()) walk(inside);
      }
    };
    for (const entry of this.#servedEntries(definitions.root)) {
      served.push(`/${entry.name}`);
      if (entry.isDirectory) walk(`/${entry.name}`);
    }
    return [...listed.filter((file) => !this.#isDefinition(file.slice(1))), ...served].sort();
  }

  /** The definition paths present at the top of the copy. */
  #servedEntries(root: string): DirentEntry[] {
    try {
      return fs
        .readdirSync(root, { withFileTypes: true })
        .filter((entry) => this.#isDefinition(entry.name))
        .map(toDirent);
    } catch {
      return [];
    }
  }

  async realpath(file: string): Promise<string> {
    assertNoNullByte(file, 'realpath');
    await this.#pace();
    // As ReadWriteFs: a path that cannot be resolved inside the root does not exist, whatever the reason.
    // A path into the checkout's own definitions is named, not refused: see the class comment.
    if ('refused' in this.#contained(this.#realPath(file), { headDefinitions: true })) {
      throw new Error(`ENOENT: no such file or directory, realpath '${file}'`);
    }
    let real: string;
    try {
      real = fs.realpathSync.native(this.#realPath(file));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ELOOP') throw new Error(`ELOOP: too many levels of symbolic links, realpath '${file}'`);
      throw fsError(error, file, 'realpath');
    }
    // A definition path answers inside the copy, as a path of the mount it stands for.
    const served = this.#rootOf(file);
    const root = isWithin(real, served) ? served : this.#root;
    if (!isWithin(real, root)) throw new Error(`ENOENT: no such file or directory, realpath '${file}'`);
    if (real === root) return '/';
    return root === '/' ? real : real.slice(root.length);
  }

  /** Where `file` (a path inside the mount, `/` being the root) is on disk, before symlinks. */
  #realPath(file: string): string {
    return path.join(this.#rootOf(file), path.posix.resolve('/', file));
  }

  /** The folder `file` is read under: the definitions copy for a definition path, else the checkout. */
  #rootOf(file: string): string {
    const definitions = this.#definitions;
    return definitions && this.#isDefinition(path.posix.resolve('/', file).slice(1)) ? definitions.root : this.#root;
  }

  /** Whether a root-relative path is one of the definition paths served from the copy. */
  #isDefinition(relative: string): boolean {
    const first = relative.split('/', 1)[0] ?? '';
    return this.#definitionNames.has(first.toLowerCase());
  }

  /** The symlink-resolved real path of `file`, refused when it leaves the root (ReadWriteFs's resolveAndValidate). */
  #resolve(file: string, operation: string): string {
    assertNoNullByte(file, operation);
    const resolved = this.#contained(this.#realPath(file));
    if ('refused' in resolved) throw refusal(file, resolved.refused);
    return resolved.real;
  }

  /**
   * realpath of `real` when it stays inside the root (or the definitions copy). A path that does not
   * exist resolves through its deepest existing ancestor (so the later call reports ENOENT, as
   * ReadWriteFs does); a dangling symlink is followed to its target's place, which must be inside too.
   */
  #contained(real: string, options: { headDefinitions?: boolean } = {}, depth = 0): Containment {
    try {
      return this.#allowed(fs.realpathSync.native(real), options);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || depth > 40) return { refused: 'outside' };
    }
    const parent = path.dirname(real);
    if (parent === real) return { refused: 'outside' };
    const resolvedParent = this.#contained(parent, options, depth + 1);
    if ('refused' in resolvedParent) return resolvedParent;
    try {
      if (fs.lstatSync(real).isSymbolicLink()) {
        const target = fs.readlinkSync(real);
        return this.#contained(path.resolve(path.dirname(real), target), options, depth + 1);
      }
    } catch {
      // Not there at all: the missing path under its resolved parent.
    }
    return { real: path.join(resolvedParent.real, path.basename(real)) };
  }

  /** A resolved real path, if the reader may serve it: inside the root but not the checkout's own definitions, or inside the copy. */
  #allowed(resolved: string, options: { headDefinitions?: boolean }): Containment {
    if (this.#definitions && isWithin(resolved, this.#definitions.root)) return { real: resolved };
    if (!isWithin(resolved, this.#root)) return { refused: 'outside' };
    const relative = resolved === this.#root ? '' : resolved.slice(this.#root === '/' ? 1 : this.#root.length + 1);
    if (this.#definitions && !options.headDefinitions && this.#isDefinition(relative)) return { refused: 'definitions' };
    return { real: resolved };
  }

  /** Every YIELD_EVERY_CALLS calls, one trip through the thread pool: the event loop runs its timers meanwhile. */
  async #pace(): Promise<void> {
    if (++this.#callsSinceYield < YIELD_EVERY_CALLS) return;
    this.#callsSinceYield = 0;
    await fs.promises.access(this.#root).catch(() => undefined);
  }
}

/** Definition paths served from a copy instead of the checkout (see WorkspaceReader). */
export interface ServedDefinitions {
  /** Canonical (realpath'd) folder holding the copy, laid out as the repository is. */
  root: string;
  /** Root-level names served from it, compared case-insensitively. */
  names: readonly string[];
}

type Containment = { real: string } | { refused: 'outside' | 'definitions' };

/** ReadWriteFs's refusal of a path that leaves the root; one of our own for the checkout's definitions. */
function refusal(file: string, reason: 'outside' | 'definitions'): Error {
  return reason === 'outside'
    ? new Error(`EACCES: permission denied, '${file}' resolves outside sandbox`)
    : new Error(`EACCES: permission denied, '${file}' resolves into the pull request's own definitions; this run serves them from the base commit`);
}

function readWhole(fd: number, size: number, max: number, file: string): Uint8Array {
  // The size fstat gave, plus whatever a file still being written has gained since, up to the limit.
  // No Math here: see YIELD_EVERY_CALLS.
  let buffer = Buffer.allocUnsafe(size > 0 ? size : 1);
  let length = 0;
  for (;;) {
    if (length === buffer.length) {
      if (length > max) throw new Error(`EFBIG: file too large, read '${file}' (more than ${max} bytes)`);
      // biome-ignore lint/complexity/useMathMinMax: just-bash blocks Math inside the scripts this runs in (see YIELD_EVERY_CALLS).
      const grown = Buffer.allocUnsafe(buffer.length * 2 < max + 1 ? buffer.length * 2 : max + 1);
      buffer.copy(grown, 0, 0, length);
      buffer = grown;
    }
    const read = fs.readSync(fd, buffer, length, buffer.length - length, null);
    if (read === 0) break;
    length += read;
  }
  if (length > max) throw new Error(`EFBIG: file too large, read '${file}' (more than ${max} bytes)`);
  return new Uint8Array(buffer.buffer, buffer.byteOffset, length);
}

// Made when this module loads: see YIELD_EVERY_CALLS.
const utf8 = new TextDecoder();

/**
 * Text as just-bash's ReadWriteFs decodes it: base64, hex, latin1 (`binary`) as Buffer does; anything
 * else as UTF-8 by TextDecoder, which drops a byte-order mark and turns a bad sequence into U+FFFD.
 */
function decode(bytes: Uint8Array, encoding: string | undefined): string {
  if (encoding === 'base64' || encoding === 'hex' || encoding === 'binary' || encoding === 'latin1') {
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString(encoding);
  }
  return utf8.decode(bytes);
}

function toDirent(entry: fs.Dirent): DirentEntry {
  return { name: entry.name, isFile: entry.isFile(), isDirectory: entry.isDirectory(), isSymbolicLink: entry.isSymbolicLink() };
}

function toFsStat(stat: fs.Stats): FsStat {
  return {
    isFile: stat.isFile(),
    isDirectory: stat.isDirectory(),
    isSymbolicLink: stat.isSymbolicLink(),
    mode: stat.mode,
    size: stat.size,
    mtime: stat.mtime,
    dev: stat.dev,
    ino: stat.ino,
    identity: `real:${stat.dev}:${stat.ino}`,
  };
}

const isWithin = (real: string, root: string): boolean => real === root || real.startsWith(root.endsWith('/') ? root : `${root}/`);

function assertNoNullByte(file: string, operation: string): void {
  if (file.includes('\0')) throw new Error(`ENOENT: path contains null byte, ${operation} '${file}'`);
}

/** ReadWriteFs's wording for a system call's error: the code and the path as given, never the real path. */
function fsError(error: unknown, file: string, operation: string): Error {
  const code = (error as NodeJS.ErrnoException).code ?? 'EIO';
  switch (code) {
    case 'ENOENT':
      return new Error(`ENOENT: no such file or directory, ${operation} '${file}'`);
    case 'EISDIR':
      return new Error(`EISDIR: illegal operation on a directory, read '${file}'`);
    case 'ENOTDIR':
      // ReadWriteFs words it so for a listing only; elsewhere it is one of its generic messages.
      return new Error(operation === 'scandir' ? `ENOTDIR: not a directory, scandir '${file}'` : `ENOTDIR: ${operation} '${file}'`);
    default:
      return new Error(`${code}: ${operation} '${file}'`);
  }
}
