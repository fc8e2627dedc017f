/**
 * Hidden HTML comments the action puts in what it posts. GitHub renders neither; they let a later
 * run recognise the action's own comments (the gate never answers them, the context leaves them
 * out) and find the progress comment of a re-run instead of posting a second one.
 */

/** In every comment the action posts, the progress comment included. */
export const FLUE_COMMENT_MARKER = '<!-- flue-action -->';

const MARKER_START = '<!-- flue-action';

/** Identifies the progress comment of one agent in one workflow run; a re-run (same run id) finds it again. */
export function progressMarker(agent: string, runId: string): string {
  // Agent names are file names and run ids digits, but neither may end the HTML comment early.
  const clean = (value: string) => value.replace(/[^\w.-]/g, '_');
  return `<!-- flue-action:progress agent=${clean(agent)} run=${clean(runId)} -->`;
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

/** The body as posted: the agent's text, then the marker. */
export function markedBody(body: string): string {
  return `${withoutMarkers(body)}\n\n${FLUE_COMMENT_MARKER}`;
}
