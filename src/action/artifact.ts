/**
 * The session log and its HTML report, uploaded as one workflow artifact. An upload is a courtesy
 * next to the run itself: when it fails (no artifact service, GitHub Enterprise Server, a network
 * error) the step says so in a warning and keeps its own status.
 */
import { existsSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import * as core from '@actions/core';
import { artifactUrl, runUrl, type RunnerEnvironment } from './environment.js';

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
 * Uploads `logFile` and, when it exists, its `.html` report beside it. Returns undefined after
 * warning when the upload fails: an artifact is never worth a failed step.
 */
export async function uploadSessionArtifact(logFile: string, name: string): Promise<UploadedArtifact | undefined> {
  const report = logFile.replace(/\.jsonl$/, '.html');
  const files = [logFile, ...(report !== logFile && existsSync(report) ? [report] : [])];
  try {
    // Loaded here, not at start-up: the artifact client and its Azure storage stack are a third of the
    // bundle and only the last seconds of a run need them.
    const { DefaultArtifactClient } = await import('@actions/artifact');
    const { id } = await new DefaultArtifactClient().uploadArtifact(name, files, dirname(logFile));
    core.info(`Uploaded the session log as artifact '${name}' (${files.map((file) => basename(file)).join(', ')}).`);
    return id === undefined ? { name } : { name, id };
  } catch (error) {
    core.warning(
      `Could not upload the session log as artifact '${name}': ${(error as Error).message}. ` +
        `The log stays at ${logFile} until the job ends.`,
    );
    return undefined;
  }
}

/** The artifact's page; the run's page (which lists artifacts) when the service gave no id; nothing when not uploaded. */
export function artifactLink(environment: RunnerEnvironment, uploaded: UploadedArtifact | undefined): string | undefined {
  const [owner, name] = environment.repository?.split('/') ?? [];
  if (uploaded === undefined || !owner || !name) return undefined;
  return uploaded.id === undefined ? runUrl(environment, { owner, name }) : artifactUrl(environment, { owner, name }, uploaded.id);
}
