/**
 * `--resume auto` in a GitLab job (the template's `resume: auto`): a retried job continues the session its
 * previous attempt left interrupted (a timeout, a cancel, a runner that went away) instead of starting over.
 * GitLab numbers no attempts: a retry is a new job, with a new CI_JOB_ID, of the same name in the same
 * pipeline. So the previous attempt is the latest earlier job of this name in this pipeline
 * (`GET /projects/:id/pipelines/:pipeline_id/jobs?include_retried=true`), and its log comes from its
 * artifacts (`GET /projects/:id/jobs/:job_id/artifacts/*artifact_path`), found through a pointer file of a
 * fixed name that every `--resume auto` job keeps beside its log: `<log folder>/<agent>.resume.json`,
 * naming the log and holding its live seal (src/session-log/seal.ts), rewritten after every event, so
 * whatever a kill leaves on disk is sealed.
 *
 * The log is untrusted input: any job of the pipeline can upload artifacts (a fork's merge request can
 * define jobs), so it is continued only when its seal verifies under this job's key (derived from
 * ANTHROPIC_API_KEY, bound to the project, the pipeline and the job's name), it has no `end`, and it is about this job's
 * event (src/ci/previous-log.ts); the CI stage checks the rest (agent, definitions, profile, applied
 * outputs). Whatever goes wrong, the job says why in one line and starts fresh: resuming saves work, it
 * is never worth a failed job. Loaded only with `--resume auto`.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { previousLogRefusal } from '../ci/previous-log.js';
import { errorMessage } from '../errors.js';
import { GitLabApiError, GitLabClient } from '../hosts/gitlab/index.js';
import { readSessionLog, type ParsedSessionLog } from '../session-log/reader.js';
import { liveSealedPart, LiveSeal, sealKey, type SealPointer } from '../session-log/seal.js';
import type { Trigger } from '../trigger/types.js';

/** A session log downloaded to be continued is at most this big: a long session's is a few MB. */
const MAX_LOG_BYTES = 256 * 1024 * 1024;
/** The pointer file is one short line of JSON. */
const MAX_POINTER_BYTES = 4096;
/** Job statuses of an attempt that may have stopped mid-session. A job that succeeded finished its run. */
const INTERRUPTED = new Set(['failed', 'canceled']);

export interface GitLabResumeJob {
  apiUrl: string;
  token: string;
  anthropicApiKey: string;
  /** CI_PROJECT_ID: the pipeline's project (a fork's, for a merge request pipeline run in the fork), whose jobs are listed. */
  pipelineProjectId?: string;
  pipelineId: string;
  /** CI_JOB_ID and CI_JOB_NAME: this attempt; an earlier job of the same name is the previous one. */
  jobId?: string;
  jobName?: string;
}

/** The job's sealing key: this project, pipeline and job name only (a retry has the same name). */
export function gitLabSealKey(job: GitLabResumeJob): Buffer | undefined {
  if (job.pipelineProjectId === undefined || job.jobName === undefined) return undefined;
  return sealKey(job.anthropicApiKey, { repository: `gitlab:${job.pipelineProjectId}`, runId: job.pipelineId, job: job.jobName });
}

/** The pointer file of `agent`'s log in `logDir`: a name the retried job can ask for. */
export function pointerFile(logDir: string, agent: string): string {
  return join(logDir, `${agent.replace(/[^\w.-]/g, '_')}.resume.json`);
}

/** Keeps `logFile`'s pointer sealed as the run writes it; undefined when the job cannot seal (no CI_PROJECT_ID or CI_JOB_NAME). */
export function liveSeal(job: GitLabResumeJob, logFile: string, logDir: string, agent: string): LiveSeal | undefined {
  const key = gitLabSealKey(job);
  return key === undefined ? undefined : new LiveSeal(logFile, pointerFile(logDir, agent), key);
}

export interface PreviousJobInput {
  job: GitLabResumeJob;
  agent: string;
  /** The event this job runs on (never the log's). */
  trigger: Trigger;
  /** This job's log folder: a log taken is written into it, where the resumed run appends to it. */
  logDir: string;
  /** The log folder inside the project, '/'-separated: where the artifacts hold it; undefined when outside the project. */
  artifactDir: string | undefined;
  /** The job log: a plain line, and a warning. */
  info(message: string): void;
  warn(message: string): void;
}

