import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { SessionHeaderInput } from '../../src/session-log/writer.js';
import type { Trigger } from '../../src/trigger/types.js';

export const trigger: Trigger = {
  kind: 'issue',
  eventName: 'issues',
  action: 'opened',
  repository: { owner: 'acme', name: 'widgets' },
  number: 7,
  isPullRequest: false,
  title: 'Broken',
  labels: [],
  actor: 'alice',
  actorIsBot: false,
  refs: {},
  inputs: {},
};

export const headerInput: SessionHeaderInput = {
  id: 'sess-1',
  agent: 'triage',
  model: 'claude-sonnet-4-6',
  modelClient: 'anthropic',
  trigger,
  files: { '.flue/agents/triage.md': 'abc123' },
  runner: { version: '0.1.0', node: 'v20.20.2', host: 'local' },
};

/** The header line SessionLog.open writes for `headerInput` at `time`. */
export const headerLine = (time: string): string =>
  `{"type":"session","version":1,"id":"sess-1","time":"${time}","agent":"triage","model":"claude-sonnet-4-6",` +
  `"modelClient":"anthropic","trigger":{"kind":"issue","eventName":"issues","action":"opened",` +
  `"repository":{"owner":"acme","name":"widgets"},"number":7,"isPullRequest":false,"title":"Broken","labels":[],` +
  `"actor":"alice","actorIsBot":false,"refs":{},"inputs":{}},"files":{".flue/agents/triage.md":"abc123"},` +
  `"runner":{"version":"0.1.0","node":"v20.20.2","host":"local"}}`;

/** A clock that ticks one second per call from 2026-01-02T03:04:05Z. */
export function tickingClock(): () => Date {
  let tick = 0;
  return () => new Date(Date.UTC(2026, 0, 2, 3, 4, 5 + tick++));
}

export async function makeTempDir(): Promise<string> {
  return fs.promises.mkdtemp(path.join(os.tmpdir(), 'flue-session-log-'));
}

export async function removeTempDir(dir: string): Promise<void> {
  await fs.promises.rm(dir, { recursive: true, force: true });
}

export const fileLines = (file: string): string[] => fs.readFileSync(file, 'utf8').split('\n');
