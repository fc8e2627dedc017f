import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { createSandbox, SandboxError, type SandboxOptions } from '../../src/sandbox/index.js';
import { makeWorkspace, readOutcome, sandboxOptions } from './workspace.js';

// A pull-request run: definitions were read from a copy of the base commit, which the sandbox serves
// in place of the checkout's own, read-only. The attacks on it are in test/attacks/filesystem.test.ts.

let dir: string;
let base: string;
let cleanup: () => Promise<void>;

const write = async (root: string, files: Record<string, string>) => {
  for (const [file, content] of Object.entries(files)) {
    await fs.mkdir(path.dirname(path.join(root, file)), { recursive: true });
    await fs.writeFile(path.join(root, file), content);
  }
};

beforeEach(async () => {
  ({ dir, cleanup } = await makeWorkspace());
  base = path.join(path.dirname(dir), 'base');
  await write(base, { '.flue/agents/triage.md': 'base agent\n', '.agents/skills/s/ref.md': 'base ref\n', 'AGENTS.md': 'base\n' });
  await write(dir, { '.agents/skills/s/ref.md': 'head ref\n', '.agents/skills/s/head.md': 'head only\n', 'CLAUDE.md': 'head\n' });
  await fs.symlink('.agents/skills', path.join(dir, 'skills-link'));
  await fs.symlink('src', path.join(dir, 'src-link'));
});
afterEach(() => cleanup());

const options = (overrides: Partial<SandboxOptions> = {}): SandboxOptions => sandboxOptions(dir, { definitionsRoot: base, ...overrides });

test('before and after the shell is built, every read answers from the copy for definition paths', async () => {
  const paths = [
    '',
    '/.flue',
    '/.flue/agents/triage.md',
    '/.agents/skills/s/ref.md',
    '/.agents/skills/s/head.md',
    '/AGENTS.md',
    '/agents.md',
    '/CLAUDE.md',
    '/skills-link',
    '/skills-link/s/ref.md',
    '/src-link/a.txt',
    '/.flue/missing/x',
  ].map((relative) => `${dir}${relative}`);
  const early = createSandbox(options());
  const built = await createSandbox(options()).load();
  const reads = ['readFile', 'readFileBuffer', 'exists', 'stat', 'lstat', 'readdir', 'readdirWithFileTypes', 'realpath'] as const;
  const answers: Record<string, unknown> = {};
  for (const read of reads) {
    for (const file of paths) {
      const call = (sandbox: { fs: typeof built.fs }) => () => (sandbox.fs[read] as (file: string) => Promise<unknown>)(file);
      const got = await readOutcome(call(early));
      expect({ read, file, got }).toEqual({ read, file, got: await readOutcome(call(built)) });
      answers[`${read} ${file.slice(dir.length) || '/'}`] = got;
    }
  }
  expect(early.loaded).toBe(false);
  expect(answers['readFile /.agents/skills/s/ref.md']).toBe('base ref\n');
  expect(answers['readFile /.agents/skills/s/head.md']).toEqual({ error: "ENOENT: no such file or directory, open '/.agents/skills/s/head.md'" });
  expect(answers['readFile /CLAUDE.md']).toEqual({ error: "ENOENT: no such file or directory, open '/CLAUDE.md'" });
  expect(answers['readFile /skills-link/s/ref.md']).toEqual({
    error:
      "EACCES: permission denied, '/skills-link/s/ref.md' resolves into the pull request's own definitions; this run serves them from the base commit",
  });
  // realpath still names where a link leads, so that the gate sees a write through it for what it is.
  expect(answers['realpath /skills-link']).toBe(`${dir}/.agents/skills`);
  expect(answers['readdir /']).toEqual(['.agents', '.flue', '.git', '.github', 'AGENTS.md', 'skills-link', 'src', 'src-link']);
  expect(answers['readFile /src-link/a.txt']).toBe('alpha\n');
});

test("`ls` with a pattern lists the copy's definition paths, not the checkout's", async () => {
  const sandbox = createSandbox(options());
  expect(await sandbox.exec('ls .agents/skills/s/*.md; ls *.md')).toEqual({
    stdout: '.agents/skills/s/ref.md\nAGENTS.md\n',
    stderr: '',
    exitCode: 0,
    timedOut: false,
  });
});

test("`ls` given a pattern that names a file scans every path, and meets the copy's there too", async () => {
  // A file named `*.md` gets past the ls guard; just-bash's ls then matches the pattern against every
  // path of the filesystem (getAllPaths), where the checkout's own CLAUDE.md must not show.
  await fs.writeFile(path.join(dir, '*.md'), 'literal\n');
  const sandbox = createSandbox(options());
  expect(await sandbox.exec("ls '*.md'")).toEqual({ stdout: '*.md\nAGENTS.md\n', stderr: '', exitCode: 0, timedOut: false });
});

test('a copy at the workspace itself serves nothing; a missing one stops the sandbox with the folder named', async () => {
  const same = createSandbox(options({ definitionsRoot: dir }));
  expect(Buffer.from(await same.fs.readFileBuffer(`${dir}/CLAUDE.md`)).toString()).toBe('head\n');
  const error = new SandboxError('ENOENT', `Definitions folder '${base}-gone' does not exist; pass the folder the agent was loaded from.`);
  expect(() => createSandbox(options({ definitionsRoot: `${base}-gone` }))).toThrow(error);
});
