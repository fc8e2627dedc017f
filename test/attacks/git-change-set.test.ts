// Attacks on propose_change (src/tools/change-set.ts, change-policy.ts, src/publish/apply.ts): what the
// runner commits is what it read from the checkout and checked twice, never what a link points at, a
// secret, or a proposal that went around the tool. Each test names its defence; each was checked to
// fail with that defence removed.
import * as fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { OutputPolicy } from '../../src/definitions/types.js';
import { applySafeOutputs, type PublishInput } from '../../src/publish/apply.js';
import { checkChangeSet } from '../../src/tools/change-policy.js';
import { readChangeSet } from '../../src/tools/change-set.js';
import { checkProposal, OutputCollector } from '../../src/tools/outputs.js';
import type { ChangeSet, ProposedOutput } from '../../src/tools/types.js';
import type { Trigger } from '../../src/trigger/types.js';
import { EventList, RecordingHost } from '../publish/fakes.js';
import { makeGitRepo, TOKEN } from '../sandbox/git-repo.js';

let repo: ReturnType<typeof makeGitRepo>;
beforeEach(() => {
  repo = makeGitRepo({ 'src/a.ts': 'a\n' });
});
afterEach(() => repo.cleanup());

const decoded = (changes: ChangeSet) =>
  changes.files.map((file) => ({ path: file.path, mode: file.mode, text: Buffer.from(file.content ?? '', 'base64').toString() }));

describe('a symlink is committed as a link, never as what it points at (lstat, readlink)', () => {
  test('a link to .git/config carries its target path, not the token the config holds', async () => {
    fs.symlinkSync('../.git/config', path.join(repo.dir, 'src/leak'));
    const read = await readChangeSet(repo.dir);
    if (!read.ok) throw new Error(read.message);
    expect(decoded(read.changes)).toEqual([{ path: 'src/leak', mode: '120000', text: '../.git/config' }]);
    expect(JSON.stringify(read)).not.toContain(TOKEN);
    expect(JSON.stringify(read)).not.toContain(Buffer.from(TOKEN).toString('base64').slice(0, 20));
  });

  test('a link to a file outside the checkout carries its target path only', async () => {
    fs.symlinkSync(path.join(repo.root, 'outside.txt'), path.join(repo.dir, 'outside'));
    const read = await readChangeSet(repo.dir);
    if (!read.ok) throw new Error(read.message);
    expect(decoded(read.changes)).toEqual([{ path: 'outside', mode: '120000', text: path.join(repo.root, 'outside.txt') }]);
  });
});

const trigger: Trigger = {
  kind: 'issue',
  eventName: 'issues',
  action: 'opened',
  repository: { owner: 'acme', name: 'widgets' },
  number: 3,
  isPullRequest: false,
  labels: [],
  actor: 'alice',
  actorIsBot: false,
  refs: {},
  inputs: {},
};
const policy: OutputPolicy = { propose_change: { max: 1, branchPrefix: 'flue/', protectedPaths: [], maxFiles: 5, maxLines: 50, draft: true } };
const change = (files: ChangeSet['files'], overrides: Partial<Extract<ProposedOutput, { kind: 'propose_change' }>> = {}): ProposedOutput => ({
  kind: 'propose_change',
  title: 'Fix',
  body: 'Fixes #3.',
  changes: { base: 'a'.repeat(40), files },
  branchPrefix: 'flue/',
  draft: true,
  ...overrides,
});
const file = (filePath: string, content = 'x\n') => ({
  path: filePath,
  status: 'modified' as const,
  mode: '100644' as const,
  content: Buffer.from(content).toString('base64'),
  additions: 1,
  deletions: 1,
});

async function publish(output: ProposedOutput, overrides: Partial<PublishInput> = {}) {
  const host = new RecordingHost();
  const report = await applySafeOutputs({
    agent: 'fixer',
    proposals: [{ id: 'output-1', output }],
    policy,
    trigger,
    host,
    recorder: new EventList(),
    dryRun: false,
    secrets: ['sk-ant-api03-secretvalue'],
    trusted: true,
    ...overrides,
  });
  return { report, calls: host.calls };
}

