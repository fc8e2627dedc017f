/**
 * Where a run's definitions (`.flue/`, the skill folders, AGENTS.md) are read from. A code agent runs
 * in the runner's own process, and a markdown agent decides tools and outputs, so they come only from a
 * commit writers chose, read through the platform's API, whenever the checkout may hold someone else's:
 *
 * - a pull request, or a comment, review or workflow_run about one: its base commit, so a PR cannot
 *   rewrite the agent that reviews it;
 * - a workflow_run, and any run with the untrusted profile: the commit the workflow itself runs from
 *   (GITHUB_SHA), because the workflow may have checked out what a stranger pushed (a fork's head);
 * - anything else (a writer's push, schedule, dispatch, comment on an issue): the checkout.
 */
import type { Trigger } from '../trigger/types.js';
import type { Profile } from './profile.js';

export type DefinitionsSource =
  | { from: 'checkout' }
  | { from: 'pull-request-base'; commit: string | undefined }
  | { from: 'workflow-commit'; commit: string | undefined };

/** `workflowCommit`: the commit the workflow runs from (GITHUB_SHA), when the platform says. */
export function definitionsSource(trigger: Trigger, profile: Profile, workflowCommit: string | undefined): DefinitionsSource {
  if (trigger.kind === 'pull_request' || trigger.isPullRequest) return { from: 'pull-request-base', commit: trigger.refs.baseSha };
  if (trigger.kind === 'workflow_run' || profile === 'untrusted') return { from: 'workflow-commit', commit: workflowCommit };
  return { from: 'checkout' };
}
