/**
 * `propose_change` as suggestions on a pull (merge) request, for both hosts (`on-pull-request: suggestions`):
 * each changed file's edits, cut into hunks of replaced lines, each hunk one suggestion its author applies
 * with a click. A suggestion replaces whole lines of the file as the pull request's head has it, so it
 * cannot add or delete a file, change a mode, hold binary content, or add or drop the newline that ends a
 * file: such a change set is refused whole, naming every file. Every line a suggestion covers must be on
 * the pull request's diff (GitHub and GitLab take inline comments only there); the hosts check that and
 * refuse the whole change set too, all or nothing, so an author never gets half a fix.
 */
import { FlueError } from '../errors.js';
import { neutralizeMentions } from '../markdown/index.js';
import type { FileChange } from '../tools/types.js';
import type { RequestWords } from './change-target.js';
import { withoutMarkers } from './markers.js';

/** One suggestion: lines `start` to `end` (1-based, of the file on the head) become `lines`. */
export interface Suggestion {
  path: string;
  start: number;
  end: number;
  /** The replacing lines, without their line ends; none for a deletion. */
  lines: string[];
}

/** A changed file with its content on the head (the old side) and the agent's (the new side). */
export interface FileVersions {
  path: string;
  old: Buffer;
  next: Buffer;
}

/** What suggestions cannot say, one phrase a file (`src/a.ts is a new file`); empty when every file can be suggested. */
export function unsuggestable(files: readonly FileChange[]): string[] {
  return files.flatMap((file) => {
    if (file.status === 'added') return [`${file.path} is a new file`];
    if (file.status === 'deleted') return [`${file.path} is deleted`];
    if (file.mode === '120000' || file.headMode === '120000') return [`${file.path} is a symlink`];
    if (file.headMode !== undefined && file.headMode !== file.mode) return [`${file.path} changes its mode (${file.headMode} to ${file.mode})`];
    return [];
  });
}

/** The suggestions that turn each file's old content into the new; what cannot be suggested, as phrases. */
export function planSuggestions(files: readonly FileVersions[]): { suggestions: Suggestion[]; problems: string[] } {
  const suggestions: Suggestion[] = [];
  const problems: string[] = [];
  for (const file of files) {
    const old = textLines(file.old);
    const next = textLines(file.next);
    if (typeof old === 'string' || typeof next === 'string') {
      problems.push(`${file.path} ${typeof old === 'string' ? old : next}`);
      continue;
    }
    if (old.endsWithNewline !== next.endsWithNewline && old.lines.length > 0 && next.lines.length > 0) {
      problems.push(`${file.path} ${next.endsWithNewline ? 'gains' : 'loses'} the newline that ends it, which a suggestion cannot say`);
      continue;
    }
    const regions = changedRegions(old.lines, next.lines, MOST_CHANGED_LINES);
    if (regions === undefined) {
      problems.push(`${file.path} changes more than ${MOST_CHANGED_LINES} lines, more than one review of suggestions carries`);
      continue;
    }
    for (const region of regions) {
      const inserted = next.lines.slice(region.newStart, region.newStart + region.newCount);
      if (region.oldCount > 0) {
        suggestions.push({ path: file.path, start: region.oldStart + 1, end: region.oldStart + region.oldCount, lines: inserted });
      } else if (region.oldStart > 0) {
        // A pure insertion: the line before it, suggested as itself followed by the new lines.
        const before = region.oldStart;
        suggestions.push({ path: file.path, start: before, end: before, lines: [old.lines[before - 1]!, ...inserted] });
      } else if (old.lines.length > 0) {
        suggestions.push({ path: file.path, start: 1, end: 1, lines: [...inserted, old.lines[0]!] });
      } else {
        problems.push(`${file.path} is empty on the head, so it has no line to suggest on`);
      }
    }
  }
  // Every posted body has its markers defused (markers.ts): a suggestion holding one would not be the agent's line.
  for (const suggestion of suggestions) {
    if (suggestion.lines.some((line) => withoutMarkers(line) !== line)) {
      problems.push(`${where(suggestion)} holds the runner's marker text <!-- flue-action, which a posted suggestion cannot carry unchanged`);
    }
  }
  return { suggestions, problems };
}

/**
 * The suggestions with a line the pull request's diff does not show, as `path:line` (`path:start-end`
 * for several lines). `shown` answers whether the head's line `line` of `path` is on the diff.
 */
export function offTheDiff(suggestions: readonly Suggestion[], shown: (path: string, line: number) => boolean): string[] {
  const off: string[] = [];
  for (const suggestion of suggestions) {
    for (let line = suggestion.start; line <= suggestion.end; line += 1) {
      if (shown(suggestion.path, line)) continue;
      off.push(`${where(suggestion)} is not on the diff`);
      break;
    }
  }
  return off;
}

/** `src/a.ts:3`, or `src/a.ts:3-5` for a suggestion on several lines. */
export function where(suggestion: Suggestion): string {
  const lines = suggestion.start === suggestion.end ? `${suggestion.start}` : `${suggestion.start}-${suggestion.end}`;
  return `${suggestion.path}:${lines}`;
}

/**
 * The fenced block, ```` ```suggestion ```` and `info` after it (GitLab's `:-0+2`), with a fence longer than
 * any run of backticks in the lines, so a suggestion holding a code block is not cut short (both hosts
 * read a longer fence, as CommonMark does).
 */
