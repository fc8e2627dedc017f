// `flue-action run --event`: the local run is gated as the action gates it (src/ci/stage.ts through
// src/hosts/local-ci.ts), with the sender simulated by --as/--permission; a skip exits 0 with its reason,
// an agent that needs more than its profile is refused, not run with less. Real webhook payloads, the
// real Anthropic SDK against the fake API.
import { execFileSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readSessionLog } from '../../src/session-log/index.js';
import { startFakeAnthropic, text, type FakeAnthropic } from '../fakes/anthropic.js';
import { example } from '../trigger/examples.js';
import { cli, HELLO_AGENT, makeTempDir, onlyLog, removeTempDirs } from './helpers.js';

const WRITER_AGENT = '---\ndescription: Fix typos\nmodel: anthropic/claude-sonnet-4-6\ntools: [read, write]\n---\nFix the typo.\n';

let fake: FakeAnthropic;
let repo: string;
let logs: string;
let env: NodeJS.ProcessEnv;

beforeEach(async () => {
  fake = await startFakeAnthropic();
  repo = await makeTempDir({ '.flue/agents/hello.md': HELLO_AGENT, '.flue/agents/fixer.md': WRITER_AGENT });
  logs = await makeTempDir();
  env = { ANTHROPIC_API_KEY: 'sk-ant-test-key', ANTHROPIC_BASE_URL: fake.url };
});
afterEach(() => fake.close());
afterAll(removeTempDirs);

const run = (...args: string[]) => cli(['run', ...args, '--cwd', repo, '--log-dir', logs], { env, cwd: repo });

async function eventFile(payload: Record<string, unknown>, name = 'event.json'): Promise<string> {
  await writeFile(path.join(repo, name), JSON.stringify(payload));
  return name;
}

/** A real issue_comment.created payload (Codertocat comments on their own issue) with `body`. */
function comment(body: string): Record<string, unknown> {
  const payload = example('issue_comment', 'created');
  (payload.comment as { body: string }).body = body;
  return payload;
}

const SIMULATED_STRANGER =
  "flue-action: Gate simulated as in CI: @Codertocat, the event's sender, has none permission (the default: a stranger; " +
  '--permission write|read|none to change it); any other account has none, unless listed in --allowed-users.';

