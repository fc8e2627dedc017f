import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { GIT_MISSING } from '../../src/sandbox/git-process.js';
import { createSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { git, makeGitRepo, withoutGit } from './git-repo.js';

let repo: ReturnType<typeof makeGitRepo>;
let sandbox: Sandbox;
let head: string;

beforeEach(() => {
  repo = makeGitRepo({ 'src/a.ts': 'export const a = 1;\n', 'README.md': '# demo\n' });
  head = git(repo.dir, 'rev-parse', '--short', 'HEAD').trim();
  sandbox = createSandbox({ workspace: repo.dir, profile: 'trusted', allowWrite: true, commands: [], networkAllow: [] });
});
afterEach(() => repo.cleanup());

const run = async (command: string) => {
  const { stdout, stderr, exitCode } = await sandbox.exec(command);
  return { stdout, stderr, exitCode };
};

describe('read-only git in the sandbox', () => {
  test('status, diff and diff --stat show the agent its own edits, new files included in status', async () => {
    await run("printf 'export const a = 2;\\n' > src/a.ts && echo new > src/b.ts");
    expect(await run('git status -s')).toEqual({ stdout: ' M src/a.ts\n?? src/b.ts\n', stderr: '', exitCode: 0 });
    const diff = await run('git diff');
    expect(diff.exitCode).toBe(0);
    expect(diff.stdout).toContain('--- a/src/a.ts\n+++ b/src/a.ts\n@@ -1 +1 @@\n-export const a = 1;\n+export const a = 2;\n');
    expect(await run('git diff --stat')).toEqual({
      stdout: ' src/a.ts | 2 +-\n 1 file changed, 1 insertion(+), 1 deletion(-)\n',
      stderr: '',
      exitCode: 0,
    });
  });

  test('diff of one path, from a subfolder', async () => {
    await run("echo more >> README.md && printf 'x\\n' > src/a.ts");
    expect((await run('git diff --name-only README.md')).stdout).toBe('README.md\n');
    expect((await run('cd src && git diff --name-only -- a.ts')).stdout).toBe('src/a.ts\n');
  });

  test('log and show read the history', async () => {
    expect(await run('git log --oneline')).toEqual({ stdout: `${head} init\n`, stderr: '', exitCode: 0 });
    expect(await run('git log -n 1 --oneline -- src/a.ts')).toEqual({ stdout: `${head} init\n`, stderr: '', exitCode: 0 });
    expect(await run('git show HEAD:src/a.ts')).toEqual({ stdout: 'export const a = 1;\n', stderr: '', exitCode: 0 });
    const stat = await run('git show --stat HEAD');
    expect(stat.stdout).toContain('Author: Ada <ada@example.com>\n');
    expect(stat.stdout).toContain(' 2 files changed, 2 insertions(+)\n');
  });

  test('git log without -n prints the newest 30 commits', async () => {
    for (let index = 0; index < 32; index++) git(repo.dir, 'commit', '-q', '--allow-empty', '-m', `c${index}`);
    const lines = (await run('git log --oneline')).stdout.trim().split('\n');
    expect(lines).toHaveLength(30);
    expect(lines[0]).toMatch(/ c31$/);
  });

  test('a failing git says why, with its exit code', async () => {
    const result = await run('git show nosuchbranch');
    expect(result.exitCode).toBe(128);
    expect(result.stderr).toContain("fatal: bad revision 'nosuchbranch'");
  });

  test('an image without git (node:24-slim) says so and how to get it, not a bare ENOENT', async () => {
    const result = await withoutGit(() => run('git status'));
    expect(result).toEqual({ stdout: '', stderr: `${GIT_MISSING}\n`, exitCode: 127 });
    expect(GIT_MISSING).toMatch(/^git: not installed on this runner .*install-git input, or image: node:24\)$/);
  });

  test('what is not accepted is refused with the usage, exit 129', async () => {
    expect(await run('git')).toEqual({
      stdout: '',
      stderr:
        'git: read-only git allows `git status [-s] [paths]`, `git diff [--stat|--name-only|--cached] [rev [rev]] [-- paths]`, `git log [-n N] [--oneline] [--stat] [rev] [-- paths]` and `git show [--stat] [rev[:path]]`.\n',
      exitCode: 129,
    });
    expect((await run('git commit -m x')).stderr).toMatch(
      /^git: 'commit' is refused: read-only git allows .*; nothing else \(no option before the subcommand\)\.\n$/,
    );
    expect(await run('git log -n 0')).toEqual({ stdout: '', stderr: 'git log -n: give a number of commits (1 or more)\n', exitCode: 129 });
    expect((await run('git diff --color-words')).stderr).toBe(
      "git diff: option '--color-words' is refused; allowed: --stat, --name-only, --name-status, --cached, --staged\n",
    );
  });

  test('under the untrusted profile git is not run, and says so', async () => {
    const untrusted = createSandbox({ workspace: repo.dir, profile: 'untrusted', allowWrite: false, commands: [], networkAllow: [] });
    expect(await untrusted.exec('git status')).toEqual({
      stdout: '',
      stderr: 'git: not available on this run: it uses the untrusted profile, where no real process runs (git is one)\n',
      exitCode: 126,
      timedOut: false,
    });
  });

  test("the agent's own allow-listed git runs what read-only git does not accept", async () => {
    const own = createSandbox({ workspace: repo.dir, profile: 'trusted', allowWrite: false, commands: ['git rev-parse HEAD'], networkAllow: [] });
    const full = git(repo.dir, 'rev-parse', 'HEAD');
    expect(await own.exec('git rev-parse HEAD')).toEqual({ stdout: full, stderr: '', exitCode: 0, timedOut: false });
    expect((await own.exec('git log --oneline')).stdout).toBe(`${head} init\n`);
    expect((await own.exec('git rev-parse --git-dir')).stderr).toMatch(/^git: refused: /);
  });

  test('a workspace inside a repository is not one: git never reads past the workspace to find one', async () => {
    const inner = createSandbox({ workspace: `${repo.dir}/src`, profile: 'trusted', allowWrite: false, commands: [], networkAllow: [] });
    const result = await inner.exec('git log --oneline');
    expect(result.exitCode).toBe(128);
    expect(result.stderr).toMatch(/^fatal: not a git repository/);
  });

  test('the workspace files are untouched: git writes no index lock or file', async () => {
    const before = fs.readdirSync(path.join(repo.dir, '.git')).sort();
    await run('git status && git diff && git log && git show');
    expect(fs.readdirSync(path.join(repo.dir, '.git')).sort()).toEqual(before);
  });
});