/** The previous attempt's interrupted log, written into `logDir`; undefined (after a line saying why) to start fresh. */
export async function previousJobLog(input: PreviousJobInput): Promise<ParsedSessionLog | undefined> {
  const { job } = input;
  const fresh = (message: string, level: 'notice' | 'warning' = 'notice') => {
    const line = `resume: ${message} This job starts a fresh run.`;
    if (level === 'notice') input.info(line);
    else input.warn(line);
    return undefined;
  };
  const missing = (['pipelineProjectId', 'jobId', 'jobName'] as const).find((field) => job[field] === undefined);
  if (missing !== undefined) {
    const variable = { pipelineProjectId: 'CI_PROJECT_ID', jobId: 'CI_JOB_ID', jobName: 'CI_JOB_NAME' }[missing];
    return fresh(`${variable} is not set, so the previous attempt of this job cannot be found (GitLab sets it in every CI job).`, 'warning');
  }
  if (input.artifactDir === undefined) {
    return fresh(
      'the log folder is outside the project directory, where GitLab keeps no artifacts, so no earlier attempt left a log to continue.',
      'warning',
    );
  }
  const project = encodeURIComponent(job.pipelineProjectId as string);
  const client = new GitLabClient({ baseUrl: job.apiUrl, token: job.token, tokenKind: 'private', warn: input.warn });
  let written: string | undefined;
  try {
    const listing = `/projects/${project}/pipelines/${encodeURIComponent(job.pipelineId)}/jobs`;
    const jobs = await client.paginate<{ id: number; name: string; status: string }>(listing, { include_retried: true });
    const thisJob = Number(job.jobId);
    const previous = jobs
      .filter((entry) => entry.name === job.jobName && typeof entry.id === 'number' && entry.id < thisJob)
      .sort((a, b) => b.id - a.id)[0];
    if (previous === undefined)
      return fresh(`this is the first attempt of job '${job.jobName}' in pipeline ${job.pipelineId}: there is nothing to continue.`);
    const which = `job ${previous.id} (the previous attempt of '${job.jobName}')`;
    if (!INTERRUPTED.has(previous.status)) return fresh(`${which} ended with status '${previous.status}', so its session finished.`);

    const artifact = (file: string) =>
      `/projects/${project}/jobs/${previous.id}/artifacts/${[...input.artifactDir!.split('/').filter(Boolean), file].map(encodeURIComponent).join('/')}`;
    const pointerName = pointerFile('', input.agent);
    const pointerBytes = await download(client, artifact(pointerName), MAX_POINTER_BYTES);
    if (pointerBytes === 'absent') {
      return fresh(
        `${which} left no ${input.artifactDir}/${pointerName} in its artifacts: it ended before its session log opened, ` +
          'uploaded no artifacts (GitLab uploads none for a cancelled job), ran without resume: auto, or its artifacts expired.',
      );
    }
    const pointer = readPointer(pointerBytes);
    if (typeof pointer === 'string') return fresh(`${which}: ${input.artifactDir}/${pointerName} ${pointer}, so it is not continued.`, 'warning');
    const logBytes = await download(client, artifact(pointer.log), MAX_LOG_BYTES);
    if (logBytes === 'absent')
      return fresh(`the artifacts of ${which} hold no ${input.artifactDir}/${pointer.log}, the log its pointer names.`, 'warning');
    const key = gitLabSealKey(job) as Buffer;
    const sealed = liveSealedPart(pointer, logBytes, key);
    if (sealed === undefined) {
      return fresh(
        `the session log ${pointer.log} of ${which} does not carry a valid seal: it was not written by this job of this pipeline ` +
          `('${job.jobName}') with this ANTHROPIC_API_KEY (any job of the pipeline can upload artifacts), so it is not continued.`,
        'warning',
      );
    }
    written = join(input.logDir, pointer.log);
    // 'wx': a file of that name in this job's folder is not overwritten (a log name holds a random session id).
    writeFileSync(written, sealed, { flag: 'wx' });
    const log = readSessionLog(written);
    const refused = previousLogRefusal(log, input.trigger, which);
    if (refused === undefined) {
      input.info(`resume: found the interrupted session of ${which} in its artifact ${input.artifactDir}/${pointer.log}.`);
      return log;
    }
    rmSync(written, { force: true });
    return fresh(refused.message, refused.level);
  } catch (error) {
    if (written !== undefined) rmSync(written, { force: true });
    return fresh(
      `could not read the previous attempt's session log from pipeline ${job.pipelineId}: ${errorMessage(error)}. The token needs read access to the pipeline's jobs and artifacts (Developer role).`,
      'warning',
    );
  }
}

/** A file of the job's artifacts; 'absent' for GitLab's 404 (no such file, or no artifacts at all). */
async function download(client: GitLabClient, path: string, maxBytes: number): Promise<Buffer | 'absent'> {
  try {
    const bytes = await client.raw(path, {}, maxBytes);
    if (bytes === undefined) throw new Error(`GET ${path} answered more than ${maxBytes} bytes`);
    return bytes;
  } catch (error) {
    if (error instanceof GitLabApiError && error.status === 404) return 'absent';
    throw error;
  }
}

/** The pointer file's fields, or what is wrong with it (it is an artifact: untrusted). */
function readPointer(file: Buffer): SealPointer | string {
  let value: unknown;
  try {
    value = JSON.parse(file.toString('utf8'));
  } catch {
    return 'is not JSON';
  }
  const { log, bytes, seal } = (value ?? {}) as Partial<Record<keyof SealPointer, unknown>>;
  // A bare file name: never a path out of the log folder.
  if (typeof log !== 'string' || !/^[\w-][\w.-]*\.jsonl$/.test(log)) return 'does not name a session log (a *.jsonl file name)';
  if (typeof bytes !== 'number' || !Number.isSafeInteger(bytes) || bytes < 0) return 'does not say how many bytes it seals';
  if (typeof seal !== 'string' || !/^[0-9a-f]{64}$/.test(seal)) return 'holds no seal (64 hex digits)';
  return { log, bytes, seal };
}
