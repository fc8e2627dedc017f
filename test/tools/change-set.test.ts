import * as fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { parseMarkdownAgent } from '../../src/definitions/markdown-agent.js';
import type { ChangePolicy } from '../../src/definitions/types.js';
import { checkChangeSet } from '../../src/tools/change-policy.js';
import { GIT_MISSING } from '../../src/sandbox/git-process.js';
import { readChangeSet } from '../../src/tools/change-set.js';
import type { ChangeSet, FileChange } from '../../src/tools/types.js';
import { git, makeGitRepo, withoutGit } from '../sandbox/git-repo.js';
import { thrown } from '../definitions/workspace.js';
import { errorsOf } from '../../src/definitions/problems.js';
import { CODE_NAMING } from '../../src/definitions/naming.js';
import { readOutputs } from '../../src/definitions/outputs.js';
import type { DefinitionError } from '../../src/errors.js';

let repo: ReturnType<typeof makeGitRepo>;
let head: string;
beforeEach(() => {
  repo = makeGitRepo({ 'src/a.ts': 'one\ntwo\n', 'old.txt': 'gone\n', '.gitignore': 'dist/\n' });
  head = git(repo.dir, 'rev-parse', 'HEAD').trim();
});
afterEach(() => repo.cleanup());

const write = (file: string, content: string | Buffer, mode?: number) => {
  fs.mkdirSync(path.dirname(path.join(repo.dir, file)), { recursive: true });
  fs.writeFileSync(path.join(repo.dir, file), content, mode === undefined ? {} : { mode });
};
const b64 = (text: string | Buffer) => Buffer.from(text).toString('base64');

