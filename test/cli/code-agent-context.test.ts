// A code agent's `ctx` end to end, on the built runner (TS agents need Node >= 22.18: run on Node 24):
// through the CLI with the scripted model, ctx.event reaches the code and the model's first message,
// and ctx.log reaches stderr and the session log, redacted; through the action against the fake
// GitHub and Anthropic APIs, the README's own example reads the thread and the diff, the model sees
// them, and the review it asked for is posted.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '../../src/limits.js';
import { readSessionLog } from '../../src/session-log/index.js';
import type { SessionEvent } from '../../src/session-log/events.js';
import { runAction, tempDir, removeTempDirs as removeActionDirs, requireBuiltAction } from '../action/harness.js';
import { startFakeAnthropic, toolUse, type FakeAnthropic } from '../fakes/anthropic.js';
import { startFakeGitHub, type FakeGitHub } from '../fakes/github.js';
import { at, example } from '../trigger/examples.js';
import { cleanEnv, makeTempDir, onlyLog, removeTempDirs, requireBuiltCli, ROOT, runBuiltCli } from './helpers.js';

const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
/** Node strips types and has module.registerHooks from 22.18 on. */
const stripsTypes = major > 22 || (major === 22 && minor >= 18);

/** A real pull_request.opened payload (@octokit/webhooks-examples): #2 of Codertocat/Hello-World. */
const payload = example('pull_request', 'opened');
const pull = at(payload, 'pull_request');
const SECRET = 'ghp_ctxlog0123456789abcdefghijklmnopqrst';

const READER_TS = `import { defineAgent } from 'flue-action';

export default defineAgent({
  description: 'Reads its context',
  tools: ['read'],
  async run(ctx) {
    ctx.log(\`#\${ctx.event.number} \${ctx.event.kind}: \${ctx.event.title}\`);
    ctx.log('body:', ctx.event.body);
    ctx.log('thread:', ctx.thread.length, 'diff:', ctx.diff === undefined ? 'none' : ctx.diff.files.length);
    ctx.log('inputs:', ctx.inputs);
    return ctx.prompt('Say what this pull request changes.');
  },
});
`;

const messagesOf = (events: SessionEvent[]): string =>
  JSON.stringify(events.filter((event) => event.type === 'model_request').map((event) => event.messages));

describe.runIf(stripsTypes)(`ctx through the CLI on Node ${process.versions.node}`, () => {
  let repo: string;
  let logs: string;
  beforeAll(async () => {
    requireBuiltCli();
    repo = await makeTempDir({
      '.flue/agents/reader.ts': READER_TS,
      'event.json': JSON.stringify(payload),
      'script.jsonl': '{"content": [{"type": "text", "text": "It fixes the README title."}]}\n',
    });
    logs = await makeTempDir();
  });
  afterAll(removeTempDirs);

  it('gives the code the event, the model the fenced event, and stderr and the log each ctx.log line, redacted', async () => {
    const args = ['run', 'reader', '--cwd', repo, '--event', 'event.json', '--event-name', 'pull_request'];
    const input = JSON.stringify({ note: `token ${SECRET}`, html: '<img src=x onerror=alert(1)>' });
    const result = await runBuiltCli([...args, '--input', input, '--scripted-model', 'script.jsonl', '--log-dir', logs], {
      env: cleanEnv({ GITHUB_TOKEN: SECRET }),
      cwd: repo,
    });
    expect(result).toMatchObject({ code: 0, stdout: 'It fixes the README title.\n' });
    const lines = [
      `#2 pull_request: ${pull.title}`,
      `body: ${pull.body}`,
      // A local run fetches no thread and no diff (no API): the code is told so, not given stale data.
      'thread: 0 diff: none',
      "inputs: { note: 'token [REDACTED]', html: '<img src=x onerror=alert(1)>' }",
    ];
    expect(result.stderr).toContain(lines.map((line) => `log ${line}\n`).join(''));
    expect(result.stderr).not.toContain(SECRET.slice(0, 10));

    const file = onlyLog(logs);
    expect(readFileSync(file, 'utf8')).not.toContain(SECRET.slice(0, 10));
    const { events } = readSessionLog(file);
    expect(events.filter((event) => event.type === 'log').map((event) => event.message)).toEqual(lines);
    const sent = messagesOf(events);
    expect(sent).toMatch(/<untrusted id=\\"[\w-]+\\" field=\\"title\\">\\nUpdate the README with new information\.\\n<\/untrusted/);
    expect(sent).toContain('This is a pretty simple change that we need to pull into master.');
    expect(sent).toContain('Pull request: #2');
    expect(sent).toContain('Say what this pull request changes.');
    expect(events.at(-1)).toMatchObject({ type: 'end', status: 'succeeded' });

    // `view` and the HTML report beside the log show the lines; the report escapes them.
    const view = await runBuiltCli(['view', file], { env: cleanEnv(), cwd: repo });
    expect(view.stdout).toContain(lines.map((line) => `log ${line}\n`).join(''));
    const report = readFileSync(file.replace(/\.jsonl$/, '.html'), 'utf8');
    expect(report).toContain(`<div class="event log"><span class="label">Log</span><pre>#2 pull_request: ${pull.title}</pre></div>`);
    expect(report).toContain('html: &#39;&lt;img src=x onerror=alert(1)&gt;&#39;');
    expect(report).not.toContain('<img');
    expect(report).not.toContain(SECRET.slice(0, 10));
  });
});