describe('the publish stage checks the change set again before anything is committed', () => {
  test('an untrusted run commits nothing, even with a proposal in hand (trusted check)', async () => {
    const { report, calls } = await publish(change([file('src/a.ts')]), { trusted: false });
    expect(calls).toEqual([]);
    expect(report.rejected).toEqual([
      {
        id: 'output-1',
        kind: 'propose_change',
        reason: "propose_change: this run uses the untrusted profile, so the agent's edits are never committed",
      },
    ]);
  });

  test('a workflow file in a proposal that went around the tool is refused by name (protected paths)', async () => {
    const { report, calls } = await publish(change([file('src/a.ts'), file('.github/workflows/release.yml')]));
    expect(calls).toEqual([]);
    expect(report.rejected[0]?.reason).toBe(
      'propose_change: path .github/workflows/release.yml (always protected: .github/) is protected and never committed; undo that change and propose again',
    );
  });

  test('a file holding a secret is refused, naming the file and not the secret (secret check)', async () => {
    const { report, calls } = await publish(change([file('src/config.ts', 'export const key = "sk-ant-api03-secretvalue";\n')]));
    expect(calls).toEqual([]);
    expect(report.rejected).toEqual([
      { id: 'output-1', kind: 'propose_change', reason: 'propose_change: src/config.ts holds a secret; nothing of this change set was committed' },
    ]);
  });

  test('a branch prefix or draft setting other than the policy is refused (policy settings)', async () => {
    const forged = await publish(change([file('src/a.ts')], { branchPrefix: 'main', draft: false }));
    expect(forged.calls).toEqual([]);
    expect(forged.report.rejected[0]?.reason).toBe('propose_change: the branch prefix and draft setting come from the policy (flue/, draft: true)');
  });

  test("the session log keeps no file content: base64 is out of the redactor's reach (loggedOutput)", async () => {
    const recorder = new EventList();
    const secretish = 'line one\nline two\n';
    const { report } = await publish(change([file('src/a.ts', secretish)]), { recorder });
    expect(report.applied).toHaveLength(1);
    const logged = JSON.stringify(recorder.events);
    expect(logged).toContain('"path":"src/a.ts"');
    expect(logged).not.toContain(Buffer.from(secretish).toString('base64'));
    const collector = new OutputCollector(policy, { isPullRequest: false, trusted: true }, recorder);
    expect(collector.propose(change([file('src/b.ts', secretish)])).ok).toBe(true);
    expect(JSON.stringify(recorder.events)).not.toContain(Buffer.from(secretish).toString('base64'));
  });

  test('a change set restored from a session log (run --resume) has no content and is refused, not committed empty or as deletions', async () => {
    const { content: _content, ...restored } = file('src/a.ts');
    const { report, calls } = await publish(change([restored]));
    expect(calls).toEqual([]);
    expect(report.rejected[0]?.reason).toBe(
      'propose_change: the change set holds no content for src/a.ts (one restored from a session log by --resume keeps none); run the agent again to propose it',
    );
  });

  test('a title spanning lines is refused; a mention in it is neutralized', async () => {
    expect(checkProposal(policy, change([file('src/a.ts')], { title: 'Fix\n\nmore' }), [], { isPullRequest: false, trusted: true })).toEqual({
      ok: false,
      message: 'propose_change: the title is one line (the commit subject); put details in the body',
    });
    const { calls } = await publish(change([file('src/a.ts')], { title: 'Fix for @octocat' }));
    expect(calls[0]?.output).toMatchObject({ kind: 'propose_change', title: expect.not.stringContaining('@octocat') });
  });
});

describe('what no tool may read is never committed either (change-policy.ts NEVER_COMMITTED)', () => {
  test('a cloud credentials file a step wrote into the checkout is refused by name, its key in no proposal', async () => {
    // google-github-actions/auth writes gha-creds-<hash>.json at the workspace root; a repository that does
    // not ignore it shows it to git status, so the change set reads it: a PEM key no redactor knows.
    const key = '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7\n-----END PRIVATE KEY-----\n';
    fs.writeFileSync(path.join(repo.dir, 'gha-creds-1234abcd.json'), JSON.stringify({ type: 'service_account', private_key: key }));
    fs.writeFileSync(path.join(repo.dir, 'src/a.ts'), 'fixed\n');
    const read = await readChangeSet(repo.dir);
    if (!read.ok) throw new Error(read.message);
    const verdict = checkChangeSet(policy.propose_change as NonNullable<OutputPolicy['propose_change']>, read.changes);
    expect(verdict).toEqual({
      ok: false,
      message: expect.stringContaining('gha-creds-1234abcd.json (never committed: gha-creds-*.json, a cloud credentials file)'),
    });
    expect(JSON.stringify(verdict)).not.toContain('PRIVATE KEY');
  });
});

