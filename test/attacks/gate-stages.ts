/**
 * The action's stages in this process (runActionStages from src/, not the built dist/), against the
 * fake GitHub and Anthropic: for gate attacks, where what matters is whether the run starts, with which
 * profile, and which definitions it reads. A code agent here is a probe: its top-level code writes a
 * witness file, so a test can tell whether the runner imported it. (On Node < 22.18 a code agent cannot
 * load at all and the runner fails the run instead; either way a run the gate stops leaves no witness
 * and ends `skipped` with the gate's reason.)
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { onTestFinished, vi } from 'vitest';
import { readRunnerEnvironment } from '../../src/action/environment.js';
import { runActionStages } from '../../src/action/run.js';
import { readActionSettings } from '../../src/action/settings.js';
import type { RunReport } from '../../src/pipeline.js';
import { startFakeAnthropic, type FakeAnthropic, type FakeTurn } from '../fakes/anthropic.js';
import { startFakeGitHub, type FakeGitHub, type FakeGitHubOptions, type FakeRepo } from '../fakes/github.js';

/** The commit GITHUB_SHA names: what the workflow runs from, which writers chose. */
export const WORKFLOW_SHA = 'c0ffee'.padEnd(40, '0');
const TOKEN = 'ghs_gate0123456789abcdefghij';
const API_KEY = 'sk-ant-gate-0123456789abcdef';

/** A code agent whose top-level code writes `witness` before it defines a harmless agent. */
export function probeAgent(witness: string, description = 'Probe'): string {
  return (
    `import { writeFileSync } from 'node:fs';\n` +
    `writeFileSync(${JSON.stringify(witness)}, 'imported');\n` +
    `export default { description: ${JSON.stringify(description)}, tools: ['read'] };\n`
  );
}

export interface StagesRun {
  /** What runActionStages returned, or the error it threw (the run failed before a report). */
  report?: RunReport;
  error?: Error;
  github: FakeGitHub;
  model: FakeAnthropic;
  repo: FakeRepo;
  workspace: string;
  /** True when the probe agent's top-level code ran. */
  imported: boolean;
  /** The session log's events. */
  events: Array<Record<string, unknown>>;
}

export interface StagesAttack {
  eventName: string;
  payload: Record<string, unknown>;
  /** Files of the checkout beyond README.md and the probe at `.flue/agents/probe.mjs`; given the probe's witness path. */
  files?: (witness: string) => Record<string, string>;
  /** Definition files on GITHUB_SHA, read through the API; default: the same probe. */
  workflowCommit?: (witness: string) => Record<string, string>;
  /** Agent to run; default `probe`. */
  agent?: string;
  /** Action inputs beyond `agent` and the two secrets. */
  inputs?: Record<string, string>;
  permissions?: Record<string, string>;
  turns?: FakeTurn[];
  /** Options of the fake GitHub: `actor` is who the token writes as. */
  github?: FakeGitHubOptions;
  /** Leave GITHUB_SHA unset. */
  noWorkflowSha?: boolean;
  /** Changes the fake before the run (inject a failure). */
  before?: (github: FakeGitHub) => void;
}

export async function runStages(attack: StagesAttack): Promise<StagesRun> {
  const github = await startFakeGitHub(attack.github);
  const model = await startFakeAnthropic({ turns: attack.turns ?? [] });
  const root = await mkdtemp(path.join(tmpdir(), 'flue-gate-attack-'));
  // Per test, not a top-level afterEach: with isolate off, a module's top-level code runs once a worker.
  onTestFinished(async () => {
    await rm(root, { recursive: true, force: true });
    await model.close();
    await github.close();
  });
  const witness = path.join(root, 'witness');
  const workspace = path.join(root, 'checkout');
  const files = { '.flue/agents/probe.mjs': probeAgent(witness), 'README.md': '# Hello-World\n', ...attack.files?.(witness) };
  for (const [relative, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(workspace, relative)), { recursive: true });
    await writeFile(path.join(workspace, relative), content);
  }
  const repo = github.seedFromPayload(attack.payload);
  for (const [login, permission] of Object.entries(attack.permissions ?? {})) repo.permission(login, permission);
  repo.tree(WORKFLOW_SHA, attack.workflowCommit?.(witness) ?? { '.flue/agents/probe.mjs': probeAgent(witness) });
  attack.before?.(github);
  const eventPath = path.join(root, 'event.json');
  await writeFile(eventPath, JSON.stringify(attack.payload));
  const logDir = path.join(root, 'logs');
  await mkdir(logDir);
  const inputs: Record<string, string> = {
    agent: attack.agent ?? 'probe',
    'anthropic-api-key': API_KEY,
    'github-token': TOKEN,
    'progress-comment': 'false',
    ...attack.inputs,
  };
  const env: Record<string, string> = {
    GITHUB_EVENT_NAME: attack.eventName,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_API_URL: github.url,
    GITHUB_WORKSPACE: workspace,
    GITHUB_RUN_ID: '77',
    RUNNER_TEMP: root,
    ANTHROPIC_BASE_URL: model.url,
    ...(attack.noWorkflowSha ? {} : { GITHUB_SHA: WORKFLOW_SHA }),
  };
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value;
  // The stages print the job log (and `::add-mask::` lines) to stdout: kept out of the test output.
  const quiet = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  const run: Omit<StagesRun, 'imported' | 'events'> = { github, model, repo, workspace };
  try {
    const settings = readActionSettings({ env, secrets: [] });
    const environment = readRunnerEnvironment(env);
    run.report = await runActionStages({ settings, environment, logDir, signal: new AbortController().signal, state: {} });
  } catch (error) {
    run.error = error as Error;
  } finally {
    quiet.mockRestore();
  }
  const events = run.report
    ? (await readFile(run.report.logFile, 'utf8'))
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Record<string, unknown>)
    : [];
  return { ...run, imported: existsSync(witness), events };
}

/** What a skipped run must look like: no import, no model call, no write to GitHub, the reason in the log. */
export function skipOutcome(run: StagesRun) {
  return {
    error: run.error?.message,
    status: run.report?.status,
    reason: run.report?.reason,
    imported: run.imported,
    modelCalls: run.model.requests.length,
    writes: writes(run.github),
    end: run.events.at(-1)?.status,
  };
}

/** Every request that changes something on GitHub: any non-GET, but a GraphQL query (only mutations write). */
export function writes(github: FakeGitHub): string[] {
  return github.requests
    .filter((request) => request.method !== 'GET')
    .filter((request) => request.path !== '/graphql' || !/^\s*query\b/.test(String((request.body as { query?: unknown } | undefined)?.query)))
    .map((request) => `${request.method} ${request.path}`);
}
