// A pull request's changed files from local git (src/hosts/local-git.ts), in a temp repository with
// real commits: the shape the action reads from GitHub's pulls/{n}/files, the caps, and each way it
// degrades to no diff with one reason.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalCiHost } from '../../src/hosts/local-ci.js';
import { capFiles, localPullRequestDiff, parseDiff } from '../../src/hosts/local-git.js';
import { LIMITS } from '../../src/limits.js';
import { triggerFromGitHubEvent } from '../../src/trigger/github.js';
import { example } from '../trigger/examples.js';

let repo: string;
let base: string;
let head: string;

const git = (...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false', ...args], {
    cwd: repo,
    encoding: 'utf8',
  }).trim();

beforeAll(async () => {
  repo = await mkdtemp(path.join(tmpdir(), 'flue-git-'));
  git('init', '-q', '-b', 'main');
  await writeFile(path.join(repo, 'README.md'), 'Hello wrold\n');
  await writeFile(path.join(repo, 'old.txt'), 'to be removed\n');
  await writeFile(path.join(repo, 'moved.txt'), 'same content, new name\n');
  git('add', '.');
  git('commit', '-q', '-m', 'base');
  base = git('rev-parse', 'HEAD');
  git('checkout', '-q', '-b', 'fix');
  await writeFile(path.join(repo, 'README.md'), 'Hello world\n');
  await writeFile(path.join(repo, 'new file ü.txt'), 'one\ntwo\n');
  await writeFile(path.join(repo, 'logo.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 0]));
  git('rm', '-q', 'old.txt');
  git('mv', 'moved.txt', 'renamed.txt');
  git('add', '.');
  git('commit', '-q', '-m', 'fix the typo');
  head = git('rev-parse', 'HEAD');
  // The base branch moves on after the pull request forked: three dots leave its change out, as GitHub does.
  git('checkout', '-q', 'main');
  await writeFile(path.join(repo, 'later.txt'), 'on main only\n');
  git('add', '.');
  git('commit', '-q', '-m', 'later on main');
});
afterAll(() => rm(repo, { recursive: true, force: true }));

describe('localPullRequestDiff', () => {
  it("lists what the pull request changed, as GitHub's pulls/{n}/files does", async () => {
    const diff = await localPullRequestDiff(repo, git('rev-parse', 'main'), head);
    expect(diff).toEqual({
      ok: true,
      context: {
        files: [
          { path: 'README.md', status: 'modified', additions: 1, deletions: 1, patch: '@@ -1 +1 @@\n-Hello wrold\n+Hello world' },
          { path: 'logo.png', status: 'added', additions: 0, deletions: 0 },
          { path: 'new file ü.txt', status: 'added', additions: 2, deletions: 0, patch: '@@ -0,0 +1,2 @@\n+one\n+two' },
          { path: 'old.txt', status: 'removed', additions: 0, deletions: 1, patch: '@@ -1 +0,0 @@\n-to be removed' },
          { path: 'renamed.txt', status: 'renamed', additions: 0, deletions: 0 },
        ],
      },
    });
  });

  it.each([
    [undefined, 'HEAD', 'the event names no base commit of the pull request'],
    ['abc1234', undefined, 'the event names no head commit of the pull request'],
    [undefined, undefined, 'the event names no base and head commit of the pull request'],
    ['main', 'abc1234', "the event's base sha 'main' is not a commit id (hex)"],
  ])('base %s, head %s: no diff, because %s', async (baseSha, headSha, why) => {
    expect(await localPullRequestDiff(repo, baseSha, headSha)).toEqual({ ok: false, why });
  });

  it('a commit this checkout does not have: the reason quotes git and says what to fetch', async () => {
    const missing = 'f95f852bd8fca8fcc58a9a2d6c842781e32a215e';
    const diff = await localPullRequestDiff(repo, missing, head);
    expect(diff.ok).toBe(false);
    expect(diff.ok ? '' : diff.why).toMatch(
      new RegExp(
        `^git diff f95f852bd8fc\\.\\.\\.${head.slice(0, 12)} failed in --cwd \\(fatal: .+\\); fetch the pull request's commits into this checkout$`,
      ),
    );
  });

  it('no git: says so', async () => {
    expect(await localPullRequestDiff(repo, base, head, path.join(repo, 'no-such-git'))).toEqual({
      ok: false,
      why: 'git is not installed (or not on PATH)',
    });
  });

  // Attack: the payload is a file anyone may hand a developer. A "sha" that git would read as an option
  // (`--output=FILE` writes the diff wherever it says) never reaches git.
  it('a sha that is an option is refused before git runs', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'flue-git-attack-'));
    try {
      const diff = await localPullRequestDiff(repo, `--output=${dir}/pwned`, head);
      expect(diff).toEqual({ ok: false, why: `the event's base sha '--output=${dir}/pwned' is not a commit id (hex)` });
      expect(readdirSync(dir)).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('parseDiff and the caps', () => {
  it('keeps patches within LIMITS.contextPatchesChars and lists the rest without one; LIMITS.contextFiles files at most', async () => {
    const patch = `@@ -1 +1 @@\n-a\n+${'b'.repeat(LIMITS.contextPatchChars)}`;
    const section = (name: string) => `diff --git a/${name} b/${name}\nindex 1..2 100644\n--- a/${name}\n+++ b/${name}\n${patch}\n`;
    const files = Array.from({ length: LIMITS.contextFiles + 2 }, (_, index) => `f${index}.txt`);
    const parsed = parseDiff(files.map(section).join(''));
    expect(parsed).toHaveLength(LIMITS.contextFiles + 2);
    expect(parsed[0]).toMatchObject({ path: 'f0.txt', status: 'modified', additions: 1, deletions: 1 });
    const capped = capFiles(parsed);
    expect(capped.filesCap).toEqual({ shown: LIMITS.contextFiles, total: LIMITS.contextFiles + 2 });
    expect(capped.files).toHaveLength(LIMITS.contextFiles);
    const patches = capped.files?.flatMap((file) => (file.patch === undefined ? [] : [file.patch])) ?? [];
    expect(patches.length).toBeGreaterThan(0);
    expect(patches.join('').length).toBeLessThanOrEqual(LIMITS.contextPatchesChars);
    expect(capped.files?.at(-1)).toEqual({ path: `f${LIMITS.contextFiles - 1}.txt`, status: 'modified', additions: 1, deletions: 1 });
  });

  it('a path git quotes is shown unquoted', () => {
    const text = 'diff --git "a/tab\\there" "b/tab\\there"\nnew file mode 100644\n--- /dev/null\n+++ "b/tab\\there"\n@@ -0,0 +1 @@\n+x\n';
    expect(parseDiff(text)).toEqual([{ path: 'tab\\there', status: 'added', additions: 1, deletions: 0, patch: '@@ -0,0 +1 @@\n+x' }]);
  });
});

describe('LocalCiHost.fetchContext', () => {
  it('a pull request event: its diff, and one line saying where it came from', async () => {
    const lines: string[] = [];
    const host = new LocalCiHost({
      workspace: repo,
      sender: { login: 'x', access: { trust: 'none', role: 'none permission' } },
      say: (line) => void lines.push(line),
    });
    const trigger = triggerFromGitHubEvent('pull_request', example('pull_request', 'opened'));
    const context = await host.fetchContext({ ...trigger, refs: { ...trigger.refs, baseSha: base, sha: head } });
    expect(context.files?.map((file) => file.path)).toEqual(['README.md', 'logo.png', 'new file ü.txt', 'old.txt', 'renamed.txt']);
    expect(lines).toEqual(["The pull request's diff, from git diff base...head in --cwd: 5 changed files."]);
  });

  it('no git: one line, and the run goes on without the diff', async () => {
    const lines: string[] = [];
    const host = new LocalCiHost({
      workspace: repo,
      sender: { login: 'x', access: { trust: 'none', role: 'none permission' } },
      say: (line) => void lines.push(line),
      git: path.join(repo, 'no-such-git'),
    });
    const trigger = triggerFromGitHubEvent('pull_request', example('pull_request', 'opened'));
    expect(await host.fetchContext({ ...trigger, refs: { ...trigger.refs, baseSha: base, sha: head } })).toEqual({});
    expect(lines).toEqual(['No diff for the model: git is not installed (or not on PATH). The run goes on without it.']);
  });

  it('an issue: no diff, nothing said', async () => {
    const lines: string[] = [];
    const host = new LocalCiHost({
      workspace: repo,
      sender: { login: 'x', access: { trust: 'none', role: 'none permission' } },
      say: (line) => void lines.push(line),
    });
    expect(await host.fetchContext(triggerFromGitHubEvent('issues', example('issues', 'opened')))).toEqual({});
    expect(lines).toEqual([]);
    expect(existsSync(repo)).toBe(true);
  });
});
