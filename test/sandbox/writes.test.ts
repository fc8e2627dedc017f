import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { PROTECTED_PATHS, SandboxError } from '../../src/sandbox/index.js';
import { makeWorkspace, realTree, sandboxFor, shellRun } from './workspace.js';

let dir: string;
let cleanup: () => Promise<void>;

beforeEach(async () => {
  ({ dir, cleanup } = await makeWorkspace());
});
afterEach(() => cleanup());

const run = shellRun;
const denied = (stderr: string) => ({ stdout: '', stderr, exitCode: 1 });

describe('without `write` the workspace is read-only', () => {
  const reason = 'read-only: the agent does not list `write`';

  test('every kind of shell write is refused and the disk is unchanged', async () => {
    const sandbox = sandboxFor(dir);
    const before = await realTree(dir);
    expect(await run(sandbox, 'echo x > src/b.txt')).toEqual(denied(`bash: EACCES: permission denied, write 'src/b.txt' (${reason})\n`));
    expect(await run(sandbox, 'echo x >> src/a.txt')).toEqual(denied(`bash: EACCES: permission denied, write 'src/a.txt' (${reason})\n`));
    expect(await run(sandbox, 'mkdir d')).toEqual(denied(`mkdir: cannot create directory 'd': EACCES: permission denied, mkdir 'd' (${reason})\n`));
    expect(await run(sandbox, 'touch src/a.txt')).toEqual(
      denied(`touch: cannot touch 'src/a.txt': EACCES: permission denied, touch 'src/a.txt' (${reason})\n`),
    );
    expect(await run(sandbox, 'mv src/a.txt src/c.txt')).toEqual(
      denied(`mv: cannot move 'src/a.txt': EACCES: permission denied, move 'src/a.txt' (${reason})\n`),
    );
    expect(await run(sandbox, 'cp src/a.txt src/c.txt')).toEqual(
      denied(`cp: cannot copy 'src/a.txt': EACCES: permission denied, copy to 'src/c.txt' (${reason})\n`),
    );
    expect((await run(sandbox, 'rm -r src')).exitCode).toBe(1);
    expect((await run(sandbox, 'rm -rf /')).exitCode).toBe(0); // -f hides the refusal, as it hides any error
    expect(await realTree(dir)).toEqual(before);
    expect(await fs.readFile(path.join(dir, 'src/a.txt'), 'utf8')).toBe('alpha\n');
  });

  test('the file tools hit the same gate through sandbox.fs', async () => {
    const sandbox = sandboxFor(dir);
    const error = await sandbox.fs.writeFile(`${dir}/src/a.txt`, 'changed').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SandboxError);
    expect((error as SandboxError).code).toBe('EACCES');
    expect((error as SandboxError).message).toBe(`EACCES: permission denied, write 'src/a.txt' (${reason})`);
  });

  test('the scratch area outside the workspace stays writable', async () => {
    const sandbox = sandboxFor(dir);
    expect(await run(sandbox, 'echo note > /tmp/n && cat /tmp/n ~/missing 2>/dev/null; echo $HOME')).toEqual({
      stdout: 'note\n/home/flue\n',
      stderr: '',
      exitCode: 0,
    });
  });
});

test('the untrusted profile is read-only whatever the options say', async () => {
  const sandbox = sandboxFor(dir, { profile: 'untrusted', allowWrite: true });
  expect(sandbox.writable).toBe(false);
  expect(await run(sandbox, 'echo x > src/b.txt')).toEqual(
    denied("bash: EACCES: permission denied, write 'src/b.txt' (read-only: this run uses the untrusted profile)\n"),
  );
});