describe('a local --event run is gated as in CI', () => {
  it('skips a comment without the trigger phrase: exit 0, the reason, a log ending skipped, no model call', async () => {
    const result = await run('hello', '--event', await eventFile(example('issue_comment', 'created')), '--permission', 'write');
    expect(result.code).toBe(0);
    const reason = "The comment does not mention '@flue' (trigger-phrase), outside quotes and code; comments start a run only when they do.";
    expect(result.stderr).toContain(`\nskipped: ${reason} · 0 turns`);
    expect(fake.requests).toHaveLength(0);
    expect(readSessionLog(onlyLog(logs)).events.at(-1)).toMatchObject({ type: 'end', status: 'skipped', reason });
  });

  it('--json: the skip is the envelope, with its reason', async () => {
    const result = await run('hello', '--event', await eventFile(example('issue_comment', 'created')), '--json');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      status: 'skipped',
      reason: "The comment does not mention '@flue' (trigger-phrase), outside quotes and code; comments start a run only when they do.",
      modelClient: 'not called',
      dryRun: true,
    });
  });

  it('by default the sender is a stranger: a comment calling @flue is refused, and the run says what it simulated', async () => {
    const result = await run('hello', '--event', await eventFile(comment('@flue what does this do?')));
    expect(result.code).toBe(0);
    expect(result.stderr.split('\n')[0]).toBe(SIMULATED_STRANGER);
    expect(result.stderr).toContain(
      '\nskipped: @Codertocat (comment author, actor of this issue_comment.created event) has none permission. A comment starts a run ' +
        'only for users with write, maintain or admin permission on Codertocat/Hello-World, or users listed in allowed-users. · 0 turns',
    );
    expect(fake.requests).toHaveLength(0);
  });

  it('--permission write: the same comment runs, trusted, and the model gets it', async () => {
    fake.push(text('It greets.'));
    const result = await run('hello', '--event', await eventFile(comment('@flue what does this do?')), '--permission', 'write');
    expect(result.code).toBe(0);
    expect(result.stderr.split('\n')[0]).toBe(
      "flue-action: Gate simulated as in CI: @Codertocat, the event's sender, has write permission (--permission); any other account " +
        'has none, unless listed in --allowed-users.',
    );
    expect(result.stderr).toMatch(/\nflue-action [^ ]+: agent 'hello' on issue_comment\.created #1, trusted profile, dry run\.\n/);
    expect(fake.requests).toHaveLength(1);
    expect(readSessionLog(onlyLog(logs)).header.profile).toBeUndefined();
  });

  it('--trigger-phrase and --allowed-users feed the gate, as the action inputs of the same names', async () => {
    fake.push(text('Triaged.'));
    const payload = comment('/triage please');
    expect((await run('hello', '--event', await eventFile(payload), '--trigger-phrase', '/triage')).code).toBe(0);
    expect(fake.requests).toHaveLength(0);
    const result = await run('hello', '--event', await eventFile(payload), '--trigger-phrase', '/triage', '--allowed-users', 'codertocat');
    expect(result.code).toBe(0);
    expect(result.stderr).toContain("agent 'hello' on issue_comment.created #1, trusted profile, dry run.");
    expect(fake.requests).toHaveLength(1);
  });

  it("a stranger's issue runs untrusted, says why before the model is called, and logs the profile", async () => {
    fake.push(text('Noted.'));
    const result = await run('hello', '--event', await eventFile(example('issues', 'opened')));
    expect(result.code).toBe(0);
    const lines = result.stderr.split('\n');
    expect(lines.slice(0, 4)).toEqual([
      SIMULATED_STRANGER,
      'flue-action: Agent definitions read from the working tree (--cwd), as in every local run; CI reads them from the commit the ' +
        'workflow runs from (GITHUB_SHA), so that what a stranger pushed cannot change the agent.',
      expect.stringMatching(/^flue-action [^ ]+: agent 'hello' on issues\.opened #1, untrusted profile, dry run\.$/),
      'warning Running with the untrusted profile (read-only tools, no commands, no network): @Codertocat (actor of this issues.opened ' +
        'event, author of the issue) has none permission.',
    ]);
    expect(lines.findIndex((line) => line.startsWith('turn 1'))).toBeGreaterThan(3);
    expect(readSessionLog(onlyLog(logs)).header.profile).toBe('untrusted');
  });

  it('--as and --permission change the profile: a writer opening the issue runs trusted', async () => {
    fake.push(text('Noted.'), text('Noted.'));
    const event = await eventFile(example('issues', 'opened'));
    const result = await run('hello', '--event', event, '--as', 'maintainer-amy', '--permission', 'write');
    expect(result.code).toBe(0);
    expect(result.stderr.split('\n')[0]).toBe(
      "flue-action: Gate simulated as in CI: @maintainer-amy, the event's sender (--as), has write permission (--permission); " +
        'any other account has none, unless listed in --allowed-users.',
    );
    expect(result.stderr).toContain("agent 'hello' on issues.opened #1, trusted profile, dry run.");
    // The simulated event is what the model reads: its sender (and the issue's author, who was the sender) is the --as login.
    expect(fake.requests[0]?.body.messages[0].content[0].text).toContain('\nAuthor: maintainer-amy\nActor: maintainer-amy\n');

    const read = await run('hello', '--event', event, '--as', 'maintainer-amy', '--permission', 'read');
    expect(read.stderr).toContain("agent 'hello' on issues.opened #1, untrusted profile, dry run.");
    expect(read.stderr).toContain('@maintainer-amy (actor of this issues.opened event, author of the issue) has read permission.');
  });

  it("a write agent on a stranger's issue is refused as CI refuses it (admitAgent): a skip with the reason, never run without its tools", async () => {
    const result = await run('fixer', '--event', await eventFile(example('issues', 'opened')));
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(
      '\nskipped: @Codertocat (actor of this issues.opened event, author of the issue) has none permission, so the run would get the ' +
        'untrusted profile (read-only tools, no commands, no network), but the agent needs tools: write. Such an agent runs only for ' +
        'events caused by writers (write, maintain or admin permission, or allowed-users). · 0 turns',
    );
    expect(fake.requests).toHaveLength(0);
  });
});

