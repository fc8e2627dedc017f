import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from 'vitest';
import { LIMITS } from '../../../src/limits.js';
import { API, BASE_SHA, setup } from './helpers.js';

async function listFiles(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)))
    .sort();
}

test('the definitions of a commit: .flue/, .agents/, .claude/ and AGENTS.md/CLAUDE.md as they are there', async () => {
  const { gitlab, project, host, tmpDir, warnings } = await setup();
  project.tree(BASE_SHA, {
    'AGENTS.md': 'Be brief.',
    'CLAUDE.md': 'See AGENTS.md.',
    'README.md': 'not a definition',
    '.flue/agents/review.md': '---\ndescription: Review\n---\nReview it.',
    '.flue/skills/style/check.sh': { executable: '#!/bin/sh\necho ok\n' },
    '.agents/skills/a/SKILL.md': 'agents skill',
    '.claude/settings.json': '{}',
    'src/index.ts': 'export {};',
  });
  const folder = await host.definitionsAt(BASE_SHA, '');
  expect(path.dirname(folder)).toBe(tmpDir);
  expect(await listFiles(folder)).toEqual([
    '.agents/skills/a/SKILL.md',
    '.claude/settings.json',
    '.flue/agents/review.md',
    '.flue/skills/style/check.sh',
    'AGENTS.md',
    'CLAUDE.md',
  ]);
  expect(await readFile(path.join(folder, '.flue/agents/review.md'), 'utf8')).toBe('---\ndescription: Review\n---\nReview it.');
  expect((await stat(path.join(folder, '.flue/skills/style/check.sh'))).mode & 0o777).toBe(0o755);
  expect((await stat(path.join(folder, 'AGENTS.md'))).mode & 0o777).toBe(0o644);
  const calls = gitlab.calls({ query: true });
  expect(calls.slice(0, 4)).toEqual([
    `GET ${API}/repository/tree?ref=${BASE_SHA}&recursive=false&per_page=100`,
    `GET ${API}/repository/tree?ref=${BASE_SHA}&recursive=true&path=.flue&per_page=100`,
    `GET ${API}/repository/tree?ref=${BASE_SHA}&recursive=true&path=.agents&per_page=100`,
    `GET ${API}/repository/tree?ref=${BASE_SHA}&recursive=true&path=.claude&per_page=100`,
  ]);
  expect(calls.slice(4).sort()).toEqual(
    ['.agents/skills/a/SKILL.md', '.claude/settings.json', '.flue/agents/review.md', '.flue/skills/style/check.sh', 'AGENTS.md', 'CLAUDE.md']
      .map((file) => `GET ${API}/repository/files/${encodeURIComponent(file)}/raw?ref=${BASE_SHA}`)
      .sort(),
  );
  expect(warnings).toEqual([]);
});

test("a working directory below the root: that folder's definitions, laid out as its checkout has them", async () => {
  const { project, host } = await setup();
  project.tree(BASE_SHA, { 'AGENTS.md': 'root', 'packages/app/AGENTS.md': 'app', 'packages/app/.flue/agents/a.md': 'agent' });
  const folder = await host.definitionsAt(BASE_SHA, 'packages/app/');
  expect(await listFiles(folder)).toEqual(['.flue/agents/a.md', 'AGENTS.md']);
  expect(await readFile(path.join(folder, 'AGENTS.md'), 'utf8')).toBe('app');
});

test('a working directory the commit does not have: one error naming the folder and the commit', async () => {
  const { project, host, tmpDir } = await setup();
  project.tree(BASE_SHA, { 'AGENTS.md': 'root' });
  await expect(host.definitionsAt(BASE_SHA, 'packages/gone')).rejects.toThrow(
    "The working directory 'packages/gone' does not exist on commit ba5e000, so its agent definitions cannot be read from that commit.",
  );
  expect(await readdir(tmpDir)).toEqual([]);
});

test('symbolic links and submodules are skipped with a warning, and never read', async () => {
  const { gitlab, project, host, warnings } = await setup();
  project.tree(BASE_SHA, { '.flue/agents/a.md': 'agent', '.flue/secrets': { symlink: '/etc/passwd' }, '.flue/vendor': { submodule: 'x' } });
  const folder = await host.definitionsAt(BASE_SHA, '');
  expect(await listFiles(folder)).toEqual(['.flue/agents/a.md']);
  expect(warnings).toEqual([
    '.flue/secrets on commit ba5e000 is a symbolic link, not a file; skipped.',
    '.flue/vendor on commit ba5e000 is a submodule, not a file; skipped.',
  ]);
  expect(gitlab.calls().filter((call) => call.includes('/raw'))).toEqual([`GET ${API}/repository/files/.flue%2Fagents%2Fa.md/raw`]);
});

test.each([
  ['a `..` segment', '.flue/../../escape.md'],
  ['an empty segment', '.flue//x.md'],
  ['a path outside the folder listed', 'src/elsewhere.md'],
  ['a backslash', '.flue/..\\..\\x.md'],
])('a hostile tree entry with %s is refused before anything is written', async (_name, hostile) => {
  const { gitlab, project, host, tmpDir } = await setup();
  project.tree(BASE_SHA, { '.flue/agents/a.md': 'agent' });
  const entry = { id: 'f'.repeat(40), name: 'x.md', type: 'blob', path: hostile, mode: '100644' };
  gitlab.fail(/^GET \/projects\/42\/repository\/tree\?.*path=\.flue/, {
    status: 200,
    body: [{ id: 'a'.repeat(40), name: 'a.md', type: 'blob', path: '.flue/agents/a.md', mode: '100644' }, entry],
  });
  await expect(host.definitionsAt(BASE_SHA, '')).rejects.toThrow(`refusing tree entry ${JSON.stringify(hostile)}`);
  expect(gitlab.calls().filter((call) => call.includes('/raw'))).toEqual([]);
  expect(await readdir(tmpDir)).toEqual([]);
});

test(`past ${LIMITS.baseDefinitionFiles} files the rest is left out, with a warning naming them`, async () => {
  const { project, host, warnings } = await setup();
  const files: Record<string, string> = {};
  for (let index = 0; index < LIMITS.baseDefinitionFiles + 2; index += 1) files[`.flue/skills/s/r${String(index).padStart(3, '0')}.md`] = 'x';
  project.tree(BASE_SHA, files);
  const written = await listFiles(await host.definitionsAt(BASE_SHA, ''));
  expect(written).toHaveLength(LIMITS.baseDefinitionFiles);
  expect(warnings).toEqual([
    `Commit ba5e000 holds ${LIMITS.baseDefinitionFiles + 2} definition files; only the first ${LIMITS.baseDefinitionFiles} were fetched ` +
      `(limit: ${LIMITS.baseDefinitionFiles} files). Missing from the run: .flue/skills/s/r500.md, .flue/skills/s/r501.md.`,
  ]);
});

test("GitLab's tree states no sizes: a file past the byte limit is cut off while read, and nothing is left behind", async () => {
  const { project, host, tmpDir } = await setup();
  project.tree(BASE_SHA, { '.flue/agents/a.md': 'agent', '.flue/data.bin': 'x'.repeat(LIMITS.baseDefinitionBytes + 1) });
  await expect(host.definitionsAt(BASE_SHA, '')).rejects.toThrow(
    `GET ${API}/repository/files: the definition files of commit ba5e000 exceed ${LIMITS.baseDefinitionBytes} bytes.`,
  );
  expect(await readdir(tmpDir)).toEqual([]);
});
