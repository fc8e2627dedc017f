/**
 * What the runner does to an output before any platform sees it. The text was written by a model
 * that read attacker-controlled issues, so it is treated like user input: no notifications to people
 * the run was never about, no secrets (not even ones only the rendered page spells out), no hidden
 * text, nothing the API would refuse, no control characters. Markdown is judged by a GFM parse
 * (src/markdown/), not by line patterns.
 *
 * Cross-references (`#123`, `owner/repo#1`) are left alone: GitHub links them but notifies nobody,
 * and an agent that explains "duplicate of #12" needs them.
 */
import { LIMITS } from '../limits.js';
import { neutralizeMentions, neutralizeQuickActions, parseDeadline, sanitizeMarkdown } from '../markdown/index.js';
import { createRedactor, type Redactor } from '../session-log/redact.js';
import { boundaryAtOrBefore, oneLine } from '../text/index.js';
import type { ProposedOutput } from '../tools/types.js';
import { stripControlCharacters } from '../trigger/text.js';

export { neutralizeMentions } from '../markdown/index.js';

/** What a platform acts on beyond mentions, for its host's `sanitize`. */
export interface PlatformRules {
  /** GitLab: a line starting with `/name` is a quick action, run with the runner's rights. */
  quickActions?: boolean;
  /** GitLab: label parameters are comma-separated lists, so `a,b` is two labels, each checked by the policy. */
  commaSeparatedLabels?: boolean;
}

/** Every body of one output shares one parse budget: a review of fifty hostile inline comments costs one budget, not fifty. */
export function sanitizeOutput(output: ProposedOutput, redactor: Redactor, rules: PlatformRules = {}): ProposedOutput {
  const by = parseDeadline();
  const body = (text: string) => {
    const sanitized = sanitizeBody(text, redactor, { by });
    // Last: removing hidden HTML can bring a `/close` to the start of its line.
    return rules.quickActions === true ? neutralizeQuickActions(sanitized) : sanitized;
  };
  switch (output.kind) {
    case 'add_comment':
      return { kind: output.kind, body: body(output.body) };
    case 'add_labels':
    case 'remove_labels': {
      const labels = rules.commaSeparatedLabels === true ? output.labels.flatMap((label) => label.split(',')) : output.labels;
      return { kind: output.kind, labels: sanitizeLabels(labels) };
    }
    case 'submit_review':
      return {
        kind: output.kind,
        body: body(output.body),
        event: output.event,
        comments: output.comments.map((comment) => ({
          path: stripControlCharacters(comment.path),
          line: comment.line,
          body: body(comment.body),
        })),
      };
    case 'propose_change':
      // The files are the runner's reading of the checkout, committed as they are; the publish stage
      // refuses a change set holding a secret rather than commit an altered file.
      return {
        kind: output.kind,
        title: neutralizeMentions(oneLine(redactor.text(stripControlCharacters(output.title)))),
        body: body(output.body),
        changes: output.changes,
        branchPrefix: output.branchPrefix,
        draft: output.draft,
        onPullRequest: output.onPullRequest,
      };
  }
}

export interface SanitizeOptions {
  /** Characters of the result, cut marker included. Default LIMITS.commentChars. */
  max?: number;
  /** When its markdown parses must be done (src/markdown/parse.ts `parseDeadline()`); past it the body is handled as hostile. */
  by?: number;
}

/**
 * Control characters out, secrets redacted (as written, then as the page renders them), hidden HTML
 * out, mentions neutralized, then the size cap with its marker.
 */
export function sanitizeBody(body: string, redactor: Redactor, options: SanitizeOptions = {}): string {
  const { max = LIMITS.commentChars, by = parseDeadline() } = options;
  const text = redactor.text(stripControlCharacters(body));
  // A body far over the cap is not parsed whole: only the part that can be posted is.
  const whole = text.length <= max ? sanitizeMarkdown(text, redactor, by) : undefined;
  return whole !== undefined && whole.length <= max ? whole : sanitizeCut(text, redactor, max, by);
}

/**
 * The body cut to fit, marker included. The input is cut and sanitized again, never the sanitized
 * body: a cut can reopen what the cut-off tail closed (a code span, an autolink), and a mention that
 * was code before the cut would be prose after it, unneutralized. Neutralizing adds characters, so a
 * cut that does not fit is made shorter until it does.
 */
function sanitizeCut(text: string, redactor: Redactor, max: number, by: number): string {
  let keep = max - cutMarker(text.length).length;
  for (let attempt = 1; keep > 0; attempt++) {
    const end = boundaryAtOrBefore(text, keep);
    const cut = sanitizeMarkdown(text.slice(0, end), redactor, by) + cutMarker(text.length - end);
    if (cut.length <= max) return cut;
    keep -= (cut.length - max) * attempt;
  }
  return cutMarker(text.length).trimStart();
}

/**
 * Bodies sanitized one by one, then joined into one post (review comments moved into the review body):
 * judged again as one. What one leaves open runs on into the next: a body ending in ```` ``` ```` makes
 * code of what follows, until a comment's own ```` ``` ```` (the opening of its code block, alone) closes
 * it, and the rest of that comment, code when it was judged, is prose. Each part's secrets were redacted
 * already, and a join shows no new text; hidden HTML and mentions are judged again, and a host's rules
 * applied again after (removing hidden HTML can bring a `/close` to the start of its line).
 */
export function sanitizeJoined(parts: readonly string[], rules: PlatformRules = {}): string {
  // Cut, if need be, as a body is: the joined input, sanitized again.
  const sanitized = sanitizeBody(parts.join('\n\n'), createRedactor([]));
  return rules.quickActions === true ? neutralizeQuickActions(sanitized) : sanitized;
}

/** Trimmed, without control characters or empties, deduplicated the way GitHub compares labels (case-insensitively). */
export function sanitizeLabels(labels: readonly string[]): string[] {
  const seen = new Set<string>();
  const kept: string[] = [];
  for (const label of labels) {
    const name = oneLine(stripControlCharacters(label));
    if (name === '' || seen.has(name.toLowerCase())) continue;
    seen.add(name.toLowerCase());
    kept.push(name);
  }
  return kept;
}

/** Cuts a body to LIMITS.commentChars, marker included, never inside a character. */
export function capBody(body: string, max: number = LIMITS.commentChars): string {
  if (body.length <= max) return body;
  const end = boundaryAtOrBefore(body, max - cutMarker(body.length).length);
  return body.slice(0, end) + cutMarker(body.length - end);
}

function cutMarker(cut: number): string {
  return `\n\n… (cut by flue-action: ${cut} more characters)`;
}
