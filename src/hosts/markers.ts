/**
 * Hidden HTML comments the runner puts in what it posts. Neither GitHub nor GitLab renders them; they let a later
 * run recognise the action's own comments (the gate never answers them, the context leaves them
 * out), and let a re-run find its progress comment and what it applied instead of posting twice.
 */
import type { OutputKey } from './host.js';

/** In every comment the action posts, the progress comment included. */
export const FLUE_COMMENT_MARKER = '<!-- flue-action -->';

const MARKER_START = '<!-- flue-action';

/** Identifies the progress comment of one agent in one workflow run; a re-run (same run id) finds it again. */
export function progressMarker(agent: string, runId: string): string {
  return `<!-- flue-action:progress agent=${clean(agent)} run=${clean(runId)} -->`;
}

/**
 * Identifies one applied output (`add_comment` 1, `submit_review` 1) of one agent in one workflow run, so a
 * re-run (same run id, next attempt) finds what an earlier attempt posted and updates it instead of posting again.
 */
export function outputMarker(key: OutputKey, runId: string): string {
  return `<!-- flue-action:output agent=${clean(key.agent)} run=${clean(runId)} key=${key.kind}.${key.index} -->`;
}

/** True for a comment the action posted (or one that claims to be: the gate then leaves it alone either way). */
export function isFlueActionComment(body: string | null | undefined): boolean {
  return body?.includes(MARKER_START) ?? false;
}

/**
 * The agent's text with any marker defused: a model that read a hostile issue must not make its own
 * comment look like the progress comment, which a later run would then overwrite.
 */
export function withoutMarkers(body: string): string {
  return body.split(MARKER_START).join('<!-- (flue-action)');
}

/** The body as posted: the agent's text, then the marker, then the output's own marker when it has one. */
export function markedBody(body: string, keyMarker?: string): string {
  const markers = keyMarker === undefined ? FLUE_COMMENT_MARKER : `${FLUE_COMMENT_MARKER}\n${keyMarker}`;
  return `${withoutMarkers(body)}\n\n${markers}`;
}

/**
 * The branch a `propose_change` is committed to: `<prefix><agent>-<run id>`, and `-<n>` for the n-th change set
 * of a run that may propose several. The run id (GitHub's run, GitLab's pipeline) makes it the same on a
 * re-run, which finds its branch and its pull or merge request again.
 */
export function changeBranch(prefix: string, key: OutputKey | undefined, runId: string): string {
  const name = (value: string) => clean(value).replace(/\.{2,}/g, '_');
  const nth = key !== undefined && key.index > 1 ? `-${key.index}` : '';
  return `${prefix}${name(key?.agent ?? 'agent')}-${name(runId)}${nth}`;
}

/** Agent names are file names and run ids digits, but neither may end the HTML comment early. */
function clean(value: string): string {
  return value.replace(/[^\w.-]/g, '_');
}