describe('protected paths stay read-only with `write`', () => {
  test('direct writes, renames and removals under .git/ and .github/', async () => {
    const sandbox = sandboxFor(dir, { allowWrite: true });
    const before = await realTree(dir);
    expect(await run(sandbox, 'echo x > .git/config')).toEqual(
      denied("bash: EACCES: permission denied, write '.git/config' (protected path **/.git)\n"),
    );
    expect(await run(sandbox, 'echo x > .github/workflows/evil.yml')).toEqual(
      denied("bash: EACCES: permission denied, write '.github/workflows/evil.yml' (protected path .github/)\n"),
    );
    expect(await run(sandbox, 'mv src .git/')).toEqual(
      denied("mv: cannot move 'src': EACCES: permission denied, move to '.git/src' (protected path **/.git)\n"),
    );
    expect(await run(sandbox, 'mv .github gh')).toEqual(
      denied("mv: cannot move '.github': EACCES: permission denied, move '.github' (protected path .github/)\n"),
    );
    expect((await run(sandbox, 'rm -r .github')).exitCode).toBe(1);
    expect((await run(sandbox, 'cd src && rm -rf ..')).exitCode).toBe(0);
    expect(await run(sandbox, 'echo x > .GIT/hooks-pre-commit')).toEqual(
      denied("bash: EACCES: permission denied, write '.GIT/hooks-pre-commit' (protected path **/.git)\n"),
    );
    expect(await realTree(dir)).toEqual(before);
  });

  test('a symlink into a protected directory does not open a way around it', async () => {
    await fs.symlink('.github/workflows', path.join(dir, 'docs'));
    const sandbox = sandboxFor(dir, { allowWrite: true });
    expect(await run(sandbox, 'echo x > docs/evil.yml')).toEqual(
      denied("bash: EACCES: permission denied, write 'docs/evil.yml' (protected path .github/)\n"),
    );
    expect(await run(sandbox, 'ln -s .git g && echo x > g/hooks')).toEqual(
      denied("bash: EACCES: permission denied, write 'g/hooks' (protected path **/.git)\n"),
    );
    await expect(fs.readdir(path.join(dir, '.github/workflows'))).resolves.toEqual(['ci.yml']);
  });

  test('ordinary writes succeed and land on disk', async () => {
    const sandbox = sandboxFor(dir, { allowWrite: true });
    expect(await run(sandbox, 'mkdir -p lib && echo beta > lib/b.txt && mv lib/b.txt lib/c.txt && cat lib/c.txt')).toEqual({
      stdout: 'beta\n',
      stderr: '',
      exitCode: 0,
    });
    expect(await fs.readFile(path.join(dir, 'lib/c.txt'), 'utf8')).toBe('beta\n');
  });

  test('the protected list is the same on every run, and each entry refuses a write', async () => {
    // Pinned here: a change to the list is a change to every run's policy.
    const rules = [
      '**/.git',
      '.github/',
      'CODEOWNERS',
      'docs/CODEOWNERS',
      '.gitlab-ci.yml',
      '.gitlab/',
      '.flue/',
      '.agents/',
      '.claude/',
      'AGENTS.md',
      'CLAUDE.md',
      '.husky/',
      '.devcontainer/',
      '.devcontainer.json',
      '.vscode/',
      '**/.gitattributes',
      '.gitmodules',
    ];
    expect(PROTECTED_PATHS).toEqual(rules);
    const sandbox = sandboxFor(dir, { allowWrite: true });
    const before = await realTree(dir);
    const targets = [
      'lib/.git',
      '.github/CODEOWNERS',
      'CODEOWNERS',
      'docs/CODEOWNERS',
      '.gitlab-ci.yml',
      '.gitlab/ci/a.yml',
      '.flue/agents/triage.md',
      '.agents/skills/s/SKILL.md',
      '.claude/settings.json',
      'AGENTS.md',
      'claude.md',
      '.husky/pre-commit',
      '.devcontainer/devcontainer.json',
      '.devcontainer.json',
      '.VSCode/tasks.json',
      'src/.gitattributes',
      '.gitmodules',
    ];
    for (const [index, target] of targets.entries()) {
      expect(await run(sandbox, `echo x > ${target}`)).toEqual(
        denied(`bash: EACCES: permission denied, write '${target}' (protected path ${rules[index]})\n`),
      );
    }
    expect(await realTree(dir)).toEqual(before);
    // What only looks like them is ordinary.
    expect(await run(sandbox, 'echo ok > src/AGENTS.md && echo ok > .github-notes && echo ok > docs.gitattributes && cat src/AGENTS.md')).toEqual({
      stdout: 'ok\n',
      stderr: '',
      exitCode: 0,
    });
  });

  test('extra protectedPaths add to the list, never replace it', async () => {
    const sandbox = sandboxFor(dir, { allowWrite: true, protectedPaths: ['generated/'] });
    expect(await run(sandbox, 'echo x > generated/a; echo x > .flue/a')).toEqual(
      denied("bash: EACCES: permission denied, write 'generated/a' (protected path generated/)\n"),
    );
    expect(await run(sandbox, 'echo x > .flue/a')).toEqual(denied("bash: EACCES: permission denied, write '.flue/a' (protected path .flue/)\n"));
  });
});
