/**
 * The session log and its HTML report, uploaded as one workflow artifact. An upload is a courtesy
 * next to the run itself: when it fails (no artifact service, GitHub Enterprise Server, a network
 * error) the step says so in a warning and keeps its own status.
 */
import { existsSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import * as core from '@actions/core';
import type { Environment } from '../secrets/variables.js';
import { artifactUrl, runUrl, type RunnerEnvironment } from './environment.js';
import { writeSeal } from '../session-log/seal.js';

export interface ArtifactNaming {
  /** The `artifact-name` input. */
  prefix: string;
  /** GITHUB_JOB and GITHUB_RUN_ATTEMPT: names must be unique in a workflow run, across jobs and re-runs. */
  job: string;
  attempt: string;
}

/** `flue-session-triage-1-1a2b3c4d`: the session id's start keeps two runs of one job apart (a matrix). */
export function artifactName(naming: ArtifactNaming, sessionId: string): string {
  const clean = (value: string) => value.replace(/[":<>|*?\r\n\\/]/g, '_');
  return `${naming.prefix}-${clean(naming.job)}-${clean(naming.attempt)}-${sessionId.slice(0, 8)}`;
}

export interface UploadedArtifact {
  name: string;
  id?: number;
}

/**
 * The step's `ACTIONS_*` variables, from the environment it started with: @actions/artifact reads
 * ACTIONS_RUNTIME_TOKEN and ACTIONS_RESULTS_URL (and its tuning variables) from `process.env`, where
 * the runner no longer keeps them (src/secrets/start.ts).
 */
export function artifactService(env: Environment): Environment {
  return Object.fromEntries(Object.entries(env).filter(([name]) => name.startsWith('ACTIONS_')));
}

/**
 * Uploads `logFile` and, when it exists, its `.html` report beside it, and its seal when given a key. Returns undefined after
 * warning when the upload fails: an artifact is never worth a failed step.
 */
export async function uploadSessionArtifact(logFile: string, name: string, service: Environment, seal?: Buffer): Promise<UploadedArtifact | undefined> {
  const report = logFile.replace(/\.jsonl$/, '.html');
  // With the seal that lets a re-run with `resume: auto` trust it is this workflow's log (src/session-log/seal.ts).
  const sealed = seal === undefined ? undefined : writeSeal(logFile, seal);
  const files = [logFile, ...(report !== logFile && existsSync(report) ? [report] : []), ...(sealed === undefined ? [] : [sealed])];
  try {
    // Loaded here, not at start-up: the artifact client and its Azure storage stack are a third of the
    // bundle and only the last seconds of a run need them.
    const { DefaultArtifactClient } = await import('@actions/artifact');
    const { id } = await withVariables(service, () => new DefaultArtifactClient().uploadArtifact(name, files, dirname(logFile)));
    core.info(`Uploaded the session log as artifact '${name}' (${files.map((file) => basename(file)).join(', ')}).`);
    return id === undefined ? { name } : { name, id };
  } catch (error) {
    core.warning(
      `Could not upload the session log as artifact '${name}': ${(error as Error).message}. ` + `The log stays at ${logFile} until the job ends.`,
    );
    return undefined;
  }
}

/**
 * Sets `variables` in `process.env` for `use` and deletes them after. Only the upload at the end of a
 * run needs them: the agent's code and tools are done, and a command still alive could not see them
 * anyway (a process's environment block is fixed when it starts; this changes memory only).
 */
async function withVariables<T>(variables: Environment, use: () => Promise<T>): Promise<T> {
  Object.assign(process.env, variables);
  try {
    return await use();
  } finally {
    for (const name of Object.keys(variables)) delete process.env[name];
  }
}

/** The artifact's page; the run's page (which lists artifacts) when the service gave no id; nothing when not uploaded. */
export function artifactLink(environment: RunnerEnvironment, uploaded: UploadedArtifact | undefined): string | undefined {
  const [owner, name] = environment.repository?.split('/') ?? [];
  if (uploaded === undefined || !owner || !name) return undefined;
  return uploaded.id === undefined ? runUrl(environment, { owner, name }) : artifactUrl(environment, { owner, name }, uploaded.id);
}
