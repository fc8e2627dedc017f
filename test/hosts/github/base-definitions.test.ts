import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from 'vitest';
import { LIMITS } from '../../../src/limits.js';
import { triggerFromGitHubEvent } from '../../../src/trigger/github.js';
import { example } from '../../trigger/examples.js';
import { API, BASE_SHA, pullRequestEvent, setup } from './helpers.js';

const SHA = /[0-9a-f]{40}/g;

async function listFiles(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)))
    .sort();
}

test('the definitions of a commit: .flue/, .agents/, .claude/ and AGENTS.md/CLAUDE.md as they are there', async () => {
  const { github, host, tmpDir, warnings } = await setup();
  const { payload } = pullRequestEvent();
  github.seedFromPayload(payload).tree(BASE_SHA, {
    'AGENTS.md': 'Be brief.',
    'CLAUDE.md': 'See AGENTS.md.',
    'README.md': 'not a definition',
    '.flue/agents/review.md': '---\ndescription: Review\n---\nReview it.',
    '.flue/skills/style/SKILL.md': '---\nname: style\n---\nbody',
    '.flue/skills/style/check.sh': { content: '#!/bin/sh\necho ok\n', mode: '100755' },
    '.agents/skills/a/SKILL.md': 'agents skill',
    '.agents/other.md': 'not a skill',
    '.claude/skills/c/SKILL.md': 'claude skill',
    '.claude/settings.json': '{}',
    'src/index.ts': 'export {};',
  });
  const folder = await host.definitionsAt(BASE_SHA, '');
  expect(path.dirname(folder)).toBe(tmpDir);
  // Whole folders: the sandbox serves these paths from the copy, so nothing else in them may go missing.
  expect(await listFiles(folder)).toEqual([
    '.agents/other.md',
    '.agents/skills/a/SKILL.md',
    '.claude/settings.json',
    '.claude/skills/c/SKILL.md',
    '.flue/agents/review.md',
    '.flue/skills/style/SKILL.md',
    '.flue/skills/style/check.sh',
    'AGENTS.md',
    'CLAUDE.md',
  ]);
  expect(await readFile(path.join(folder, '.flue/agents/review.md'), 'utf8')).toBe('---\ndescription: Review\n---\nReview it.');
  expect((await stat(path.join(folder, '.flue/skills/style/check.sh'))).mode & 0o777).toBe(0o755);
  expect((await stat(path.join(folder, 'AGENTS.md'))).mode & 0o777).toBe(0o644);
  expect(github.calls({ query: true }).map((call) => call.replace(SHA, 'SHA'))).toEqual([
    `GET ${API}/git/trees/SHA`,
    `GET ${API}/git/trees/SHA?recursive=1`,
    `GET ${API}/git/trees/SHA?recursive=1`,
    `GET ${API}/git/trees/SHA?recursive=1`,
    ...Array.from({ length: 9 }, () => `GET ${API}/git/blobs/SHA`),
  ]);
  expect(github.calls()[0]).toBe(`GET ${API}/git/trees/${BASE_SHA}`);
  expect(warnings).toEqual([]);
});

test('a comment on a PR: completeTrigger reads the PR for its base commit, whose definitions are then read', async () => {
  const { github, host } = await setup();
  const repo = github.seedFromPayload(pullRequestEvent().payload).tree(BASE_SHA, { 'AGENTS.md': 'x' });
  const payload = example('issue_comment', 'created');
  Object.assign(payload.issue as object, { number: 2, pull_request: { url: `${github.url}${API}/pulls/2` } });
  const trigger = await host.completeTrigger(triggerFromGitHubEvent('issue_comment', payload));
  expect(trigger.refs.baseSha).toBe(BASE_SHA);
  const folder = await host.definitionsAt(BASE_SHA, '');
  expect(await listFiles(folder)).toEqual(['AGENTS.md']);
  expect(github.calls().map((call) => call.replace(SHA, 'SHA'))).toEqual([
    `GET ${API}/pulls/2`,
    `GET ${API}/git/trees/SHA`,
    `GET ${API}/git/blobs/SHA`,
  ]);
  expect(repo.commits.has(BASE_SHA)).toBe(true);
});

