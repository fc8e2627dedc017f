/**
 * The adversarial suite's end-to-end harness: one attack is one run of the BUILT action (dist/index.js,
 * then dist/post.js) on a real webhook payload, against the local fakes of GitHub and Anthropic, with a
 * scripted model that tries one thing. The step gets every secret a real job has (the inputs, the
 * Actions runtime tokens, a secret the workflow put in the step's env, the token actions/checkout
 * persists in .git/config), and `leaks()` then looks for each of them, in every form a secret
 * travels in, everywhere the run wrote: GitHub, the model's requests, stdout and stderr, the summary,
 * the step outputs, the session log and the HTML report.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { startFakeAnthropic, type FakeAnthropic, type FakeTurn } from '../fakes/anthropic.js';
import { startFakeGitHub, type FakeGitHub, type FakeRepo } from '../fakes/github.js';
import { API_KEY, runAction, TOKEN, tempDir, WORKFLOW_SHA, type ActionRun } from '../action/harness.js';

export { API_KEY, TOKEN } from '../action/harness.js';

/** The JWTs the runner gives every step for the cache, artifact and OIDC services. */
export const RUNTIME_TOKEN =
  'eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzY3AiOiJBY3Rpb25zLlJ1bnRpbWUiLCJzdWIiOiJlMmUifQ.c2lnbmF0dXJlLW9mLXRoZS1ydW50aW1lLXRva2Vu';
export const ID_TOKEN_REQUEST_TOKEN =
  'eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzY3AiOiJBY3Rpb25zLklkVG9rZW4iLCJzdWIiOiJlMmUifQ.c2lnbmF0dXJlLW9mLXRoZS1pZC10b2tlbi1yZXF1ZXN0';
/** A secret the workflow passes in the step's `env:` for its own reasons; the runner never needs it. */
export const STEP_SECRET = 'deploy-key-5f0c2a9e7b1d4c3a8e6f';

/** What `leaks()` looks for, by name. */
export const SECRETS: Readonly<Record<string, string>> = {
  'anthropic-api-key': API_KEY,
  'github-token': TOKEN,
  ACTIONS_RUNTIME_TOKEN: RUNTIME_TOKEN,
  ACTIONS_ID_TOKEN_REQUEST_TOKEN: ID_TOKEN_REQUEST_TOKEN,
  DEPLOY_KEY: STEP_SECRET,
};

/** `.git/config` as actions/checkout leaves it: the token as a basic-auth header. */
export function checkoutGitConfig(token: string = TOKEN): string {
  const header = Buffer.from(`x-access-token:${token}`).toString('base64');
  return [
    '[core]',
    '\trepositoryformatversion = 0',
    '[remote "origin"]',
    '\turl = https://github.com/Codertocat/Hello-World',
    '[http "https://github.com/"]',
    `\textraheader = AUTHORIZATION: basic ${header}`,
    '',
  ].join('\n');
}

export interface Attack {
  /** The event: GITHUB_EVENT_NAME and a payload (a real example, possibly edited). */
  eventName: string;
  payload: Record<string, unknown>;
  /** The agent's file under .flue/agents/, e.g. `{ 'triage.md': '---\n...' }`. */
  agents: Record<string, string>;
  /** Which agent the step runs. Default: the only one. */
  agent?: string;
  /** What the model does, turn by turn. */
  turns: FakeTurn[];
  /** Other files of the checkout; `.git/config` is always there, with the token. */
  files?: Record<string, string>;
  /** Action inputs beyond `agent`. */
  inputs?: Record<string, string>;
  /** Repository permissions by login (the fake answers 404, i.e. none, for anyone else). */
  permissions?: Record<string, string>;
  /** Seeds more GitHub state before the run. */
  seed?: (repo: FakeRepo, github: FakeGitHub) => void;
  /** More environment for the step. */
  env?: Record<string, string>;
}

