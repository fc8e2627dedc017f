/**
 * propose_change end to end, for the GitHub and GitLab host tests alike: a real git checkout holding an
 * agent with `write` and `propose_change`, the scripted turns that fix a file and propose it, and a run of
 * the whole pipeline against a host.
 */
import * as fs from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { onTestFinished } from 'vitest';
import { ScriptedModelClient, type ScriptedTurn } from '../../src/harness/scripted-client.js';
import type { Host } from '../../src/hosts/host.js';
import { runPipeline, type RunReport } from '../../src/pipeline.js';
import type { Trigger } from '../../src/trigger/types.js';
import { git, makeGitRepo } from '../sandbox/git-repo.js';

export const FIXER = (policy: string) => `---
description: Fix the bug the issue describes
tools: [read, write, edit, bash]
outputs:
  propose_change: ${policy}
---
Fix it and propose the change.
`;

export const FILES = {
  'src/app.ts': 'export const answer = 41;\n',
  'README.md': '# app\n',
  '.github/workflows/ci.yml': 'on: push\n',
};

export interface Checkout {
  dir: string;
  head: string;
}

export function checkout(policy = '{}'): Checkout {
  const repo = makeGitRepo({ ...FILES, '.flue/agents/fixer.md': FIXER(policy) });
  onTestFinished(repo.cleanup);
  return { dir: repo.dir, head: git(repo.dir, 'rev-parse', 'HEAD').trim() };
}

export const fixTurns = (title = 'Fix the answer'): ScriptedTurn[] => [
  { content: [{ type: 'tool_use', name: 'edit', input: { path: 'src/app.ts', oldText: '41', newText: '42' } }] },
  { content: [{ type: 'tool_use', name: 'bash', input: { command: 'git diff --stat' } }] },
  { content: [{ type: 'tool_use', name: 'propose_change', input: { title, body: 'The answer is 42, not 41. Fixes #1.' } }] },
  { content: 'Proposed the fix.' },
];

export async function run(
  at: Checkout,
  host: Host,
  trigger: Trigger,
  turns: ScriptedTurn[],
  profile: 'trusted' | 'untrusted' = 'trusted',
): Promise<RunReport> {
  const logDir = mkdtempSync(path.join(tmpdir(), 'flue-change-log-'));
  onTestFinished(() => rmSync(logDir, { recursive: true, force: true }));
  return runPipeline(
    { workspace: at.dir, agent: 'fixer', limits: {}, profile, dryRun: false, logDir, secrets: ['ghs_test', 'glpat-test-token-0001'] },
    { host, trigger, createModelClient: () => new ScriptedModelClient(turns, 'fix.jsonl') },
  );
}

/** Every tool result the model read, in order, from the session log. */
/** The `output_applied` events of the run's log: where each output went, and the host's note on it. */
export function appliedEvents(report: RunReport): Array<Record<string, unknown>> {
  return fs
    .readFileSync(report.logFile, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((event) => event.type === 'output_applied');
}

export function toolResults(report: RunReport): Array<{ name: string; isError: boolean; content: string }> {
  const events = fs
    .readFileSync(report.logFile, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
  return events
    .filter((event) => event.type === 'tool_result')
    .map((event) => ({ name: String(event.name), isError: event.isError === true, content: String(event.content) }));
}
