/**
 * A session log's seal: an HMAC-SHA256 of the log's bytes, under a key derived from the step's
 * `anthropic-api-key` and bound to the workflow run and the job, uploaded in the artifact beside the log
 * as `<log>.seal`. `resume: auto` continues only a log whose seal it can compute again: any job of a
 * workflow run can upload an artifact under the name the next attempt looks for (a job that builds a
 * pull request's code holds the same artifact token), but only a step given the key can seal one, and
 * only this job's: another job's flue step (another prompt, another event's checkout) seals its own log
 * for its own job, and a copy of it re-uploaded under this job's name is not this job's session.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';

/** The seal's file, beside the log: `triage-....seal` for `triage-....jsonl`. */
export const sealFile = (logFile: string): string => logFile.replace(/\.jsonl$/, '') + '.seal';

/** The job's sealing key in this run (GITHUB_JOB); undefined without an API key (nothing is sealed, and nothing resumes). */
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
