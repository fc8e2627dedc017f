/**
 * propose_change as suggestions, for the GitHub and GitLab host tests alike: a checkout whose agent has
 * `on-pull-request: suggestions`, the files as the pull request's head has them, the agent's new versions
 * (a replacement, an insertion, a deletion in one file, and a line holding a code fence in another), and the
 * suggestions each host must post for them.
 */
import { onTestFinished } from 'vitest';
import type { ScriptedTurn } from '../../src/harness/scripted-client.js';
import { git, makeGitRepo } from '../sandbox/git-repo.js';
import { type Checkout, FIXER } from './change-set-run.js';

export const SUGGESTING = FIXER('{ on-pull-request: suggestions }');

export const APP = [
  'export function area(width: number, height: number): number {',
  '  return width * height;',
  '}',
  '',
  'export function perimeter(width: number, height: number): number {',
  '  return width + height;',
  '}',
  '',
  '// TODO: remove this debugging helper',
  'export const debug = true;',
  '',
  'export const version = 1;',
].join('\n');

export const README = ['# app', '```sh', 'npm test', '```'].join('\n');

/** The files on the pull request's head, and in the checkout before the agent edits it. */
export const HEAD_FILES = {
  'src/app.ts': `${APP}\n`,
  'README.md': `${README}\n`,
  '.github/workflows/ci.yml': 'on: push\n',
  '.flue/agents/fixer.md': SUGGESTING,
};

const lines = APP.split('\n');
/** After line 4 a doc comment goes in, line 6 is fixed, lines 9-10 go. */
export const FIXED_APP = `${[
  ...lines.slice(0, 4),
  '/** The perimeter of a rectangle. */',
  lines[4],
  '  return 2 * (width + height);',
  ...lines.slice(6, 8),
  ...lines.slice(10),
].join('\n')}\n`;
export const FIXED_README = `${README.replace('```sh', '```bash')}\n`;

/** The suggestions each host must post, by the head's lines: [path, first line, last line, the new lines]. */
export const EXPECTED: Array<[string, number, number, string[]]> = [
  ['README.md', 2, 2, ['```bash']],
  ['src/app.ts', 4, 4, ['', '/** The perimeter of a rectangle. */']],
  ['src/app.ts', 6, 6, ['  return 2 * (width + height);']],
  ['src/app.ts', 9, 10, []],
];

/** A unified diff showing every line of `text` as added (the pull request added the file). */
export function addedPatch(text: string): string {
  const all = text.replace(/\n$/, '').split('\n');
  return [`@@ -0,0 +1,${all.length} @@`, ...all.map((line) => `+${line}`)].join('\n');
}

/** A unified diff showing only the first `count` lines of `text` (line `changed` as the pull request's change). */
export function partialPatch(text: string, count: number, changed: number): string {
  const all = text.replace(/\n$/, '').split('\n').slice(0, count);
  const body = all.flatMap((line, index) => (index + 1 === changed ? [`-${line} // old`, `+${line}`] : [` ${line}`]));
  return [`@@ -1,${count} +1,${count} @@`, ...body].join('\n');
}

export function suggestingCheckout(files: Record<string, string> = HEAD_FILES): Checkout {
  const repo = makeGitRepo(files);
  onTestFinished(repo.cleanup);
  return { dir: repo.dir, head: git(repo.dir, 'rev-parse', 'HEAD').trim() };
}

/** The agent rewrites both files (and, with `extra`, writes more), then proposes. */
export const suggestTurns = (extra: Record<string, string> = {}): ScriptedTurn[] => [
  { content: [{ type: 'tool_use', name: 'write', input: { path: 'src/app.ts', content: FIXED_APP } }] },
  { content: [{ type: 'tool_use', name: 'write', input: { path: 'README.md', content: FIXED_README } }] },
  ...Object.entries(extra).map(([path, content]) => ({ content: [{ type: 'tool_use' as const, name: 'write', input: { path, content } }] })),
  { content: [{ type: 'tool_use', name: 'propose_change', input: { title: 'Fix the perimeter', body: 'The perimeter counts each side twice.' } }] },
  { content: 'Proposed the fix.' },
];