test.each(['../../etc/x', 'agents/../../../x', '/etc/x', 'agents//x', 'agents\\..\\x'])(
  'a tree entry %j is refused before anything is written',
  async (hostile) => {
    const { github, host, tmpDir } = await setup();
    const repo = github.seedFromPayload(pullRequestEvent().payload);
    const blob = repo.blob('pwned');
    repo.rawTree('flue-tree', [
      { path: 'agents/ok.md', type: 'blob', sha: blob },
      { path: hostile, type: 'blob', sha: blob },
    ]);
    repo.rawTree('root', [{ path: '.flue', type: 'tree', sha: 'flue-tree' }], { commitSha: BASE_SHA });
    await expect(host.definitionsAt(BASE_SHA, '')).rejects.toThrow(
      `GET ${API}/git/trees/${BASE_SHA}: refusing tree entry ${JSON.stringify(`.flue/${hostile}`)}: a definition path must stay inside the repository.`,
    );
    expect(await readdir(tmpDir)).toEqual([]);
    expect(github.calls().filter((call) => call.includes('/git/blobs/'))).toEqual([]);
  },
);

test('symbolic links and submodules are skipped with a warning; a cut listing is reported', async () => {
  const { github, host, warnings } = await setup();
  const repo = github.seedFromPayload(pullRequestEvent().payload);
  const blob = repo.blob('text');
  repo.rawTree(
    'flue-tree',
    [
      { path: 'agents/a.md', type: 'blob', sha: blob },
      { path: 'agents/link.md', type: 'blob', mode: '120000', sha: repo.blob('/etc/passwd') },
      { path: 'vendor', type: 'commit', mode: '160000', sha: 'e'.repeat(40) },
    ],
    { truncated: true },
  );
  repo.rawTree('root', [{ path: '.flue', type: 'tree', sha: 'flue-tree' }], { commitSha: BASE_SHA });
  const folder = await host.definitionsAt(BASE_SHA, '');
  expect(await listFiles(folder)).toEqual(['.flue/agents/a.md']);
  expect(warnings).toEqual([
    'The listing of .flue/ on commit f95f852 was cut short by GitHub; some of its files are missing.',
    '.flue/agents/link.md on commit f95f852 is a symbolic link, not a file; skipped.',
    '.flue/vendor on commit f95f852 is a commit, not a file; skipped.',
  ]);
});

test(`past ${LIMITS.baseDefinitionFiles} files the rest is left out, with a warning naming them`, async () => {
  const { github, host, warnings } = await setup();
  const files: Record<string, string> = {};
  // One content for every file: a blob that several paths share is fetched once.
  for (let index = 0; index < LIMITS.baseDefinitionFiles + 2; index += 1) files[`.flue/skills/s/r${String(index).padStart(3, '0')}.md`] = 'same';
  github.seedFromPayload(pullRequestEvent().payload).tree(BASE_SHA, files);
  const folder = await host.definitionsAt(BASE_SHA, '');
  const written = await listFiles(folder);
  expect(written).toHaveLength(LIMITS.baseDefinitionFiles);
  expect(written.at(-1)).toBe(`.flue/skills/s/r${LIMITS.baseDefinitionFiles - 1}.md`);
  expect(await readFile(path.join(folder, written[0] as string), 'utf8')).toBe('same');
  expect(github.calls().filter((call) => call.includes('/git/blobs/'))).toHaveLength(1);
  expect(warnings).toEqual([
    `Commit f95f852 holds ${LIMITS.baseDefinitionFiles + 2} definition files; only the first ${LIMITS.baseDefinitionFiles} were fetched ` +
      `(limits: ${LIMITS.baseDefinitionFiles} files, ${LIMITS.baseDefinitionBytes} bytes). Missing from the run: .flue/skills/s/r500.md, .flue/skills/s/r501.md.`,
  ]);
});

