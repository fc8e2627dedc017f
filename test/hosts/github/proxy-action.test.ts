// The built action on a self-hosted runner behind a corporate proxy: GitHub's API, the model and the
// artifact service are each named by a host only the proxy resolves, and HTTP_PROXY carries a password.
// Every call of the run (the gate's and the progress comment's GitHub calls, the model request, the
// label, the upload) must go through the proxy, with no NODE_USE_ENV_PROXY. On Node 24 the agent
// declares a command, so the step restarts without secrets in its environment first (src/secrets/start.ts)
// and the proxy URL reaches the restarted process in memory only.
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { removeTempDirs, runAction, tempDir, WORKFLOW_SHA } from '../../action/harness.js';
import { startFakeAnthropic, text, toolUse, type FakeAnthropic } from '../../fakes/anthropic.js';
import { startFakeArtifacts, type FakeArtifacts } from '../../fakes/artifacts.js';
import { startFakeGitHub, type FakeGitHub } from '../../fakes/github.js';
import { startFakeProxy, type FakeProxy } from '../../fakes/proxy.js';
import { example } from '../../trigger/examples.js';

const CAN_RESTART = typeof process.execve === 'function';
const PASSWORD = 'action-proxy-pw-91b3';
const CREDENTIALS = `runner:${PASSWORD}`;

let github: FakeGitHub | undefined;
let model: FakeAnthropic | undefined;
let artifacts: FakeArtifacts | undefined;
let proxy: FakeProxy | undefined;
afterEach(async () => {
  await Promise.all([github?.close(), model?.close(), artifacts?.close(), proxy?.close()]);
  github = model = artifacts = proxy = undefined;
});
afterAll(removeTempDirs);

const proxied = (url: string, name: string) => url.replace('127.0.0.1', `${name}.proxied.test`);
const hostOf = (url: string) => new URL(url).host;

describe('the built action behind HTTP_PROXY with a password', () => {
  it('sends every GitHub, model and artifact call through the proxy, and the password nowhere', async () => {
    const triage = `---\ndescription: Label new issues\ntools: [read]\n${CAN_RESTART ? "commands: ['true']\n" : ''}outputs:\n  add_labels: { allowed: [bug], max: 1 }\n---\nLabel the issue.\n`;
    const payload = example('issues', 'opened');
    github = await startFakeGitHub();
    const repo = github.seedFromPayload(payload);
    repo.permission('Codertocat', 'write'); // an agent with commands runs for writers only
    repo.tree(WORKFLOW_SHA, { '.flue/agents/triage.md': triage });
    model = await startFakeAnthropic({ turns: [toolUse('add_labels', { labels: ['bug'] }), text('Labelled.')] });
    artifacts = await startFakeArtifacts();
    proxy = await startFakeProxy({ credentials: CREDENTIALS });

    const run = await runAction({
      eventName: 'issues',
      payload,
      inputs: { agent: 'triage' },
      workspace: await tempDir({ '.flue/agents/triage.md': triage, 'README.md': '# Hello-World\n' }),
      githubUrl: proxied(github.url, 'github'),
      anthropicUrl: proxied(model.url, 'model'),
      env: {
        ...artifacts.env,
        ACTIONS_RESULTS_URL: proxied(artifacts.env.ACTIONS_RESULTS_URL!, 'artifacts'),
        HTTP_PROXY: proxy.urlWith(CREDENTIALS),
      },
      post: true,
    });

    expect(run.main.code, run.main.stdout + run.main.stderr).toBe(0);
    expect(run.outputs.status, run.main.stdout).toBe('succeeded');
    expect(repo.labels(1)).toContain('bug');
    expect(model.requests).toHaveLength(2);
    expect(artifacts.uploads).toHaveLength(1);
    // Each service was reached through the proxy (the fakes' names resolve nowhere else), authenticated.
    const tunnelled = new Set(proxy.seen.filter((seen) => seen.method === 'CONNECT').map((seen) => seen.target));
    expect(tunnelled).toEqual(
      new Set([
        hostOf(proxied(github.url, 'github')),
        hostOf(proxied(model.url, 'model')),
        hostOf(proxied(artifacts.env.ACTIONS_RESULTS_URL!, 'artifacts')),
      ]),
    );
    const basic = `Basic ${Buffer.from(CREDENTIALS).toString('base64')}`;
    for (const seen of proxy.seen) expect(seen.authorization).toBe(basic);
    // The password is a secret of the step: masked in the runner's log, then never printed.
    expect(run.main.stdout).toContain(`::add-mask::${PASSWORD}\n`);
    const unmasked = (output: string) => output.replaceAll(`::add-mask::${PASSWORD}\n`, '');
    for (const output of [run.main.stdout, run.main.stderr, run.post?.stdout ?? '', run.post?.stderr ?? '', run.summary, JSON.stringify(run.outputs)]) {
      expect(unmasked(output)).not.toContain(PASSWORD);
    }
  });
});
