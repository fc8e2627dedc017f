import type { SessionEvent } from '../../src/session-log/events.js';
import type { ParsedSessionLog } from '../../src/session-log/reader.js';
import { header } from './fixture.js';

const usage = { inputTokens: 50, outputTokens: 10, cacheReadTokens: 0, cacheWriteTokens: 0 };

/** A run killed mid-subagent: no `end`, a torn last line, a call without a result, hostile text. */
export const unfinishedEvents: SessionEvent[] = [
  {
    type: 'model_request',
    time: '2026-01-02T03:04:05.100Z',
    turn: 1,
    bytes: 900,
    system: 'Be brief.',
    tools: [],
    messages: [{ role: 'user', content: 'Say \u001b[2Jhi' }],
  },
  {
    type: 'model_response',
    time: '2026-01-02T03:04:06.000Z',
    turn: 1,
    stopReason: 'tool_use',
    content: [{ type: 'text', text: '   ' }],
    usage,
    costUsd: 0.5,
    durationMs: 900,
  },
  {
    type: 'tool_call',
    time: '2026-01-02T03:04:06.000Z',
    turn: 1,
    id: 'tu_1',
    name: 'task',
    input: { prompt: 'Find the bug'.repeat(10), agent: 'researcher' },
  },
  {
    type: 'model_request',
    time: '2026-01-02T03:04:06.100Z',
    agent: 'researcher',
    turn: 1,
    bytes: 700,
    system: 'Research.',
    tools: ['read'],
    messages: [],
  },
  {
    type: 'model_response',
    time: '2026-01-02T03:04:07.000Z',
    agent: 'researcher',
    turn: 1,
    stopReason: 'tool_use',
    content: [],
    usage,
    costUsd: 0.25,
    durationMs: 800,
  },
  { type: 'tool_call', time: '2026-01-02T03:04:07.000Z', agent: 'researcher', turn: 1, id: 'tu_2', name: 'bash', input: { command: 'npm test' } },
  {
    type: 'tool_result',
    time: '2026-01-02T03:04:09.500Z',
    agent: 'researcher',
    turn: 1,
    id: 'tu_9',
    name: 'bash',
    isError: false,
    content: '',
    durationMs: 2500,
  },
  { type: 'limit', time: '2026-01-02T03:04:10.000Z', limit: 'cost', value: 0.75, max: 0.5 },
  { type: 'error', time: '2026-01-02T03:04:10.000Z', message: 'model request failed', cause: 'HTTP 529\noverloaded' },
];

export const unfinishedLog = (): ParsedSessionLog => ({
  path: '/tmp/killed.jsonl',
  header: { ...header, files: {} },
  events: unfinishedEvents,
  truncated: true,
  problems: ['line 11 is incomplete: the run stopped while writing it; ignored'],
});
