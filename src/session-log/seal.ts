/**
 * A session log's seal: an HMAC-SHA256 under a key derived from the run's Anthropic API key and bound to
 * the CI run and the job (GitHub: repository, workflow run, GITHUB_JOB; GitLab: project, pipeline,
 * CI_JOB_NAME). A retried job or a re-run continues only a log whose seal it can compute again: any job of
 * the run can upload an artifact where the next attempt looks (a job that builds a pull request's or a
 * fork's code among them), but only a step given the key can seal one, and only this job's: another job's
 * flue step (another prompt, another event's checkout) seals its own log for its own job, and a copy of it
 * re-uploaded under this job's name is not this job's session.
 *
 * Two forms. The action seals the log once, when it uploads it: `<log>.seal` beside it holds the HMAC of
 * the log's bytes. A GitLab job is killed without warning (a timeout, a cancel) and its artifacts are
 * whatever is on disk then, so it keeps a live seal (LiveSeal): after every event, a small pointer file
 * beside the log names the log and holds the HMAC of its name and the SHA-256 of its bytes so far, the
 * digest carried on from the bytes already read (a whole log is never hashed twice).
 */
import { createHash, createHmac, timingSafeEqual, type Hash } from 'node:crypto';
import { closeSync, openSync, readFileSync, readSync, renameSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** The seal's file, beside the log: `triage-....seal` for `triage-....jsonl`. */
export const sealFile = (logFile: string): string => logFile.replace(/\.jsonl$/, '') + '.seal';

/**
 * The job's sealing key in this run (GITHUB_JOB; a GitLab job passes `gitlab:<project id>`, its pipeline id
 * and CI_JOB_NAME); undefined without an API key (nothing is sealed, and nothing resumes).
 */
export function sealKey(apiKey: string, run: { repository?: string; runId: string; job: string }): Buffer | undefined {
  if (apiKey === '') return undefined;
  return createHmac('sha256', apiKey)
    .update(`flue-action session-log seal\n${run.repository ?? ''}\n${run.runId}\n${run.job}`)
    .digest();
}

const sealOf = (logFile: string, key: Buffer): string => createHmac('sha256', key).update(readFileSync(logFile)).digest('hex');

/** Writes the seal beside `logFile`; returns its path, or undefined when it could not be written (a full disk). */
export function writeSeal(logFile: string, key: Buffer): string | undefined {
  try {
    const file = sealFile(logFile);
    writeFileSync(file, `${sealOf(logFile, key)}\n`);
    return file;
  } catch {
    return undefined;
  }
}

/** Whether the seal at `seal` is `logFile`'s under `key`. */
export function sealMatches(logFile: string, seal: string, key: Buffer): boolean {
  const expected = Buffer.from(sealOf(logFile, key));
  const given = Buffer.from(readFileSync(seal, 'utf8').trim());
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * What a live seal's pointer file holds: the log's file name (in the same folder), how many of its bytes
 * the seal covers, and the seal. A kill between a log line and the pointer's update leaves the log longer
 * than `bytes`: the sealed part is still continued, and the line after it is not taken.
 */
export interface SealPointer {
  log: string;
  bytes: number;
  seal: string;
}

/** The live seal of a log's name, length and bytes: what LiveSeal writes and liveSealedPart checks. */
const liveSealOf = (log: string, bytes: number, digest: string, key: Buffer): string =>
  createHmac('sha256', key).update(`${log}\n${bytes}\n${digest}`).digest('hex');

/**
 * Keeps `pointerFile` sealing `logFile` as it grows: call `update()` after each event (the log writes each
 * line with one synchronous write, so the file then ends on a whole line). The pointer is replaced by a
 * rename, so a kill mid-update leaves the previous one whole. Never throws: a run is not failed because
 * the seal that would let it resume could not be written (the next attempt then starts fresh).
 */
export class LiveSeal {
  readonly #hash: Hash = createHash('sha256');
  #offset = 0;

  constructor(
    private readonly logFile: string,
    private readonly pointerFile: string,
    private readonly key: Buffer,
  ) {}

  update(): void {
    try {
      const fd = openSync(this.logFile, 'r');
      try {
        const chunk = Buffer.alloc(64 * 1024);
        for (let read = readSync(fd, chunk, 0, chunk.length, this.#offset); read > 0; read = readSync(fd, chunk, 0, chunk.length, this.#offset)) {
          this.#hash.update(chunk.subarray(0, read));
          this.#offset += read;
        }
      } finally {
        closeSync(fd);
      }
      const log = basename(this.logFile);
      const pointer: SealPointer = { log, bytes: this.#offset, seal: liveSealOf(log, this.#offset, this.#hash.copy().digest('hex'), this.key) };
      const next = join(dirname(this.pointerFile), `.${basename(this.pointerFile)}.next`);
      writeFileSync(next, `${JSON.stringify(pointer)}\n`);
      renameSync(next, this.pointerFile);
    } catch {
      // The digest stays in step with #offset: the next event tries again.
    }
  }
}

/**
 * The part of `content` (the log named by `pointer`) that `pointer` seals under `key`: its first
 * `pointer.bytes` bytes, or undefined when they do not match (or the log is shorter).
 */
export function liveSealedPart(pointer: SealPointer, content: Buffer, key: Buffer): Buffer | undefined {
  if (content.length < pointer.bytes) return undefined;
  const sealed = content.subarray(0, pointer.bytes);
  const expected = Buffer.from(liveSealOf(pointer.log, pointer.bytes, createHash('sha256').update(sealed).digest('hex'), key));
  const given = Buffer.from(pointer.seal);
  return given.length === expected.length && timingSafeEqual(given, expected) ? sealed : undefined;
}
