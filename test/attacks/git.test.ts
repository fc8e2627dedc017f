// Attacks on the sandbox's read-only git (src/sandbox/git-argv.ts, git-process.ts, git-command.ts): the
// model types git commands, the runner runs the real git. Each test names the defence it proves; each
// was checked to fail with that defence removed.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { readOnlyGitArgv } from '../../src/sandbox/git-argv.js';
import { runGit } from '../../src/sandbox/git-process.js';
import { createSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { git, makeGitRepo, TOKEN } from '../sandbox/git-repo.js';

let repo: ReturnType<typeof makeGitRepo>;
let sandbox: Sandbox;
let marker: string;

beforeEach(() => {
  repo = makeGitRepo({ 'src/a.txt': 'alpha\n' });
  marker = path.join(repo.root, 'pwned');
  sandbox = createSandbox({ workspace: repo.dir, profile: 'trusted', allowWrite: true, commands: [], networkAllow: [] });
});
afterEach(() => repo.cleanup());

const run = async (command: string) => {
  const { stdout, stderr, exitCode } = await sandbox.exec(command);
  return { stdout, stderr, exitCode };
};

/** A script that leaves `marker` behind when git runs it. */
function evilScript(): string {
  const script = path.join(repo.root, 'evil.sh');
  fs.writeFileSync(script, `#!/bin/sh\ntouch '${marker}'\ncat\n`, { mode: 0o755 });
  return script;
}

describe('options that write, run or reach past the checkout are refused (option grammar)', () => {
  test.each([
    ['git diff --output=../written', "git diff: option '--output=../written' is refused"],
    ['git diff --ext-diff', "git diff: option '--ext-diff' is refused"],
    ['git diff --textconv', "git diff: option '--textconv' is refused"],
    ['git log --format=%H', "git log: option '--format=%H' is refused"],
    ['git log -g', "git log: option '-g' is refused"],
    ['git diff --no-index ../outside.txt src/a.txt', "git diff: option '--no-index' is refused"],
    ['git -c core.pager=touch status', "git: '-c' is refused"],
    ['git -C / status', "git: '-C' is refused"],
    ['git --git-dir=/ log', "git: '--git-dir=/' is refused"],
    ['git --exec-path=/tmp status', "git: '--exec-path=/tmp' is refused"],
    ['git fetch --upload-pack=touch origin', "git: 'fetch' is refused"],
  ])('%s', async (command, refusal) => {
    const result = await run(command);
    expect(result.exitCode).toBe(129);
    expect(result.stderr.startsWith(refusal)).toBe(true);
    expect(fs.existsSync(path.join(repo.root, 'written'))).toBe(false);
  });

  test('an alias in the repository config never runs: only the four subcommands are words git sees', async () => {
    git(repo.dir, 'config', 'alias.st', `!touch '${marker}'`);
    expect((await run('git st')).stderr).toMatch(/^git: 'st' is refused/);
    expect(fs.existsSync(marker)).toBe(false);
  });
});

describe('paths outside the checkout or under .git are refused (path check)', () => {
  test('git diff of a file outside the workspace does not print it', async () => {
    const result = await run('git diff ../outside.txt src/a.txt');
    expect(result).toEqual({ stdout: '', stderr: "git diff: path '../outside.txt' is refused: it is outside the workspace\n", exitCode: 129 });
  });

  test('git diff -- /etc/hostname /dev/null is refused', async () => {
    expect((await run('git diff -- /etc/hostname /dev/null')).stderr).toBe("git diff: path '/etc/hostname' is refused: it is outside the workspace\n");
  });

  test('git status of .git/config is refused', async () => {
    expect((await run('git status .git/config')).stderr).toBe(
      "git status: path '.git/config' is refused: **/.git: a repository's internals may hold the job's credentials\n",
    );
  });

  test('without a revision, diff compares with HEAD, so git cannot fall back to --no-index on an outside path', async () => {
    // The path check allows everything here: HEAD alone must keep git inside the repository.
    const built = readOnlyGitArgv(
      ['diff', '../outside.txt', 'src/a.txt'],
      () => undefined,
      () => true,
    );
    if (!built.ok) throw new Error(built.message);
    const result = await runGit(repo.dir, built.argv);
    expect(result.stdout).not.toContain('outside secret');
    expect(result.stderr).toContain('is outside repository');
  });
});

describe('drivers and hooks in the repository config never run (safety config, --no-ext-diff, --no-textconv)', () => {
  beforeEach(() => {
    fs.writeFileSync(path.join(repo.dir, '.gitattributes'), '*.txt diff=evil\n');
    git(repo.dir, 'add', '.gitattributes');
    git(repo.dir, 'commit', '-q', '-m', 'attributes');
    fs.writeFileSync(path.join(repo.dir, 'src/a.txt'), 'beta\n');
  });

  test('a textconv driver a .gitattributes names', async () => {
    git(repo.dir, 'config', 'diff.evil.textconv', evilScript());
    expect((await run('git diff')).stdout).toContain('-alpha\n+beta\n');
    expect((await run('git show HEAD~1')).exitCode).toBe(0);
    expect(fs.existsSync(marker)).toBe(false);
  });

  test('an external diff command', async () => {
    git(repo.dir, 'config', 'diff.evil.command', evilScript());
    git(repo.dir, 'config', 'diff.external', evilScript());
    expect((await run('git diff')).stdout).toContain('-alpha\n+beta\n');
    expect(fs.existsSync(marker)).toBe(false);
  });

  test('an fsmonitor hook, which git status would run', async () => {
    git(repo.dir, 'config', 'core.fsmonitor', evilScript());
    expect((await run('git status -s')).stdout).toBe(' M src/a.txt\n');
    expect(fs.existsSync(marker)).toBe(false);
  });
});

describe('credentials in .git never reach the model', () => {
  test('status, log and show print neither the extraheader nor the remote URL token', async () => {
    const outputs = await Promise.all(['git status', 'git log --stat', 'git show', 'git diff HEAD'].map(run));
    for (const output of outputs) expect(`${output.stdout}${output.stderr}`).not.toContain(TOKEN);
    expect(outputs.map((output) => output.exitCode)).toEqual([0, 0, 0, 0]);
  });

  test('git show of .git/config through a revision finds no such path in the tree', async () => {
    const result = await run('git show HEAD:.git/config');
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe("fatal: bad revision 'HEAD:.git/config'\n");
  });

  test('a reflog selector, whose entries can carry a clone URL, is refused', async () => {
    git(repo.dir, 'update-ref', '-m', `clone: from https://x:${TOKEN}@github.com/octo/repo`, 'refs/heads/main', 'HEAD');
    expect((await run('git show HEAD@{0}')).stderr).toMatch(/^git show: 'HEAD@\{0\}' is not a revision this git accepts/);
    expect((await run('git log --oneline HEAD@{0}')).stderr).toMatch(/^git log: 'HEAD@\{0\}' is neither a file here nor a revision/);
  });

  test('git runs with none of the runner environment: a GIT_DIR a step exported is not followed', async () => {
    const other = makeGitRepo({ 'other.txt': 'elsewhere\n' });
    process.env.GIT_DIR = path.join(other.dir, '.git');
    try {
      expect((await run('git show HEAD:src/a.txt')).stdout).toBe('alpha\n');
    } finally {
      delete process.env.GIT_DIR;
      other.cleanup();
    }
  });
});
