/**
 * `resume: auto`: a re-run (GITHUB_RUN_ATTEMPT 2 and on) whose previous attempt of this job was killed
 * continues that attempt's session from its log, the artifact the attempt uploaded (its main step, or its
 * post step after a kill), instead of starting over. Only this workflow run's artifacts are listed (its run
 * id, its repository, through the GitHub API with the `github-token`, which needs `actions: read`), and
 * only the one named for the previous attempt of this job is taken. The log is untrusted input: it is
 * refused here unless it carries this run's seal (src/session-log/seal.ts) and is about the event this attempt runs on, and the CI stage checks the rest
 * (agent, definitions, profile, applied outputs: src/ci/stage.ts). Whatever goes wrong, the run starts
 * fresh with a notice or a warning that says why: resuming saves work, it is never worth a failed step.
 * Loaded only on a re-run with the input set (run.ts): a first attempt never carries it, nor the artifact client.
 */
import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import * as core from '@actions/core';
import { previousLogRefusal } from '../ci/previous-log.js';
import { errorMessage } from '../errors.js';
import { terminalSafe } from '../report/terminal.js';
import { readSessionLog, type ParsedSessionLog } from '../session-log/reader.js';
import type { Trigger } from '../trigger/types.js';
import { artifactName } from './artifact.js';
import type { RunnerEnvironment } from './environment.js';
import { sealFile, sealMatches } from '../session-log/seal.js';

export interface PreviousAttemptInput {
  /** The `github-token` input: lists and downloads the run's artifacts. */
  token: string;
  /** The `artifact-name` input, as the previous attempt named its artifact with it. */
  prefix: string;
  environment: RunnerEnvironment;
  /** GITHUB_REPOSITORY: the repository whose run's artifacts are listed. */
  repository: { owner: string; name: string };
  /** The event this attempt runs on (never the log's). */
  trigger: Trigger;
  /** The run's sealing key (src/session-log/seal.ts): only a log sealed with it is continued. */
  sealKey: Buffer | undefined;
  /** This attempt's log folder: a log taken is copied into it, where the resumed run appends to it. */
  logDir: string;
}

/** The previous attempt's interrupted log, copied into `logDir`; undefined (after a notice or warning) to start fresh. */
export async function previousAttemptLog(input: PreviousAttemptInput): Promise<ParsedSessionLog | undefined> {
  const { environment, trigger } = input;
  const previous = Number(environment.runAttempt) - 1;
  const runId = Number(environment.runId);
  if (!(previous >= 1) || !(runId > 0)) return undefined;
  const fresh = (message: string, level: 'notice' | 'warning' = 'notice') => {
    // It may quote the log, which is untrusted: one line, no workflow command.
    const line = terminalSafe(`resume: ${message} This attempt starts a fresh run.`);
    if (level === 'notice') core.notice(line);
    else core.warning(line);
    return undefined;
  };
  const { owner, name } = input.repository;
  // Named as src/action/artifact.ts names an upload; the session id's start follows the last dash.
  const stem = artifactName({ prefix: input.prefix, job: environment.job, attempt: String(previous) }, '');
  const findBy = { token: input.token, workflowRunId: runId, repositoryOwner: owner, repositoryName: name };
  let downloadDir: string | undefined;
  let copied: string | undefined;
  try {
    // Loaded here, like the upload's: the artifact client is a third of the bundle.
    const { DefaultArtifactClient } = await import('@actions/artifact');
    const client = new DefaultArtifactClient();
    const { artifacts } = await client.listArtifacts({ latest: true, findBy });
    const candidates = artifacts.filter((artifact) => artifact.name.startsWith(stem) && /^[0-9a-zA-Z]{1,8}$/.test(artifact.name.slice(stem.length)));
    if (candidates.length === 0)
      return fresh(`run ${runId} has no session-log artifact of attempt ${previous} of job '${environment.job}' (${stem}…).`);
    if (candidates.length > 1) {
      const names = candidates.map((artifact) => artifact.name).join(', ');
      return fresh(
        `attempt ${previous} of job '${environment.job}' left ${candidates.length} session logs (${names}: a matrix, or two flue steps with one artifact-name), so which one to continue is unclear.`,
      );
    }
    const [artifact] = candidates as [(typeof candidates)[number]];
    downloadDir = mkdtempSync(join(dirname(input.logDir), 'previous-attempt-'));
    await quietly(() => client.downloadArtifact(artifact.id, { path: downloadDir as string, findBy }));
    const logs = readdirSync(downloadDir).filter((entry) => entry.endsWith('.jsonl'));
    if (logs.length !== 1) return fresh(`artifact '${artifact.name}' holds ${logs.length} session logs (*.jsonl), not one.`, 'warning');
    const source = join(downloadDir, logs[0] as string);
    if (!sealed(source, input.sealKey)) {
      return fresh(
        `artifact '${artifact.name}' holds a session log without a valid seal: it was not uploaded by this job's flue step in this ` +
          'workflow run with this anthropic-api-key (any job of the run can upload an artifact), so it is not continued.',
        'warning',
      );
    }
    copied = join(input.logDir, basename(source));
    copyFileSync(source, copied);
    const log = readSessionLog(copied);
    const refused = previousLogRefusal(log, trigger, `attempt ${previous}`);
    if (refused === undefined) {
      core.info(`resume: continuing the session of attempt ${previous} from artifact '${artifact.name}'.`);
      return log;
    }
    // Not left in the log folder, where the post step would take it for this attempt's.
    rmSync(copied, { force: true });
    return fresh(refused.message, refused.level);
  } catch (error) {
    if (copied !== undefined) rmSync(copied, { force: true });
    return fresh(
      `could not read the session log of attempt ${previous} from run ${runId}'s artifacts: ${errorMessage(error)}. ` +
        'Listing them needs `permissions: actions: read` for the github-token.',
      'warning',
    );
  } finally {
    if (downloadDir !== undefined) rmSync(downloadDir, { recursive: true, force: true });
  }
}

/** Whether the seal beside `file` (uploaded with it) is `file`'s under `key`. */
function sealed(file: string, key: Buffer | undefined): boolean {
  const seal = sealFile(file);
  return key !== undefined && existsSync(seal) && sealMatches(file, seal, key);
}

/**
 * Runs `use` with Node's deprecation warnings off: the client's unzipper calls `new Buffer()`, whose
 * warning would land on the step's stderr in every resumed run (Node checks the flag when it warns).
 */
async function quietly<T>(use: () => Promise<T>): Promise<T> {
  const before = process.noDeprecation;
  process.noDeprecation = true;
  try {
    return await use();
  } finally {
    process.noDeprecation = before;
  }
}