describe('--untrusted without --event', () => {
  it('refuses an agent that needs write tools, as CI refuses it, instead of running it without them', async () => {
    const result = await run('fixer', '--untrusted');
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(
      'skipped: The --untrusted option was given, so the run would get the untrusted profile (read-only tools, no commands, ' +
        'no network), but the agent needs tools: write. Such an agent runs only for events caused by writers (write, maintain or ' +
        'admin permission, or allowed-users). · 0 turns',
    );
    expect(fake.requests).toHaveLength(0);
  });

  it('runs a read-only agent with the untrusted profile', async () => {
    fake.push(text('Hi.'));
    expect((await run('hello', '--untrusted')).code).toBe(0);
    expect(readSessionLog(onlyLog(logs)).header.profile).toBe('untrusted');
  });
});

describe('flags that mean nothing are refused', () => {
  it.each([
    [['--as', 'octocat'], "Option '--as' applies to a run with --event"],
    [['--permission', 'write'], "Option '--permission' applies to a run with --event"],
    [['--trigger-phrase', '/go'], "Option '--trigger-phrase' applies to a run with --event"],
    [['--allowed-users', 'a'], "Option '--allowed-users' applies to a run with --event"],
    [['--trust-author-text'], "Option '--trust-author-text' applies to a run with --event"],
  ])('%j without --event', async (flags, message) => {
    const result = await run('hello', ...flags);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `flue-action: ${message}, which is gated as in CI (or in a GitLab CI job); a run without --event has no event to gate.\n`,
    );
  });

  it('--untrusted with --event: the gate decides the profile', async () => {
    const result = await run('hello', '--event', await eventFile(example('issues', 'opened')), '--untrusted');
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      "flue-action: Option '--untrusted' does not combine with --event: the gate decides the event's profile, as in CI. A sender with " +
        'no permission (the default; --permission none) gets the untrusted profile wherever CI would give it.\n',
    );
  });

  it('--progress-comment: a local run posts nothing, with or without --event', async () => {
    const event = await eventFile(example('issues', 'opened'));
    for (const args of [[], ['--event', event]]) {
      const result = await run('hello', ...args, '--progress-comment', 'true');
      expect(result.code).toBe(2);
      expect(result.stderr).toBe(
        "flue-action: Option '--progress-comment' applies in a GitLab CI job (GITLAB_CI=true), where run posts; a local run posts nothing.\n",
      );
    }
  });

  it.each([
    [['--permission', 'admin'], "flue-action: Invalid --permission 'admin'. Expected one of: write, read, none.\n"],
    [['--as', ' '], "flue-action: Invalid --as '': expected the login to simulate as the event's sender, e.g. --as octocat.\n"],
  ])('%j is a usage error', async (flags, message) => {
    const result = await run('hello', '--event', await eventFile(example('issues', 'opened')), ...flags);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(message);
  });
});

