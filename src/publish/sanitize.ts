/**
 * What the runner does to an output before any platform sees it. The text was written by a model
 * that read attacker-controlled issues, so it is treated like user input: no notifications to people
 * the run was never about, no secrets, nothing the API would refuse, no invisible characters.
 *
 * Cross-references (`#123`, `owner/repo#1`) are left alone: GitHub links them but notifies nobody,
 * and an agent that explains "duplicate of #12" needs them.
 */
import { LIMITS } from '../limits.js';
import type { Redactor } from '../session-log/redact.js';
import type { ProposedOutput } from '../tools/types.js';
import { stripControlCharacters } from '../trigger/text.js';

/** Inserted after `@`: the text still reads `@name`, but GitHub and GitLab no longer see a mention. */
const ZERO_WIDTH_SPACE = '\u200b';

/**
 * `@name` where a platform would notify `name`: at the start or after a non-word character (so
 * `user@example.com` is kept), followed by a username character.
 */
const MENTION = /(^|[^A-Za-z0-9_])@(?=[A-Za-z0-9])/g;
/** A bare or link URL: `@` inside it (`medium.com/@name`) is a path, and a changed URL is a broken link. */
const URL = /https?:\/\/[^\s<>()]+/g;

export function sanitizeOutput(output: ProposedOutput, redactor: Redactor): ProposedOutput {
  switch (output.kind) {
    case 'add_comment':
      return { kind: output.kind, body: sanitizeBody(output.body, redactor) };
    case 'add_labels':
    case 'remove_labels':
      return { kind: output.kind, labels: sanitizeLabels(output.labels) };
    case 'submit_review':
      return {
        kind: output.kind,
        body: sanitizeBody(output.body, redactor),
        event: output.event,
        comments: output.comments.map((comment) => ({
          path: stripControlCharacters(comment.path),
          line: comment.line,
          body: sanitizeBody(comment.body, redactor),
        })),
      };
  }
}

/** Control characters out, secrets redacted, mentions neutralized, then the size cap (so the marker survives). */
export function sanitizeBody(body: string, redactor: Redactor): string {
  return capBody(neutralizeMentions(redactor.text(stripControlCharacters(body))));
}

/** Trimmed, without control characters or empties, deduplicated the way GitHub compares labels (case-insensitively). */
export function sanitizeLabels(labels: readonly string[]): string[] {
  const seen = new Set<string>();
  const kept: string[] = [];
  for (const label of labels) {
    const name = stripControlCharacters(label).replace(/\s+/g, ' ').trim();
    if (name === '' || seen.has(name.toLowerCase())) continue;
    seen.add(name.toLowerCase());
    kept.push(name);
  }
  return kept;
}

/** Cuts a body to LIMITS.commentChars, marker included, never inside a surrogate pair. */
export function capBody(body: string, max: number = LIMITS.commentChars): string {
  if (body.length <= max) return body;
  const marker = (cut: number) => `\n\n… (cut by flue-action: ${cut} more characters)`;
  let end = max - marker(body.length).length;
  const code = body.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  return body.slice(0, end) + marker(body.length - end);
}

/**
 * Neutralizes mentions outside code. Code is left byte-exact (a `suggestion` block or an
 * `@Override` must apply as written), and platforms do not notify from code anyway. Whenever the
 * markdown is ambiguous the text is treated as prose: an extra invisible character in code is a
 * nuisance, a missed mention is a notification sent to a stranger.
 */
export function neutralizeMentions(markdown: string): string {
  const lines = markdown.split('\n');
  let fence: { char: string; length: number } | undefined;
  let inHtmlBlock = false;
  const out = lines.map((line) => {
    if (fence) {
      const closing = /^ {0,3}(`+|~+)\s*$/.exec(line)?.[1];
      if (closing?.[0] === fence.char && closing.length >= fence.length) fence = undefined;
      return line;
    }
    const opening = /^ {0,3}(`{3,}|~{3,})(.*)$/.exec(line);
    // A backtick fence's info string cannot hold a backtick; inside raw HTML a fence is plain text.
    if (opening?.[1] && !inHtmlBlock && !(opening[1][0] === '`' && opening[2]?.includes('`'))) {
      fence = { char: opening[1][0] as string, length: opening[1].length };
      return line;
    }
    if (line.trim() === '') inHtmlBlock = false;
    else if (/^ {0,3}</.test(line)) inHtmlBlock = true;
    return inHtmlBlock ? neutralizeProse(line) : neutralizeOutsideCodeSpans(line);
  });
  return out.join('\n');
}

/**
 * Code spans on one line only: a span that crosses lines may be broken by a block start the
 * platform sees and this scanner does not, so multi-line spans are treated as prose.
 */
function neutralizeOutsideCodeSpans(line: string): string {
  let out = '';
  let index = 0;
  while (index < line.length) {
    const start = line.indexOf('`', index);
    if (start === -1) break;
    let end = start;
    while (line[end] === '`') end += 1;
    // An escaped backtick opens nothing; treating the run as prose is the safe reading either way.
    const close = line[start - 1] === '\\' ? -1 : findRun(line, end, end - start);
    if (close === -1) {
      out += neutralizeProse(line.slice(index, end));
      index = end;
      continue;
    }
    out += neutralizeProse(line.slice(index, start)) + line.slice(start, close + (end - start));
    index = close + (end - start);
  }
  return out + neutralizeProse(line.slice(index));
}

/** Index of the next run of exactly `length` backticks at or after `from`, or -1. */
function findRun(line: string, from: number, length: number): number {
  let index = from;
  while (index < line.length) {
    const start = line.indexOf('`', index);
    if (start === -1) return -1;
    let end = start;
    while (line[end] === '`') end += 1;
    if (end - start === length) return start;
    index = end;
  }
  return -1;
}

function neutralizeProse(text: string): string {
  let out = '';
  let index = 0;
  for (const match of text.matchAll(URL)) {
    out += text.slice(index, match.index).replace(MENTION, `$1@${ZERO_WIDTH_SPACE}`) + match[0];
    index = match.index + match[0].length;
  }
  return out + text.slice(index).replace(MENTION, `$1@${ZERO_WIDTH_SPACE}`);
}