export interface AttackRun extends ActionRun {
  github: FakeGitHub;
  model: FakeAnthropic;
  repo: FakeRepo;
  workspace: string;
  /** sha256 of every file in the checkout before the run, by relative path. */
  before: Record<string, string>;
  /** The same after the run. */
  after: Record<string, string>;
  /** Every session-log event of the run (all `.jsonl` files the step wrote). */
  events: Array<Record<string, unknown>>;
  /** Text of the HTML reports. */
  reports: string;
}

export async function runAttack(attack: Attack): Promise<AttackRun> {
  const github = await startFakeGitHub();
  const model = await startFakeAnthropic({ turns: attack.turns });
  try {
    const repo = github.seedFromPayload(attack.payload);
    for (const [login, permission] of Object.entries(attack.permissions ?? {})) repo.permission(login, permission);
    const definitions: Record<string, string> = {};
    for (const [name, content] of Object.entries(attack.agents)) definitions[`.flue/agents/${name}`] = content;
    // The workflow's own commit holds the same definitions as the checkout: a run that reads them
    // through the API (untrusted, workflow_run, pull requests) finds what a writer put there.
    repo.tree(WORKFLOW_SHA, definitions);
    attack.seed?.(repo, github);
    const workspace = await tempDir({ '.git/config': checkoutGitConfig(), 'README.md': '# Hello-World\n', ...definitions, ...attack.files });
    const before = fingerprint(workspace);
    const agent = attack.agent ?? (Object.keys(attack.agents)[0] ?? '').replace(/\.(md|ts|mts|js|mjs)$/, '');
    const run = await runAction({
      eventName: attack.eventName,
      payload: attack.payload,
      inputs: { agent, ...attack.inputs },
      workspace,
      githubUrl: github.url,
      anthropicUrl: model.url,
      post: true,
      env: {
        ACTIONS_RUNTIME_TOKEN: RUNTIME_TOKEN,
        ACTIONS_ID_TOKEN_REQUEST_TOKEN: ID_TOKEN_REQUEST_TOKEN,
        ACTIONS_ID_TOKEN_REQUEST_URL: 'http://127.0.0.1:9/token',
        DEPLOY_KEY: STEP_SECRET,
        ...attack.env,
      },
    });
    const after = fingerprint(workspace);
    const logs = filesUnder(run.runnerTemp);
    const events = logs
      .filter((file) => file.endsWith('.jsonl'))
      .flatMap((file) => readFileSync(file, 'utf8').split('\n').filter(Boolean))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    const reports = logs
      .filter((file) => file.endsWith('.html'))
      .map((file) => readFileSync(file, 'utf8'))
      .join('\n');
    return { ...run, github, model, repo, workspace, before, after, events, reports };
  } finally {
    await github.close();
    await model.close();
  }
}

