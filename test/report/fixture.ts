import type { SessionEvent, SessionHeader } from '../../src/session-log/events.js';
import type { ParsedSessionLog } from '../../src/session-log/reader.js';
import type { Trigger } from '../../src/trigger/types.js';

/** A small, fixed run every renderer test reads: two turns, parallel tools, an error, outputs, the end. */
export const trigger: Trigger = {
  kind: 'issue',
  eventName: 'issues',
  action: 'opened',
  repository: { owner: 'acme', name: 'widgets' },
  number: 42,
  isPullRequest: false,
  title: 'Crash when config is empty',
  body: 'Running `widgets build` with an empty widgets.json crashes.',
  labels: [],
  actor: 'alice',
  actorIsBot: false,
  author: 'alice',
  refs: {},
  inputs: {},
};

export const header: SessionHeader = {
  type: 'session',
  version: 1,
  id: '3f6c2a9e-1b2c-4d5e-8f90-a1b2c3d4e5f6',
  time: '2026-01-02T03:04:05.000Z',
  agent: 'triage',
  model: 'anthropic/claude-sonnet-4-6',
  modelClient: 'anthropic',
  trigger,
  files: {
    '.flue/agents/triage.md': '1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b',
    'AGENTS.md': '9f8e7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c5b4a39281706f5e4d3c2b1a0',
  },
  runner: { version: '0.1.0', node: 'v20.20.2', host: 'local' },
};

const t = (seconds: number) => new Date(Date.parse(header.time) + seconds * 1000).toISOString();
const usage = (inputTokens: number, outputTokens: number, cacheReadTokens: number, cacheWriteTokens: number) => ({
  inputTokens,
  outputTokens,
  cacheReadTokens,
  cacheWriteTokens,
});

export const events: SessionEvent[] = [
  { type: 'warning', time: t(0), message: 'skill "triage": description is longer than 1024 characters' },
  {
    type: 'model_request',
    time: t(0.1),
    turn: 1,
    bytes: 2150,
    system: 'You triage issues for acme/widgets.\nLabel them; answer when you can.',
    tools: ['read', 'grep', 'add_labels', 'add_comment'],
    messages: [{ role: 'user', content: [{ type: 'text', text: 'Issue #42: Crash when config is empty\n\nRunning `widgets build` crashes.' }] }],
  },
  {
    type: 'model_response',
    time: t(1.3),
    turn: 1,
    stopReason: 'tool_use',
    content: [
      { type: 'text', text: "I'll look at the config loader.\n" },
      { type: 'tool_use', id: 'tu_1', name: 'read', input: { path: 'src/config.ts' } },
      { type: 'tool_use', id: 'tu_2', name: 'grep', input: { pattern: 'JSON.parse' } },
    ],
    usage: usage(1200, 85, 0, 1100),
    costUsd: 0.0061,
    durationMs: 1234,
  },
  { type: 'tool_call', time: t(1.3), turn: 1, id: 'tu_1', name: 'read', input: { path: 'src/config.ts' } },
  { type: 'tool_call', time: t(1.3), turn: 1, id: 'tu_2', name: 'grep', input: { pattern: 'JSON.parse' } },
  { type: 'tool_result', time: t(1.31), turn: 1, id: 'tu_2', name: 'grep', isError: true, content: 'grep: invalid regex', durationMs: 4 },
  {
    type: 'tool_result',
    time: t(1.32),
    turn: 1,
    id: 'tu_1',
    name: 'read',
    isError: false,
    content: [1, 2, 3, 4, 5, 6, 7, 8].map((n) => `${n}\tline ${n} of config.ts`).join('\n'),
    durationMs: 12,
  },
  { type: 'model_request', time: t(1.4), turn: 2, bytes: 3900, messages: [] },
  {
    type: 'model_response',
    time: t(3.4),
    turn: 2,
    stopReason: 'tool_use',
    content: [{ type: 'thinking', thinking: 'x'.repeat(1500) }],
    usage: usage(300, 120, 1100, 0),
    costUsd: 0.00243,
    durationMs: 2000,
  },
  { type: 'tool_call', time: t(3.4), turn: 2, id: 'tu_3', name: 'add_labels', input: { labels: ['bug', 'area/config'] } },
  { type: 'output_proposed', time: t(3.4), id: 'o1', output: { kind: 'add_labels', labels: ['bug', 'area/config'] } },
  { type: 'tool_result', time: t(3.41), turn: 2, id: 'tu_3', name: 'add_labels', isError: false, content: 'Proposed.', durationMs: 1 },
  { type: 'tool_call', time: t(3.41), turn: 2, id: 'tu_4', name: 'add_comment', input: { body: 'Thanks! | The loader <crashes> on empty input.' } },
  { type: 'output_proposed', time: t(3.41), id: 'o2', output: { kind: 'add_comment', body: 'Thanks! | The loader <crashes> on empty input.' } },
  { type: 'tool_result', time: t(3.42), turn: 2, id: 'tu_4', name: 'add_comment', isError: false, content: 'Proposed.', durationMs: 1 },
  { type: 'limit', time: t(3.5), limit: 'turns', value: 2, max: 2 },
  { type: 'output_applied', time: t(3.6), id: 'o1', kind: 'add_labels', dryRun: true, output: { kind: 'add_labels', labels: ['bug', 'area/config'] } },
  { type: 'output_rejected', time: t(3.6), id: 'o2', kind: 'add_comment', reason: 'run budget_exhausted' },
  {
    type: 'end',
    time: t(3.7),
    status: 'budget_exhausted',
    reason: 'reached max-turns (2)',
    result: { severity: 'low' },
    totals: { turns: 2, ...usage(1500, 205, 1100, 1100), costUsd: 0.00853, durationMs: 3700 },
  },
];

export const fixtureLog = (overrides: Partial<ParsedSessionLog> = {}): ParsedSessionLog => ({
  path: '/tmp/triage.jsonl',
  header,
  events,
  truncated: false,
  problems: [],
  ...overrides,
});