test('the byte limit holds for the sizes the tree states and for the blobs themselves', async () => {
  const { github, host, warnings, tmpDir } = await setup();
  const repo = github.seedFromPayload(pullRequestEvent().payload);
  const small = repo.blob('small');
  repo.rawTree('flue-tree', [
    { path: 'agents/a.md', type: 'blob', sha: small, size: 5 },
    { path: 'data.bin', type: 'blob', sha: small, size: LIMITS.baseDefinitionBytes },
  ]);
  repo.rawTree('root', [{ path: '.flue', type: 'tree', sha: 'flue-tree' }], { commitSha: BASE_SHA });
  const folder = await host.definitionsAt(BASE_SHA, '');
  expect(await listFiles(folder)).toEqual(['.flue/agents/a.md']);
  expect(warnings[0]).toContain('only the first 1 were fetched');

  // A tree that understates its blobs' sizes: the bytes written are counted too (four paths share one blob).
  const quarter = repo.blob(Buffer.alloc(LIMITS.baseDefinitionBytes / 4 + 1));
  repo.rawTree(
    'lying-tree',
    ['a', 'b', 'c', 'd'].map((name) => ({ path: `agents/${name}.md`, type: 'blob' as const, sha: quarter, size: 1 })),
  );
  repo.rawTree('root2', [{ path: '.flue', type: 'tree', sha: 'lying-tree' }], { commitSha: 'f'.repeat(40) });
  await expect(host.definitionsAt('f'.repeat(40), '')).rejects.toThrow(
    `GET ${API}/git/blobs: the definition files of commit fffffff exceed ${LIMITS.baseDefinitionBytes} bytes.`,
  );
  expect((await readdir(tmpDir)).length).toBe(1);
});

test('a working-directory below the root: the definitions of that folder, laid out as its checkout has them', async () => {
  const { github, host, warnings } = await setup();
  github.seedFromPayload(pullRequestEvent().payload).tree(BASE_SHA, {
    'AGENTS.md': 'the root agent notes',
    '.flue/agents/root.md': 'the root agent',
    'packages/app/AGENTS.md': 'the app notes',
    'packages/app/.flue/agents/review.md': 'the app agent',
    'packages/app/.claude/skills/c/SKILL.md': 'claude skill',
    'packages/app/src/index.ts': 'export {};',
  });
  const folder = await host.definitionsAt(BASE_SHA, 'packages/app');
  expect(await listFiles(folder)).toEqual(['.claude/skills/c/SKILL.md', '.flue/agents/review.md', 'AGENTS.md']);
  expect(await readFile(path.join(folder, 'AGENTS.md'), 'utf8')).toBe('the app notes');
  expect(github.calls({ query: true }).map((call) => call.replace(SHA, 'SHA'))).toEqual([
    `GET ${API}/git/trees/SHA`,
    `GET ${API}/git/trees/SHA`,
    `GET ${API}/git/trees/SHA`,
    `GET ${API}/git/trees/SHA?recursive=1`,
    `GET ${API}/git/trees/SHA?recursive=1`,
    ...Array.from({ length: 3 }, () => `GET ${API}/git/blobs/SHA`),
  ]);
  expect(warnings).toEqual([]);
});

test('a working-directory the commit does not have: one error naming the folder and the commit, nothing written', async () => {
  const { github, host, tmpDir } = await setup();
  github.seedFromPayload(pullRequestEvent().payload).tree(BASE_SHA, { 'packages/other/.flue/agents/a.md': 'x' });
  await expect(host.definitionsAt(BASE_SHA, 'packages/app')).rejects.toThrow(
    `The working directory 'packages/app' does not exist on commit ${BASE_SHA.slice(0, 7)}, so its agent definitions cannot be read from that commit. ` +
      "Definitions come from the commit writers chose (a pull request's base); merge the folder with its .flue/ first.",
  );
  expect(await readdir(tmpDir)).toEqual([]);
});
