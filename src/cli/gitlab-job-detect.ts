import type { RunCommand } from './args.js';
import type { CliIo } from './io.js';

/**
 * True inside a GitLab CI job (every GitLab runner sets GITLAB_CI=true): `run` is then the GitLab front
 * end (gitlab-job.ts, loaded only then), unless `--event` asks for a local run of a payload file.
 */
export function inGitLabJob(command: RunCommand, env: CliIo['env']): boolean {
  return env.GITLAB_CI === 'true' && command.eventFile === undefined;
}
