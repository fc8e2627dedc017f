/**
 * Which lines of a pull request GitHub accepts inline comments on. A review comment with
 * `side: RIGHT` must name a line of the new file that a hunk of the PR's diff shows (added or
 * context); any other line makes GitHub refuse the whole review with a 422.
 */
import { sanitizeJoined } from '../../publish/sanitize.js';
import type { ReviewComment } from '../../tools/types.js';

const HUNK_HEADER = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@/;

/** RIGHT-side line numbers a unified-diff `patch` (GitHub's per-file `patch` field) shows. */
export function commentableLines(patch: string | undefined): Set<number> {
  const lines = new Set<number>();
  if (!patch) return lines;
  let next: number | undefined;
  for (const line of patch.split('\n')) {
    const header = HUNK_HEADER.exec(line);
    if (header) {
      next = Number(header[1]);
      continue;
    }
    if (next === undefined) continue;
    const marker = line[0];
    // `-` lines exist only on the LEFT side; `\ No newline at end of file` is on neither. A line
    // wrongly counted costs the whole review (422), one wrongly left out only moves a comment.
    if (marker === '+' || marker === ' ') {
      lines.add(next);
      next += 1;
    }
  }
  return lines;
}

/** Commentable lines per path, for every file of the PR. */
export type DiffLines = ReadonlyMap<string, ReadonlySet<number>>;

export function diffLines(files: ReadonlyArray<{ filename: string; patch?: string | null }>): DiffLines {
  return new Map(files.map((file) => [file.filename, commentableLines(file.patch ?? undefined)]));
}

export interface PlacedComments {
  inline: ReviewComment[];
  /** Comments on lines the diff does not show: they go into the review body instead. */
  outside: ReviewComment[];
}

export function placeComments(comments: readonly ReviewComment[], lines: DiffLines): PlacedComments {
  const placed: PlacedComments = { inline: [], outside: [] };
  for (const comment of comments) {
    const inDiff = lines.get(comment.path)?.has(comment.line) ?? false;
    (inDiff ? placed.inline : placed.outside).push(comment);
  }
  return placed;
}

/** The review body with the comments that could not go inline appended as their own section. */
export function bodyWithOutsideComments(body: string, outside: readonly ReviewComment[]): string {
  if (outside.length === 0) return body;
  const sections = outside.map((comment) => `**\`${comment.path.replace(/`/g, "'")}\` line ${comment.line}**\n\n${comment.body}`);
  return sanitizeJoined([
    body,
    '### Comments on lines outside the diff',
    'GitHub accepts inline comments only on lines the diff shows, so these are listed here.',
    ...sections,
  ]);
}