/** The ```ts block of the README's "TypeScript agents" section, as a user would copy it. */
function readmeExample(): string {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('### TypeScript agents'));
  const block = /```ts\n([\s\S]*?)```/.exec(section)?.[1];
  if (block === undefined) throw new Error('README.md: no ```ts block under "### TypeScript agents"');
  return block;
}

describe.runIf(stripsTypes)(`the README's code agent, through the action on Node ${process.versions.node}`, () => {
  const API = '/repos/Codertocat/Hello-World';
  const PATCH = '@@ -1 +1 @@\n-# Hello-World\n+# Hello World';
  let github: FakeGitHub;
  let model: FakeAnthropic;
  beforeAll(() => requireBuiltAction());
  afterEach(async () => {
    await github?.close();
    await model?.close();
  });
  afterAll(removeActionDirs);

  it('reads the thread and the diff, shows them to the model, logs, and posts the review it asked for', async () => {
    const agent = readmeExample();
    github = await startFakeGitHub();
    const repo = github.seedFromPayload(payload);
    repo.permission('Codertocat', 'write');
    repo.files(2, [{ filename: 'README.md', status: 'modified', additions: 1, deletions: 1, patch: PATCH }]);
    repo.comment(2, { body: 'See ticket FLUE-7 for the naming rule.', user: 'octocat' });
    // A pull request's agents come from its base commit.
    repo.tree(at(pull, 'base').sha as string, { '.flue/agents/review.ts': agent, 'README.md': '# Hello-World\n' });
    model = await startFakeAnthropic({ turns: [toolUse('finish', { verdict: 'comment', summary: 'The title fix is right.' })] });
    const workspace = await tempDir({ '.flue/agents/review.ts': agent, 'README.md': '# Hello World\n' });

    const result = await runAction({
      eventName: 'pull_request',
      payload,
      inputs: { agent: 'review' },
      workspace,
      githubUrl: github.url,
      anthropicUrl: model.url,
    });
    expect(result.main.stderr).toBe('');
    expect(result.outputs.status, result.main.stdout).toBe('succeeded');
    expect(JSON.parse(result.outputs.result ?? '')).toEqual({ verdict: 'comment' });
    // The job log has the agent's line (and only the job log and the session log: it is not posted).
    expect(result.main.stdout).toContain('log #2: 1 of 1 files, 1 comments\n');

    const body = model.requests[0]?.body as { messages: Array<{ content: Array<{ text: string }> }> } | undefined;
    const first = body?.messages[0]?.content[0]?.text ?? '';
    expect(first).toContain(PATCH);
    expect(first).toContain('See ticket FLUE-7 for the naming rule.');
    expect(first).toContain('Update the README with new information.');
    expect(first.endsWith('\n\nReview the change. Look up any ticket it names.')).toBe(true);

    const review = github.requests.find((request) => request.method === 'POST' && request.path === `${API}/pulls/2/reviews`);
    expect(review?.body).toMatchObject({ event: 'COMMENT', body: expect.stringMatching(/^The title fix is right\./) });
    const posted = JSON.stringify(github.requests.filter((request) => request.method !== 'GET').map((request) => request.body));
    expect(posted).not.toContain('1 of 1 files');

    const sessions = path.join(result.runnerTemp, 'flue-action');
    const [session = ''] = readdirSync(sessions);
    const [logName = ''] = readdirSync(path.join(sessions, session)).filter((name) => name.endsWith('.jsonl'));
    const { events } = readSessionLog(path.join(sessions, session, logName));
    expect(events.filter((event) => event.type === 'log')).toMatchObject([{ message: '#2: 1 of 1 files, 1 comments' }]);
  });
});

describe("the README's ctx reference", () => {
  it('has a code agent example that type-checks, strict, against the public types agents import', async () => {
    const dir = await makeTempDir();
    const file = path.join(dir, 'review.ts');
    writeFileSync(file, readmeExample());
    const program = ts.createProgram([file], {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2023,
      lib: ['lib.es2023.d.ts'],
      // ToolRunContext's AbortSignal: a Node project's @types/node.
      typeRoots: [path.join(ROOT, 'node_modules/@types')],
      types: ['node'],
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      skipLibCheck: true,
      // As the runner resolves them (src/definitions/module-hooks.ts): its own copies.
      paths: { 'flue-action': [path.join(ROOT, 'src/lib/index.ts')], valibot: [path.join(ROOT, 'node_modules/valibot')] },
    });
    const problems = ts.getPreEmitDiagnostics(program).map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
    expect(problems).toEqual([]);
  });

  it('states the caps the runner applies', () => {
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const count = (value: number) => value.toLocaleString('en');
    expect(readme).toContain(`the newest ${LIMITS.contextComments} within ${count(LIMITS.contextCommentsChars)} characters`);
    expect(readme).toContain(`at most ${LIMITS.contextFiles} files, a patch cut at ${count(LIMITS.contextPatchChars)} characters`);
    expect(readme).toContain(`past ${count(LIMITS.contextPatchesChars)} characters in all`);
    expect(readme).toContain(`cut at ${count(LIMITS.logMessageChars)} characters`);
  });
});