export function suggestionBlock(lines: readonly string[], info = ''): string {
  const longest = Math.max(0, ...lines.map((line) => Math.max(0, ...(line.match(/`+/g) ?? []).map((run) => run.length))));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return [`${fence}suggestion${info}`, ...lines, fence].join('\n');
}

/**
 * The review's text: the change's title as its heading, then its description (sanitized as a body). The
 * title was sanitized as a plain title, a document of its own, where ```` ``` @name ```` is a code fence's
 * info string; after `###` it is a heading's text, where `@name` notifies and `<!-- -->` hides: its
 * mentions are judged again there, and its `<` escaped (a title holds no HTML). Not cut again: the body is
 * at most LIMITS.commentChars (the sanitizer cuts it, and sanitizes the cut), the title at most
 * LIMITS.changeTitleChars, so the review stays under GitHub's 65,536 characters; a cut of sanitized
 * markdown can leave a code span's opening backtick without its closing one, and free the mention inside.
 */
export function suggestionsReviewBody(change: { title: string; body: string }): string {
  return `${neutralizeMentions(`### ${change.title.replaceAll('<', '&lt;')}`)}\n\n${change.body}`;
}

/** The one refusal of a change set suggestions cannot carry: every problem named, nothing posted. */
export function suggestionsRefused(request: string, words: RequestWords, problems: readonly string[]): FlueError {
  return new FlueError(
    `propose_change: the change cannot be posted as suggestions on ${request}: ${problems.join('; ')}. A suggestion replaces lines ` +
      `the ${words.noun}'s diff shows, in a file it changes: nothing was posted. Set on-pull-request: branch (onPullRequest in a ` +
      `TypeScript agent) under propose_change to propose it as a ${words.noun} into the ${words.noun}'s branch instead.`,
  );
}

/** A file's lines, or why it is not text a suggestion can hold. */
function textLines(bytes: Buffer): { lines: string[]; endsWithNewline: boolean } | string {
  // git's own test for binary content: a NUL in the first 8,000 bytes.
  if (bytes.subarray(0, 8000).includes(0)) return 'is binary';
  const text = bytes.toString('utf8');
  if (!Buffer.from(text, 'utf8').equals(bytes)) return 'is not UTF-8 text';
  if (text === '') return { lines: [], endsWithNewline: false };
  const endsWithNewline = text.endsWith('\n');
  const lines = (endsWithNewline ? text.slice(0, -1) : text).split('\n');
  return { lines, endsWithNewline };
}

/**
 * Lines one file's suggestions may change (deleted and inserted, counted apart): the difference takes time
 * and memory that grow with the square of it, and `max-lines` does not bound it for a file git diffs as
 * binary (`-diff` in .gitattributes, as lock files often are), whose lines git does not count.
 */
const MOST_CHANGED_LINES = 2000;

/** A run of replaced lines: `oldCount` lines of the old side from `oldStart` (0-based) become `newCount` lines of the new. */
interface Region {
  oldStart: number;
  oldCount: number;
  newStart: number;
  newCount: number;
}

/**
 * The regions where `a` and `b` differ, each between lines both keep, by Myers' O(ND) difference
 * algorithm (the one git uses by default) on the lines between a common start and end; undefined when
 * more than `most` lines differ.
 */
export function changedRegions(a: readonly string[], b: readonly string[], most = Number.POSITIVE_INFINITY): Region[] | undefined {
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head += 1;
  let tailA = a.length;
  let tailB = b.length;
  while (tailA > head && tailB > head && a[tailA - 1] === b[tailB - 1]) {
    tailA -= 1;
    tailB -= 1;
  }
  const edit = shortestEdit(a.slice(head, tailA), b.slice(head, tailB), most);
  if (edit === undefined) return undefined;
  const { deleted, inserted } = edit;
  const regions: Region[] = [];
  let i = 0;
  let j = 0;
  while (i < deleted.length || j < inserted.length) {
    if (!deleted[i] && !inserted[j]) {
      i += 1;
      j += 1;
      continue;
    }
    const region = { oldStart: head + i, oldCount: 0, newStart: head + j, newCount: 0 };
    while (deleted[i] || inserted[j]) {
      if (deleted[i]) i += 1;
      else j += 1;
    }
    regions.push({ ...region, oldCount: head + i - region.oldStart, newCount: head + j - region.newStart });
  }
  return regions;
}

/**
 * Which lines of `a` a shortest edit deletes and which of `b` it inserts (Myers 1986, with the path traced
 * back); undefined when that edit changes more than `most` lines (its trace would hold `most`² numbers).
 */
function shortestEdit(a: readonly string[], b: readonly string[], most: number): { deleted: boolean[]; inserted: boolean[] } | undefined {
  const n = a.length;
  const m = b.length;
  const deleted = new Array<boolean>(n).fill(false);
  const inserted = new Array<boolean>(m).fill(false);
  const offset = n + m + 1;
  const v = new Int32Array(2 * offset + 1);
  // trace[d]: the furthest x of every diagonal k in -d-1..d+1 before step d, kept to walk the path back.
  const trace: Int32Array[] = [];
  let steps = -1;
  for (let d = 0; d <= n + m && steps < 0; d += 1) {
    if (d > most) return undefined;
    trace.push(v.slice(offset - d - 1, offset + d + 2));
    for (let k = -d; k <= d; k += 2) {
      const down = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!);
      let x = down ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x += 1;
        y += 1;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        steps = d;
        break;
      }
    }
  }
  let x = n;
  let y = m;
  for (let d = steps; d > 0; d -= 1) {
    const before = trace[d]!;
    const at = (k: number) => before[k + d + 1]!;
    const k = x - y;
    const down = k === -d || (k !== d && at(k - 1) < at(k + 1));
    const previous = down ? k + 1 : k - 1;
    const previousX = at(previous);
    const previousY = previousX - previous;
    if (down) inserted[previousY] = true;
    else deleted[previousX] = true;
    x = previousX;
    y = previousY;
  }
  return { deleted, inserted };
}
