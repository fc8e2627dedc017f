/**
 * The GitHub host as both steps make it: the main step for the whole run, the post step to finish
 * a progress comment the main step left "working".
 */
import * as core from '@actions/core';
import { createGitHubClient, GitHubHost } from '../hosts/github/index.js';
import { createRedactor, type Redactor } from '../session-log/redact.js';
import type { Trigger } from '../trigger/types.js';
import { RUNNER_VERSION } from '../version.js';
import { runUrl, type RunnerEnvironment } from './environment.js';

export function createActionHost(options: {
  token: string;
  environment: RunnerEnvironment;
  repository: Trigger['repository'];
  /** The `progress-comment` input. */
  progressComment: boolean;
  /** The run's redactor, for the progress comment; default: one for the token (the post step knows no other secret). */
  redactor?: Redactor;
}): GitHubHost {
  const { environment, repository } = options;
  const warn = (message: string) => core.warning(message);
  return new GitHubHost({
    octokit: createGitHubClient({ token: options.token, baseUrl: environment.apiUrl, userAgent: `flue-action/${RUNNER_VERSION}`, warn }),
    repository,
    runUrl: runUrl(environment, repository),
    runId: environment.runId,
    runAttempt: Number(environment.runAttempt) || 1,
    progressComment: options.progressComment,
    redactor: options.redactor ?? createRedactor([options.token]),
    tmpDir: environment.runnerTemp,
    warn,
  });
}
