/**
 * The event each template answers, from GitHub's own webhook examples (@octokit/webhooks-examples), with
 * the one field a template needs changed where the example does not have it: the mention's comment says
 * `@flue`, and the ci-explainer's run (the example that names a pull request) failed.
 */
import { example } from '../trigger/examples.js';
import type { TemplateName } from './templates.js';

export const QUESTION = '@flue where are the contributing steps documented?';

/** What mention's fix session (`flue/scripted/mention-fix.jsonl`) was written for. */
export const FIX_REQUEST = '@flue please fix the typo in the contributing steps';

/** `comment` replaces the mention's question (mention's fix session answers FIX_REQUEST). */
export function githubEvent(name: TemplateName, comment = QUESTION): { eventName: string; payload: Record<string, unknown> } {
  switch (name) {
    case 'triage':
      return { eventName: 'issues', payload: example('issues', 'opened') };
    case 'review':
      return { eventName: 'pull_request', payload: example('pull_request', 'opened') };
    case 'mention': {
      const payload = example('issue_comment', 'created');
      (payload.comment as Record<string, unknown>).body = comment;
      return { eventName: 'issue_comment', payload };
    }
    case 'ci-explainer': {
      // The third workflow_run example is the one tied to a pull request (#2).
      const payload = example('workflow_run', 'completed', 2);
      (payload.workflow_run as Record<string, unknown>).conclusion = 'failure';
      return { eventName: 'workflow_run', payload };
    }
  }
}
