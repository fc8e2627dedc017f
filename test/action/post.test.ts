// The artifact link and the post step, with a fake artifact service so uploads succeed: a main step
// that finishes links its log from the progress comment; a main step killed mid-run (SIGKILL: no
// handler runs) leaves the comment "working", and the post step finishes it from the saved state.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { startFakeArtifacts, type FakeArtifacts } from '../fakes/artifacts.js';
import { hang, startFakeAnthropic, text, toolUse, type FakeAnthropic } from '../fakes/anthropic.js';
import { startFakeGitHub, type FakeGitHub, type FakeRepo } from '../fakes/github.js';
import { example } from '../trigger/examples.js';
import { commands, removeTempDirs, requireBuiltAction, runAction, tempDir, type ActionRunOptions } from './harness.js';

const READER_AGENT = `---
description: Read the README and report
tools: [read]
---
Read README.md.
`;

const API = '/repos/Codertocat/Hello-World';
const RUN = 'https://github.com/Codertocat/Hello-World/actions/runs/4242';
const MARKERS = '<!-- flue-action -->\n<!-- flue-action:progress agent=reader run=4242 -->';
const payload = example('issues', 'opened');

let github: FakeGitHub;
let repo: FakeRepo;
let model: FakeAnthropic;
let artifacts: FakeArtifacts;
let workspace: string;

beforeAll(async () => {
  requireBuiltAction();
  workspace = await tempDir({ '.flue/agents/reader.md': READER_AGENT, 'README.md': '# Hello-World\n' });
});
afterAll(removeTempDirs);
beforeEach(async () => {
  github = await startFakeGitHub();
  repo = github.seedFromPayload(payload).permission('Codertocat', 'write');
  artifacts = await startFakeArtifacts();
});
afterEach(async () => {
  await Promise.all([github.close(), model.close(), artifacts.close()]);
});

function run(extra: Partial<ActionRunOptions> = {}) {
  return runAction({
    eventName: 'issues',
    payload,
    inputs: { agent: 'reader' },
    workspace,
    githubUrl: github.url,
    anthropicUrl: model.url,
    env: artifacts.env,
    post: true,
    ...extra,
  });
}

/** The session log's name in the folder main saved: the artifact is named after its session id. */
function sessionIdPrefix(logDir: string): string {
  const log = readdirSync(logDir).find((name) => name.endsWith('.jsonl')) ?? '';
  return /^reader-(?:.*-)?([0-9a-f]{8})[0-9a-f-]*\.jsonl$/.exec(log)?.[1] ?? `no session log in ${logDir}`;
}

describe('the session log artifact and the post step', () => {
  test('a finished run links its uploaded log from the progress comment; the post step has nothing to do', async () => {
    model = await startFakeAnthropic({ turns: [text('The README is one heading.')] });
    const result = await run();
    expect(result.main.code).toBe(0);
    expect(commands(result.main.stdout, 'warning')).toEqual([]);
    expect(artifacts.uploads).toEqual([
      { name: `flue-session-triage-1-${result.outputs['session-id']?.slice(0, 8)}`, id: 9001, zip: expect.any(Buffer) },
    ]);
    const body = String(repo.comments(1)[0]?.body);
    expect(body.split('\n\n').at(-1)).toBe(`[Session log and report](${RUN}/artifacts/9001)`);
    expect(result.state['progress-comment']).toBe('');
    expect(result.post).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  test('SIGKILL mid-run: the post step uploads the log left behind and finishes the comment with the spend and the link', async () => {
    // One turn spent ($3 / $15 per million tokens: $0.0036 + $0.0045), then the model hangs until the kill.
    const usage = { input_tokens: 1_200, output_tokens: 300 };
    model = await startFakeAnthropic({ turns: [toolUse('read', { path: 'README.md' }, { usage }), hang()] });
    const killInTurnTwo: ActionRunOptions['during'] = async (child, output) => {
      while (!output().includes('::group::turn 2')) await new Promise((resolve) => setTimeout(resolve, 20));
      child.kill('SIGKILL');
    };
    const result = await run({ during: killInTurnTwo });
    expect(result.main.code).toBe('SIGKILL');
    // Main never finished the comment: its handle is still in the state the post step gets.
    expect(result.state).toEqual({
      'log-dir': expect.stringContaining('flue-action'),
      'artifact-prefix': 'flue-session',
      'progress-comment': '{"comment":5001,"number":1,"pullRequest":false,"agent":"reader"}',
      // No outputs (none of the model's words) on a public repository (no tokens, no cost): the post step follows it.
      'progress-view': expect.stringMatching(/^\{"modelText":false,"usage":false,"tools":\[/),
    });
    expect(result.post?.code).toBe(0);
    expect(commands(result.post?.stdout ?? '', 'warning')).toEqual([]);

    const session = sessionIdPrefix(result.state['log-dir'] as string);
    expect(artifacts.uploads).toEqual([{ name: `flue-session-triage-1-${session}`, id: 9001, zip: expect.any(Buffer) }]);
    const zip = artifacts.uploads[0]?.zip.toString('latin1') ?? '';
    expect(zip).toMatch(new RegExp(`reader-[\\w-]*${session}[\\w-]*\\.jsonl`));
    expect(zip).toMatch(new RegExp(`reader-[\\w-]*${session}[\\w-]*\\.html`));

    expect(github.calls()).toEqual([
      `GET ${API}/collaborators/Codertocat/permission`,
      `GET ${API}/issues/1/comments`,
      `POST ${API}/issues/1/comments`,
      `PATCH ${API}/issues/comments/5001`,
    ]);
    expect(github.requests.at(-1)?.body).toEqual({
      body: [
        MARKERS,
        `flue-action (\`reader\`) finished · [view run](${RUN}/attempts/1)`,
        '🚫 **cancelled**: the job was stopped before the agent finished (cancelled, timed out or killed).',
        'Spent before it stopped: 1 turn',
        `[Session log and report](${RUN}/artifacts/9001)`,
      ].join('\n\n'),
    });
    expect(result.postSummary).toContain('## ⚠️ flue · reader: unfinished');
  });

  test('SIGKILL mid-run on a full disk: the post step warns about the report it could not write, still uploads the log and finishes the comment', async () => {
    model = await startFakeAnthropic({ turns: [hang()] });
    const killInTurnOne: ActionRunOptions['during'] = async (child, output) => {
      while (!output().includes('::group::turn 1')) await new Promise((resolve) => setTimeout(resolve, 20));
      child.kill('SIGKILL');
    };
    const faults = fileURLToPath(new URL('./fs-faults.mjs', import.meta.url));
    const result = await run({ during: killInTurnOne, nodeArgs: ['--import', `${faults}?report`] });
    expect(result.main.code).toBe('SIGKILL');
    expect(result.post?.code).toBe(0);
    const logDir = result.state['log-dir'] as string;
    const log = path.join(logDir, readdirSync(logDir).find((name) => name.endsWith('.jsonl')) ?? '');
    const report = log.replace(/\.jsonl$/, '.html');
    const warning = `The HTML report ${report} was not written: ENOSPC: no space left on device, write. The session log ${log} holds the run.`;
    expect(commands(result.post?.stdout ?? '', 'warning')).toEqual([warning]);
    expect(existsSync(report)).toBe(false);
    expect(artifacts.uploads).toHaveLength(1);
    expect(JSON.stringify(github.requests.at(-1)?.body)).toContain('🚫 **cancelled**: the job was stopped before the agent finished');
    expect(result.postSummary).toContain('## ⚠️ flue · reader: unfinished');
    expect(result.postSummary).toContain('> ⚠️ The HTML report ');
  });
});
