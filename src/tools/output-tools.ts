import * as v from 'valibot';
import type { OutputPolicy } from '../definitions/types.js';
import { defineRunnerTool, toolError } from './define.js';
import type { OutputCollector, ProposalContext } from './outputs.js';
import type { ProposedOutput, ToolDefinition, ToolResult } from './types.js';

const text = v.pipe(v.string(), v.minLength(1));
const labelList = v.pipe(v.array(text), v.minLength(1));

/**
 * The safe-output tools for the kinds the agent's `outputs:` policy declares, in a fixed order.
 * `submit_review` only on a pull request, `propose_change` only on a trusted run over a `workspace`:
 * anywhere else every call would be refused.
 */
export function outputTools(policy: OutputPolicy, collector: OutputCollector, context: ProposalContext, workspace?: string): ToolDefinition[] {
  const propose = (output: ProposedOutput): ToolResult => {
    const result = collector.propose(output);
    if (!result.ok) return toolError(result.message);
    return { content: `Proposed as ${result.id}; it is applied after the run.` };
  };
  const tools: ToolDefinition[] = [];
  if (policy.add_comment) {
    tools.push(
      defineRunnerTool({
        name: 'add_comment',
        description: 'Propose a comment on the issue or pull request (Markdown).',
        input: v.object({ body: text }),
        run: async ({ body }) => propose({ kind: 'add_comment', body }),
      }),
    );
  }
  for (const kind of ['add_labels', 'remove_labels'] as const) {
    const rule = policy[kind];
    if (!rule) continue;
    tools.push(
      defineRunnerTool({
        name: kind,
        description: `Propose labels to ${kind === 'add_labels' ? 'add' : 'remove'}. Allowed: ${rule.allowed.join(', ')}; at most ${rule.max}.`,
        input: v.object({ labels: labelList }),
        run: async ({ labels }) => propose({ kind, labels }),
      }),
    );
  }
  if (policy.submit_review && context.isPullRequest) {
    const [firstEvent = 'COMMENT', ...otherEvents] = policy.submit_review.events;
    tools.push(
      defineRunnerTool({
        name: 'submit_review',
        description: 'Propose a pull request review; inline comments anchor to lines of the new version of a file.',
        input: v.object({
          body: text,
          event: v.optional(v.picklist([firstEvent, ...otherEvents])),
          comments: v.optional(v.array(v.object({ path: text, line: v.pipe(v.number(), v.integer(), v.minValue(1)), body: text }))),
        }),
        run: async ({ body, event, comments }) => propose({ kind: 'submit_review', body, event: event ?? firstEvent, comments: comments ?? [] }),
      }),
    );
  }
  if (policy.propose_change && context.trusted === true && workspace !== undefined) {
    const rule = policy.propose_change;
    // On a pull request event with on-pull-request: suggestions, nothing is committed: the host posts one review of suggestions.
    const suggests = rule.onPullRequest === 'suggestions' && context.isPullRequest;
    const delivered = suggests
      ? 'as suggestions in one review on this pull request (merge request on GitLab), which its author applies'
      : `as a ${rule.draft ? 'draft ' : ''}pull request (merge request on GitLab)`;
    tools.push(
      defineRunnerTool({
        name: 'propose_change',
        description:
          `Propose your edits in the checkout (everything git status shows) ${delivered}; call it when the edits are done. ` +
          `At most ${rule.maxFiles} files and ${rule.maxLines} lines.`,
        input: v.object({ title: text, body: text }),
        run: async ({ title, body }, { signal }) => {
          const read = await (await changeSetReader()).readChangeSet(workspace, signal, context.runnerPaths);
          if (!read.ok) return toolError(read.message);
          const { files } = read.changes;
          const result = collector.propose({
            kind: 'propose_change',
            title,
            body,
            changes: read.changes,
            branchPrefix: rule.branchPrefix,
            draft: rule.draft,
            onPullRequest: rule.onPullRequest,
          });
          if (!result.ok) return toolError(result.message);
          const lines = files.reduce((sum, file) => sum + file.additions + file.deletions, 0);
          const after = suggests
            ? 'posts them as suggestions in one review on the pull request (all of them or, when one cannot be placed on its diff, none)'
            : 'commits them to a new branch and opens the pull request';
          return {
            content:
              `Proposed as ${result.id}: ${files.map((file) => file.path).join(', ')} (${lines} lines changed). After the run the runner ${after}; ` +
              'edits made after this call are not in it.',
          };
        },
      }),
    );
  }
  return tools;
}

// Loaded when the agent proposes a change, not at start-up: reading a change set runs git through the
// sandbox's process runner (src/sandbox/process.ts), which a run that never proposes one should not load
// before its first model request (test/build/start-up.test.ts); ncc puts it in a chunk of its own.
const changeSetReader = () => import('./change-set.js');
