/**
 * Where on an MR's diff GitLab takes an inline note. A review comment names a line of the file as the
 * MR leaves it (the head); GitLab wants a `position` from the MR's `diff_refs` that names the line as
 * its diff shows it: an added line by `new_line` alone, an unchanged (context) line by both `new_line`
 * and `old_line`, a removed line by `old_line` alone. A line no hunk shows cannot carry a note, so
 * such a comment goes into the review body instead (as on GitHub).
 */
import { sanitizeJoined } from '../../publish/sanitize.js';
import { GITLAB_RULES } from './rules.js';
import type { ReviewComment } from '../../tools/types.js';
import type { DiffPosition, DiffRefs, MergeRequestDiff } from './api.js';

const HUNK_HEADER = /^@@ -(\d+)(?:,\d+)? \+(\d+)(?:,\d+)? @@/;

/** A head-side line the diff shows, with its base-side number when it is a context line. */
interface ShownLine {
  oldLine?: number;
}

/** Per file (by its new path): the head lines its hunks show, and its old path. */
export type DiffLines = ReadonlyMap<string, { oldPath: string; lines: ReadonlyMap<number, ShownLine> }>;

/** The head-side lines one GitLab `diff` shows: added lines without, context lines with their old number. */
export function shownLines(diff: string): Map<number, ShownLine> {
  const lines = new Map<number, ShownLine>();
  let oldLine: number | undefined;
  let newLine: number | undefined;
  for (const line of diff.split('\n')) {
    const header = HUNK_HEADER.exec(line);
    if (header) {
      oldLine = Number(header[1]);
      newLine = Number(header[2]);
      continue;
    }
    if (oldLine === undefined || newLine === undefined) continue;
    const marker = line[0];
    // Removed lines exist on the base side only; `\ No newline at end of file` on neither.
    if (marker === '+') lines.set(newLine++, {});
    else if (marker === ' ') lines.set(newLine++, { oldLine: oldLine++ });
    else if (marker === '-') oldLine += 1;
  }
  return lines;
}

export function diffLines(diffs: readonly MergeRequestDiff[]): DiffLines {
  return new Map(diffs.filter((file) => !file.deleted_file).map((file) => [file.new_path, { oldPath: file.old_path, lines: shownLines(file.diff) }]));
}

export interface PlacedComment {
  comment: ReviewComment;
  position: DiffPosition;
}

export interface PlacedComments {
  inline: PlacedComment[];
  /** Comments on lines the diff does not show: they go into the review body instead. */
  outside: ReviewComment[];
}

export function placeComments(comments: readonly ReviewComment[], lines: DiffLines, refs: DiffRefs): PlacedComments {
  const placed: PlacedComments = { inline: [], outside: [] };
  for (const comment of comments) {
    const file = lines.get(comment.path);
    const shown = file?.lines.get(comment.line);
    if (file === undefined || shown === undefined) {
      placed.outside.push(comment);
      continue;
    }
    const position: DiffPosition = {
      base_sha: refs.base_sha,
      start_sha: refs.start_sha,
      head_sha: refs.head_sha,
      position_type: 'text',
      old_path: file.oldPath,
      new_path: comment.path,
      new_line: comment.line,
      ...(shown.oldLine === undefined ? {} : { old_line: shown.oldLine }),
    };
    placed.inline.push({ comment, position });
  }
  return placed;
}

/** The review body with the comments that could not go inline appended as their own section. */
export function bodyWithOutsideComments(body: string, outside: readonly ReviewComment[]): string {
  if (outside.length === 0) return body;
  const sections = outside.map((comment) => `**\`${comment.path.replace(/`/g, "'")}\` line ${comment.line}**\n\n${comment.body}`);
  return sanitizeJoined(
    [
      body,
      '### Comments on lines outside the diff',
      'GitLab accepts inline comments only on lines the diff shows, so these are listed here.',
      ...sections,
    ],
    GITLAB_RULES,
  );
}