describe('a symlink that leads out of the repository or to a protected path is never committed (change-policy.ts linkProblem)', () => {
  const rule = policy.propose_change as NonNullable<OutputPolicy['propose_change']>;
  const linkTo = (target: string, at: string) => {
    fs.mkdirSync(path.dirname(path.join(repo.dir, at)), { recursive: true });
    fs.symlinkSync(target, path.join(repo.dir, at));
  };

  test('a link to .git/config, to the runner, above the checkout or to its root is refused by name, each one', async () => {
    // Committed, each would hand whatever later reads the branch (a CI job, an artifact upload, a docs
    // build) the checkout's token, the runner's environment, a file above the checkout, or all of .git.
    linkTo('../.git/config', 'src/leak');
    linkTo('/proc/self/environ', 'env');
    linkTo('../../../home/runner/.ssh/id_rsa', 'src/key');
    linkTo('..', 'src/root');
    const read = await readChangeSet(repo.dir);
    if (!read.ok) throw new Error(read.message);
    expect(checkChangeSet(rule, read.changes)).toEqual({
      ok: false,
      message:
        'propose_change: symlink env -> /proc/self/environ leads outside the repository; ' +
        'symlink src/key -> ../../../home/runner/.ssh/id_rsa leads outside the repository; ' +
        "symlink src/leak -> ../.git/config leads to .git/config (always protected: **/.git); symlink src/root -> .. leads to the repository's root, which holds .git. " +
        'A symlink is committed as a link, and whatever later reads the branch through it reads what it points at; remove those links and propose again',
    });
  });

  test("a link to a workflow or to a path of the agent's protected-paths is refused like the path", async () => {
    linkTo('../.github/workflows/ci.yml', 'docs/ci.yml');
    const read = await readChangeSet(repo.dir);
    if (!read.ok) throw new Error(read.message);
    expect(checkChangeSet(rule, read.changes)).toMatchObject({
      ok: false,
      message: expect.stringContaining(
        'symlink docs/ci.yml -> ../.github/workflows/ci.yml leads to .github/workflows/ci.yml (always protected: .github/)',
      ),
    });
    expect(
      checkChangeSet({ ...rule, protectedPaths: ['secrets/**'] }, { ...read.changes, files: [linkFile('lib/s', '../secrets/prod.env')] }),
    ).toMatchObject({
      ok: false,
      message: expect.stringContaining('symlink lib/s -> ../secrets/prod.env leads to secrets/prod.env (protected-paths: secrets/**)'),
    });
  });

  test('the publish stage refuses a link that went around the tool, and commits nothing', async () => {
    const { report, calls } = await publish(
      change([file('src/a.ts'), linkFile('src/npmrc', 'C:\\Users\\runner\\.npmrc'), linkFile('src/up', '..\\..\\x')]),
    );
    expect(calls).toEqual([]);
    expect(report.rejected[0]?.reason).toContain(
      'propose_change: symlink src/npmrc -> C:\\\\Users\\\\runner\\\\.npmrc leads outside the repository; symlink src/up -> ..\\\\..\\\\x leads outside the repository.',
    );
  });

  test('a link that stays inside the repository, to a file that may be committed, is proposed as a link', async () => {
    linkTo('../src/a.ts', 'docs/a.ts');
    linkTo('a.ts', 'src/b.ts');
    const read = await readChangeSet(repo.dir);
    if (!read.ok) throw new Error(read.message);
    expect(checkChangeSet(rule, read.changes)).toEqual({ ok: true });
    expect(decoded(read.changes)).toEqual([
      { path: 'docs/a.ts', mode: '120000', text: '../src/a.ts' },
      { path: 'src/b.ts', mode: '120000', text: 'a.ts' },
    ]);
  });
});

function linkFile(at: string, target: string) {
  return { path: at, status: 'added' as const, mode: '120000' as const, content: Buffer.from(target).toString('base64'), additions: 1, deletions: 0 };
}