describe('a local pull request event', () => {
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false', ...args], {
      cwd: repo,
      encoding: 'utf8',
    }).trim();

  /** The real pull_request.opened example, on two commits of the temp repository: README.md's typo fixed. */
  async function pullRequest(): Promise<{ payload: Record<string, unknown>; base: string; head: string }> {
    await writeFile(path.join(repo, 'README.md'), 'Hello wrold\n');
    git('init', '-q', '-b', 'main');
    git('add', '.');
    git('commit', '-q', '-m', 'base');
    const base = git('rev-parse', 'HEAD');
    git('checkout', '-q', '-b', 'fix');
    await writeFile(path.join(repo, 'README.md'), 'Hello world\n');
    git('commit', '-q', '-am', 'fix the typo');
    const head = git('rev-parse', 'HEAD');
    const payload = example('pull_request', 'opened');
    const pull = payload.pull_request as { base: { sha: string }; head: { sha: string } };
    pull.base.sha = base;
    pull.head.sha = head;
    return { payload, base, head };
  }

  it("gives the model the changed files and patches from git diff base...head, as the action gives GitHub's", async () => {
    const { payload, base } = await pullRequest();
    fake.push(text('Looks right.'));
    const result = await run('hello', '--event', await eventFile(payload, 'pr.json'));
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(
      `\nflue-action: Agent definitions read from the working tree (--cwd), as in every local run; CI reads them from the pull request's base commit ${base}, `,
    );
    expect(result.stderr).toContain("\nflue-action: The pull request's diff, from git diff base...head in --cwd: 1 changed file.\n");
    const prompt: string = fake.requests[0]?.body.messages[0].content[0].text;
    const id = /<untrusted id="([0-9a-f-]{36})"/.exec(prompt)?.[1] as string;
    expect(prompt).toContain(`<untrusted id="${id}" field="changed files" count="1">\nmodified README.md +1 -1\n</untrusted id="${id}">`);
    expect(prompt).toContain(`<untrusted id="${id}" field="patch" path="README.md">\n@@ -1 +1 @@\n-Hello wrold\n+Hello world\n</untrusted id="${id}">`);
  });

  it('a commit the checkout does not have: one line, and the run goes on without the diff', async () => {
    const { payload } = await pullRequest();
    (payload.pull_request as { base: { sha: string } }).base.sha = 'f95f852bd8fca8fcc58a9a2d6c842781e32a215e';
    fake.push(text('No diff to see.'));
    const result = await run('hello', '--event', await eventFile(payload, 'pr.json'));
    expect(result.code).toBe(0);
    const said = result.stderr.split('\n').filter((line) => line.startsWith('flue-action: No diff'));
    expect(said).toEqual([
      expect.stringMatching(
        /^flue-action: No diff for the model: git diff f95f852bd8fc\.\.\.[0-9a-f]{12} failed in --cwd \(fatal: .+\); fetch the pull request's commits into this checkout\. The run goes on without it\.$/,
      ),
    ]);
    expect(fake.requests[0]?.body.messages[0].content[0].text).not.toContain('field="changed files"');
  });

  /** A real issue_comment.created payload, made a comment on pull request #1 (what GitHub adds: issue.pull_request). */
  function commentOnPullRequest(body: string): Record<string, unknown> {
    const payload = comment(body);
    (payload.issue as Record<string, unknown>).pull_request = { url: 'https://api.github.com/repos/Codertocat/Hello-World/pulls/1' };
    return payload;
  }

  it("a comment on a pull request: its refs from the checkout (HEAD, and its merge base with origin's default branch), said in one line", async () => {
    const { base, head } = await pullRequest();
    git('update-ref', 'refs/remotes/origin/main', base);
    git('symbolic-ref', 'refs/remotes/origin/HEAD', 'refs/remotes/origin/main');
    fake.push(text('Looks right.'));
    const result = await run('hello', '--event', await eventFile(commentOnPullRequest('@flue review this')), '--permission', 'write');
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(
      "\nflue-action: The issue_comment event names no commit of pull request #1 (CI reads them from GitHub's API): the run takes " +
        `HEAD ${head.slice(0, 12)} and its merge base with origin/HEAD ${base.slice(0, 12)}.\n`,
    );
    const prompt: string = fake.requests[0]?.body.messages[0].content[0].text;
    expect(prompt).toContain(`Refs: sha ${head}, base sha ${base}`);
    expect(prompt).toContain('field="patch" path="README.md">\n@@ -1 +1 @@\n-Hello wrold\n+Hello world\n');
  });

  it('a comment on a pull request in a checkout without origin/HEAD: one line, then the stage refuses as it does without a base', async () => {
    await pullRequest();
    const result = await run('hello', '--event', await eventFile(commentOnPullRequest('@flue review this')), '--permission', 'write');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /\nflue-action: The issue_comment event names no commit of pull request #1 \(CI reads them from GitHub's API\), and local git cannot stand in: git merge-base HEAD origin\/HEAD failed in --cwd \(fatal: .+\)\.\n/,
    );
    expect(result.stderr).toContain(
      "\nflue-action: Event 'issue_comment' is about a pull request, but its base commit is unknown, so the agent definitions cannot be read from it.",
    );
    expect(fake.requests).toHaveLength(0);
  });
});