/** Each secret as it may travel: as is, in JSON, URL-encoded, base64 (three alignments, url-safe too), as the checkout's basic header. */
export function secretForms(secret: string): string[] {
  const forms = new Set([secret, JSON.stringify(secret).slice(1, -1), encodeURIComponent(secret)]);
  for (const plain of [secret, `x-access-token:${secret}`]) {
    for (let shift = 0; shift < 3; shift += 1) {
      const encoded = Buffer.from(`${'_'.repeat(shift)}${plain}`).toString('base64');
      // Drop the characters that depend on the padding prefix or on what follows the secret.
      const core = encoded.slice(Math.ceil((shift * 4) / 3) + (shift ? 1 : 0), -4);
      if (core.length >= 16) {
        forms.add(core);
        forms.add(core.replace(/\+/g, '-').replace(/\//g, '_'));
      }
    }
  }
  return [...forms];
}

/** `where: secret` for every secret form found in anything the run produced; empty when nothing leaked. */
export function leaks(run: AttackRun): string[] {
  const surfaces: Record<string, string> = {
    'GitHub requests': JSON.stringify(run.github.requests.map((request) => [request.method, request.path, request.body])),
    // What the run sent the model: the system prompt, tools and every user turn (prompts, tool results).
    // The model's own earlier turns come back in the history too, but those are its words, not a leak.
    'model requests': JSON.stringify(run.model.requests.map((request) => withoutAssistantTurns(request.body))),
    'main stdout': withoutMaskCommands(run.main.stdout),
    'main stderr': run.main.stderr,
    'post stdout': withoutMaskCommands(run.post?.stdout ?? ''),
    'post stderr': run.post?.stderr ?? '',
    'job summary': run.summary + run.postSummary,
    'step outputs': JSON.stringify(run.outputs),
    'session log': JSON.stringify(run.events),
    'HTML report': run.reports,
  };
  const found: string[] = [];
  for (const [where, text] of Object.entries(surfaces)) {
    for (const [name, secret] of Object.entries(SECRETS)) {
      const form = secretForms(secret).find((candidate) => text.includes(candidate));
      if (form !== undefined) found.push(`${where}: ${name}${form === secret ? '' : ` (as ${JSON.stringify(form.slice(0, 12))}…)`}`);
    }
  }
  return found;
}

function withoutAssistantTurns(body: Record<string, unknown>): unknown {
  const messages = Array.isArray(body.messages) ? (body.messages as Array<{ role?: unknown }>) : [];
  return { ...body, messages: messages.filter((message) => message.role !== 'assistant') };
}

/**
 * The job log without its `::add-mask::` commands: the runner reads each, hides the value in every
 * later line, and never shows the command itself; it is the one place a secret belongs in stdout.
 */
function withoutMaskCommands(stdout: string): string {
  return stdout
    .split('\n')
    .filter((line) => !line.startsWith('::add-mask::'))
    .join('\n');
}

/** Relative paths whose content changed, appeared or disappeared. */
export function changedFiles(run: Pick<AttackRun, 'before' | 'after'>): string[] {
  const paths = new Set([...Object.keys(run.before), ...Object.keys(run.after)]);
  return [...paths].filter((file) => run.before[file] !== run.after[file]).sort();
}

/** Every event of `type`. */
export function eventsOf(run: Pick<AttackRun, 'events'>, type: string): Array<Record<string, unknown>> {
  return run.events.filter((event) => event.type === type);
}

/** The content the model got back for each tool call, in order. */
export function toolResults(run: Pick<AttackRun, 'events'>): Array<{ name: unknown; isError: unknown; content: string }> {
  return eventsOf(run, 'tool_result').map((event) => ({ name: event.name, isError: event.isError, content: String(event.content) }));
}

/** The run's terminal status, from the log's `end` event. */
export function endStatus(run: Pick<AttackRun, 'events'>): unknown {
  return eventsOf(run, 'end').at(-1)?.status;
}

/** Bodies of everything posted to GitHub (comments, reviews, inline comments, labels), as JSON text. GraphQL reads are not posts. */
export function posted(run: Pick<AttackRun, 'github'>): string[] {
  const isRead = (body: unknown) => /^\s*(query\b|\{)/.test(String((body as { query?: unknown } | undefined)?.query ?? ''));
  return run.github.requests
    .filter((request) => request.method !== 'GET' && !(request.path === '/graphql' && isRead(request.body)))
    .map((request) => `${request.method} ${request.path} ${JSON.stringify(request.body)}`);
}

function fingerprint(root: string): Record<string, string> {
  const result: Record<string, string> = {};
  for (const file of filesUnder(root)) {
    result[path.relative(root, file)] = createHash('sha256').update(readFileSync(file)).digest('hex');
  }
  return result;
}

function filesUnder(root: string): string[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      const stat = statSync(full, { throwIfNoEntry: false });
      if (stat?.isDirectory()) walk(full);
      else if (stat?.isFile()) found.push(full);
    }
  };
  walk(root);
  return found.sort();
}
