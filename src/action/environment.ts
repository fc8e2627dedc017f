/**
 * What the runner tells every step through the environment (not inputs): the event, the run's ids
 * and addresses, the temp folder. Read once, like the inputs.
 */
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { errorMessage, InputError } from '../errors.js';
import type { Environment } from '../secrets/variables.js';
import { oneLine } from '../text/index.js';

export interface RunnerEnvironment {
  /** GITHUB_EVENT_NAME: `issues`, `issue_comment`, ... */
  eventName: string;
  /** GITHUB_EVENT_PATH: the webhook payload the run was started by. */
  eventPath: string;
  /** GITHUB_REPOSITORY `owner/name`; the fallback for payloads without `repository` (schedule on old runners). */
  repository?: string;
  /**
   * GITHUB_SHA: the commit the workflow itself runs from, which writers chose. A run whose checkout may
   * hold someone else's definitions (untrusted, workflow_run) reads them there, through the API.
   */
  sha?: string;
  /** GITHUB_RUN_ID: one workflow run, the same across re-runs. */
  runId: string;
  /** GITHUB_RUN_ATTEMPT: 1, then 2 on the first re-run. */
  runAttempt: string;
  /** GITHUB_JOB: the job's id in the workflow. */
  job: string;
  /** GITHUB_SERVER_URL, for links to the run and its artifacts. */
  serverUrl: string;
  /** GITHUB_API_URL; GitHub Enterprise Server has its own. */
  apiUrl: string;
  /** RUNNER_TEMP: emptied after each job, so session logs do not outlive it. */
  runnerTemp: string;
  /** ANTHROPIC_BASE_URL: a gateway, or the test suite's fake. */
  anthropicBaseUrl?: string;
}

/** From the environment the step started with (src/secrets/start.ts), like the inputs. */
export function readRunnerEnvironment(env: Environment): RunnerEnvironment {
  const eventName = env.GITHUB_EVENT_NAME?.trim();
  const eventPath = env.GITHUB_EVENT_PATH?.trim();
  if (!eventName || !eventPath) {
    throw new InputError(
      'GITHUB_EVENT_NAME and GITHUB_EVENT_PATH are not set: this action runs in a GitHub Actions job. ' +
        'To run an agent elsewhere, use the CLI: npx flue-action run <agent> --event <payload.json>.',
    );
  }
  return {
    eventName,
    eventPath,
    repository: env.GITHUB_REPOSITORY?.trim() || undefined,
    sha: env.GITHUB_SHA?.trim() || undefined,
    runId: env.GITHUB_RUN_ID?.trim() || '0',
    runAttempt: env.GITHUB_RUN_ATTEMPT?.trim() || '1',
    job: env.GITHUB_JOB?.trim() || 'job',
    serverUrl: (env.GITHUB_SERVER_URL?.trim() || 'https://github.com').replace(/\/+$/, ''),
    apiUrl: (env.GITHUB_API_URL?.trim() || 'https://api.github.com').replace(/\/+$/, ''),
    runnerTemp: env.RUNNER_TEMP?.trim() || tmpdir(),
    anthropicBaseUrl: env.ANTHROPIC_BASE_URL?.trim() || undefined,
  };
}

/** The payload as parsed JSON; the trigger stage reads its fields. */
export function readEventPayload(environment: RunnerEnvironment): unknown {
  let text: string;
  try {
    text = readFileSync(environment.eventPath, 'utf8');
  } catch (error) {
    throw new InputError(`Cannot read GITHUB_EVENT_PATH '${environment.eventPath}': ${(error as Error).message}.`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new InputError(`GITHUB_EVENT_PATH '${environment.eventPath}' is not JSON: ${oneLine(errorMessage(error))}.`);
  }
}

/** The workflow run's page (this attempt), linked from the progress comment. */
export function runUrl(environment: RunnerEnvironment, repository: { owner: string; name: string }): string {
  return `${environment.serverUrl}/${repository.owner}/${repository.name}/actions/runs/${environment.runId}/attempts/${environment.runAttempt}`;
}

/** An uploaded artifact's download page. */
export function artifactUrl(environment: RunnerEnvironment, repository: { owner: string; name: string }, id: number): string {
  return `${environment.serverUrl}/${repository.owner}/${repository.name}/actions/runs/${environment.runId}/artifacts/${id}`;
}