describe('readChangeSet: the edits against HEAD, as the runner reads them', () => {
  test('on an image without git, the answer says git is missing and how to get it', async () => {
    write('src/a.ts', 'one\nTWO\n');
    const saved = process.env.PATH;
    expect(await withoutGit(() => readChangeSet(repo.dir))).toEqual({ ok: false, message: `propose_change: ${GIT_MISSING}` });
    expect(process.env.PATH).toBe(saved);
  });

  test('modified, added (untracked), deleted, executable, binary; ignored files left out; the blob at HEAD of each file HEAD has', async () => {
    const blobAtHead = (file: string) => git(repo.dir, 'rev-parse', `HEAD:${file}`).trim();
    write('src/a.ts', 'one\nTWO\nthree\n');
    write('src/new.ts', 'export {};\n');
    write('bin/run.sh', '#!/bin/sh\n', 0o755);
    write('logo.png', Buffer.from([0x89, 0x50, 0, 1, 2]));
    write('dist/out.js', 'built\n');
    fs.rmSync(path.join(repo.dir, 'old.txt'));
    const read = await readChangeSet(repo.dir);
    expect(read).toEqual({
      ok: true,
      changes: {
        base: head,
        files: [
          { path: 'bin/run.sh', status: 'added', mode: '100755', content: b64('#!/bin/sh\n'), additions: 1, deletions: 0 },
          { path: 'logo.png', status: 'added', mode: '100644', content: b64(Buffer.from([0x89, 0x50, 0, 1, 2])), additions: 0, deletions: 0 },
          { path: 'old.txt', status: 'deleted', blob: blobAtHead('old.txt'), headMode: '100644', additions: 0, deletions: 1 },
          {
            path: 'src/a.ts',
            status: 'modified',
            blob: blobAtHead('src/a.ts'),
            headMode: '100644',
            mode: '100644',
            content: b64('one\nTWO\nthree\n'),
            additions: 2,
            deletions: 1,
          },
          { path: 'src/new.ts', status: 'added', mode: '100644', content: b64('export {};\n'), additions: 1, deletions: 0 },
        ],
      },
    });
  });

  test('no edits: an empty change set, which the policy refuses with what to do', async () => {
    const read = await readChangeSet(repo.dir);
    expect(read).toEqual({ ok: true, changes: { base: head, files: [] } });
    if (!read.ok) throw new Error(read.message);
    expect(checkChangeSet(policy(), read.changes)).toEqual({
      ok: false,
      message: 'propose_change: the checkout has no changes against HEAD; edit the files first (git status shows them)',
    });
  });

  test('a folder git lists whole (a nested repository) cannot be committed, and the message names it', async () => {
    const nested = path.join(repo.dir, 'vendor/lib');
    fs.mkdirSync(nested, { recursive: true });
    git(nested, 'init', '-q');
    expect(await readChangeSet(repo.dir)).toEqual({
      ok: false,
      message: "propose_change: 'vendor/lib/' cannot be committed: EISDIR. Remove it from the checkout",
    });
  });

  test('a checkout without a commit says so', async () => {
    fs.rmSync(path.join(repo.dir, '.git'), { recursive: true });
    git(repo.dir, 'init', '-q');
    const read = await readChangeSet(repo.dir);
    expect(read.ok).toBe(false);
    expect(read.ok ? '' : read.message).toMatch(/^propose_change: the checkout has no HEAD commit to build on \(git rev-parse failed: /);
  });

  test('more bytes than a change set holds are refused, with the limit, before the files past it are read', async () => {
    write('data.bin', Buffer.alloc(2_000_001, 1));
    expect(await readChangeSet(repo.dir)).toEqual({
      ok: false,
      message: 'propose_change: the changed files hold at least 2000001 bytes; a change set holds at most 2000000. Propose source edits, not data',
    });
  });
});

const policy = (overrides: Partial<ChangePolicy> = {}): ChangePolicy => ({
  max: 1,
  branchPrefix: 'flue/',
  protectedPaths: [],
  maxFiles: 3,
  maxLines: 10,
  draft: true,
  onPullRequest: 'branch',
  ...overrides,
});
const change = (...files: Array<Partial<FileChange> & { path: string }>): ChangeSet => ({
  base: 'a'.repeat(40),
  files: files.map((file) => ({ status: 'modified', mode: '100644', content: '', additions: 1, deletions: 1, ...file })),
});

describe('checkChangeSet: the policy', () => {
  test.each([
    ['.github/workflows/ci.yml', '.github/'],
    ['.GitHub/Workflows/CI.yml', '.github/'],
    ['.github/actions/setup/action.yml', '.github/'],
    ['.gitlab-ci.yml', '.gitlab-ci.yml'],
    ['.flue/agents/fixer.md', '.flue/'],
    ['.git/hooks/pre-commit', '**/.git'],
    ['vendor/x/.git/config', '**/.git'],
    ['src/.gitattributes', '**/.gitattributes'],
    ['AGENTS.md', 'AGENTS.md'],
    ['.husky/pre-commit', '.husky/'],
    ['.devcontainer/devcontainer.json', '.devcontainer/'],
    ['.devcontainer.json', '.devcontainer.json'],
    ['.vscode/tasks.json', '.vscode/'],
    ['CODEOWNERS', 'CODEOWNERS'],
  ])('%s is always protected, by the sandbox rule %s', (file, rule) => {
    const check = checkChangeSet(policy(), change({ path: 'src/ok.ts' }, { path: file }));
    expect(check).toEqual({
      ok: false,
      message: `propose_change: path ${file} (always protected: ${rule}) is protected and never committed; undo that change and propose again`,
    });
  });

  test("the agent's own protected-paths add to them, and every refused path is named", () => {
    const check = checkChangeSet(
      policy({ protectedPaths: ['package.json', 'src/auth/**'] }),
      change({ path: 'package.json' }, { path: 'src/auth/login.ts' }, { path: 'src/ok.ts' }),
    );
    expect(check).toEqual({
      ok: false,
      message:
        'propose_change: paths package.json (protected-paths: package.json), src/auth/login.ts (protected-paths: src/auth/**) are protected and never committed; undo those changes and propose again',
    });
  });

  test('max-files and max-lines, at the limit and one past it', () => {
    const files = (count: number) => Array.from({ length: count }, (_, index) => ({ path: `f${index}.ts` }));
    expect(checkChangeSet(policy(), change(...files(3)))).toEqual({ ok: true });
    expect(checkChangeSet(policy(), change(...files(4)))).toEqual({
      ok: false,
      message: 'propose_change: 4 files changed; the policy allows at most 3 (max-files). Propose a smaller change',
    });
    expect(checkChangeSet(policy(), change({ path: 'a.ts', additions: 6, deletions: 4 }))).toEqual({ ok: true });
    expect(checkChangeSet(policy(), change({ path: 'a.ts', additions: 6, deletions: 4 }, { path: 'b.ts', additions: 1, deletions: 0 }))).toEqual({
      ok: false,
      message: 'propose_change: 11 lines changed; the policy allows at most 10 (max-lines). Propose a smaller change',
    });
  });
});

describe('outputs: propose_change in frontmatter', () => {
  const FILE = '.flue/agents/fixer.md';
  const agent = (frontmatter: string) => parseMarkdownAgent(FILE, `---\ndescription: d\n${frontmatter}\n---\nBody\n`);

  test('defaults: one change set, flue/ branches, no extra protected paths, 20 files, 500 lines, draft', () => {
    expect(agent('outputs: { propose_change: {} }').outputs).toEqual({
      propose_change: { max: 1, branchPrefix: 'flue/', protectedPaths: [], maxFiles: 20, maxLines: 500, draft: true, onPullRequest: 'branch' },
    });
  });

  test('every setting, kebab-case', () => {
    const yaml =
      'outputs:\n  propose_change: { branch-prefix: bot/fix-, protected-paths: [package.json], max-files: 2, max-lines: 40, draft: false, on-pull-request: suggestions }';
    expect(agent(yaml).outputs).toEqual({
      propose_change: {
        max: 1,
        branchPrefix: 'bot/fix-',
        protectedPaths: ['package.json'],
        maxFiles: 2,
        maxLines: 40,
        draft: false,
        onPullRequest: 'suggestions',
      },
    });
    expect(agent('outputs: { propose_change: { on-pull-request: branch } }').outputs.propose_change?.onPullRequest).toBe('branch');
  });

  test('a TS agent writes the settings camelCase', () => {
    expect(
      readOutputs(
        { proposeChange: { branchPrefix: 'bot/', maxFiles: 2, maxLines: 9, protectedPaths: ['a'], draft: false, onPullRequest: 'suggestions' } },
        'review.ts',
        CODE_NAMING,
      ),
    ).toEqual({
      propose_change: { max: 1, branchPrefix: 'bot/', protectedPaths: ['a'], maxFiles: 2, maxLines: 9, draft: false, onPullRequest: 'suggestions' },
    });
    expect(() => readOutputs({ proposeChange: { onPullRequest: 'review' } }, 'review.ts', CODE_NAMING)).toThrow(
      'outputs.proposeChange.onPullRequest: must be "branch", "suggestions", got "review". Write onPullRequest: suggestions to post the change as suggestions on the pull request, or branch (the default) for a pull request into its branch',
    );
    expect(() => readOutputs({ proposeChange: { 'max-files': 2 } }, 'review.ts', CODE_NAMING)).toThrow(
      /outputs\.proposeChange: unknown field "max-files"/,
    );
  });

  test('every problem of the settings at once', () => {
    let problems: string[] = [];
    try {
      agent('outputs: { propose_change: { max-files: 0, draft: "no", colour: red } }');
    } catch (error) {
      problems = errorsOf(error as DefinitionError).map((problem) => `${problem.field}: ${problem.problem}`);
    }
    expect(problems).toEqual([
      'outputs.propose_change: unknown field "colour"',
      'outputs.propose_change.max-files: must be a whole number of at least 1, got 0',
      'outputs.propose_change.draft: must be true or false, got "no"',
    ]);
  });

  test.each([
    [
      '{ branch-prefix: "../x" }',
      `${FILE}: outputs.propose_change.branch-prefix: must be letters, digits, ".", "_", "-" and "/", starting with a letter or digit. Write a branch name prefix such as 'flue/' or 'bot/fix-'`,
    ],
    [
      '{ branch-prefix: "a..b/" }',
      `${FILE}: outputs.propose_change.branch-prefix: must not hold "..", "//" or end in ".lock". Write a branch name prefix such as 'flue/' or 'bot/fix-'`,
    ],
    ['{ max-files: 0 }', `${FILE}: outputs.propose_change.max-files: must be a whole number of at least 1, got 0. Remove it for the default (20)`],
    ['{ draft: "no" }', `${FILE}: outputs.propose_change.draft: must be true or false, got "no". Write draft: false to open a ready pull request`],
    [
      '{ protected-paths: "x" }',
      `${FILE}: outputs.propose_change.protected-paths: must be a list, got "x". List globs of paths the agent may not change, such as ["package.json", "src/auth/**"]`,
    ],
    ['{ maxFiles: 2 }', `${FILE}: outputs.propose_change: unknown field "maxFiles"`],
    [
      '{ on-pull-request: sugestions }',
      `${FILE}: outputs.propose_change.on-pull-request: must be "branch", "suggestions", got "sugestions" (did you mean "suggestions"?). ` +
        'Write on-pull-request: suggestions to post the change as suggestions on the pull request, or branch (the default) for a pull request into its branch',
    ],
    [
      '{ on-pull-request: true }',
      `${FILE}: outputs.propose_change.on-pull-request: must be "branch", "suggestions", got true. Write on-pull-request: suggestions`,
    ],
    ['{ onPullRequest: suggestions }', `${FILE}: outputs.propose_change: unknown field "onPullRequest" (did you mean "on-pull-request"?)`],
  ])('propose_change: %s', (settings, message) => {
    // The place after the file (`:3:45`) is the YAML position of the value; the rest is the message.
    const text = thrown(() => agent(`outputs: { propose_change: ${settings} }`)).replace(/^(\S+?):\d+:\d+: /, '$1: ');
    expect(text.startsWith(message)).toBe(true);
  });
});
