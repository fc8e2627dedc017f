/**
 * What the progress comment may show for one run. The comment is posted whatever the agent's
 * `outputs:` say, so it must not become a way around them: the model's own words (its answer, its
 * `give_up` reason, the arguments of its tool calls) appear there only for an agent that may post
 * comments anyway, and usage figures only where the workflow wants them public.
 */
import { OUTPUT_KINDS, SANDBOX_TOOLS, type AgentSpec } from '../definitions/types.js';

/** The `progress-details` input: `auto` is `full` on private and internal repositories, `minimal` elsewhere. */
export const PROGRESS_DETAILS = ['auto', 'full', 'minimal'] as const;
export type ProgressDetails = (typeof PROGRESS_DETAILS)[number];

export interface ProgressView {
  /**
   * The model's words: the final text, the result, the `give_up` reason and other reasons it can
   * shape, tool arguments. True only when the agent declares `outputs.add_comment`.
   */
  modelText: boolean;
  /** Token counts, dollar cost and a JSON result: `progress-details` resolved against the repository's visibility. */
  usage: boolean;
  /** Tool names the runner offers this agent: another name in a tool call is the model's words too. */
  tools: string[];
}

/** What the post step assumes when main saved no view: the least. */
export const MINIMAL_VIEW: ProgressView = { modelText: false, usage: false, tools: [] };

/**
 * Tools the runner itself defines. A name not here or in the agent's custom tools is shown as
 * "a tool" without the model's words: a new built-in tool only reads less well until it is listed.
 */
const RUNNER_TOOLS: readonly string[] = [...SANDBOX_TOOLS, ...OUTPUT_KINDS, 'finish', 'give_up', 'activate_skill', 'task'];

/** `visibility`: the repository's, as the front end read it (`repositoryVisibility` for a GitHub payload, CI_PROJECT_VISIBILITY on GitLab). */
export function progressView(
  spec: Pick<AgentSpec, 'outputs' | 'customTools'>,
  details: ProgressDetails,
  visibility: 'private' | 'public',
): ProgressView {
  const usage = details === 'full' || (details === 'auto' && visibility === 'private');
  return {
    modelText: spec.outputs.add_comment !== undefined && spec.outputs.add_comment.max > 0,
    usage,
    tools: [...RUNNER_TOOLS, ...spec.customTools.map((tool) => tool.name)],
  };
}

/**
 * From the webhook's `repository`: `visibility` when the payload has it (`internal` counts as private:
 * only the enterprise's members read it), else `private`. Anything unclear is public, the safe reading.
 */
export function repositoryVisibility(payload: unknown): 'private' | 'public' {
  const repository = (payload as { repository?: { private?: unknown; visibility?: unknown } } | null)?.repository;
  if (repository === null || typeof repository !== 'object') return 'public';
  const { visibility } = repository;
  if (visibility !== undefined && visibility !== null) return visibility === 'private' || visibility === 'internal' ? 'private' : 'public';
  return repository.private === true ? 'private' : 'public';
}

/** The view main saved for the post step (`JSON.stringify(view)`); MINIMAL_VIEW for anything else. */
export function savedProgressView(saved: string): ProgressView {
  try {
    // `null` throws here too; any other non-object has none of the fields.
    const { modelText, usage, tools } = JSON.parse(saved) as Partial<ProgressView>;
    const toolsValid = Array.isArray(tools) && tools.every((name) => typeof name === 'string');
    if (typeof modelText === 'boolean' && typeof usage === 'boolean' && toolsValid) return { modelText, usage, tools };
  } catch {
    // Not what main wrote: the least.
  }
  return MINIMAL_VIEW;
}
