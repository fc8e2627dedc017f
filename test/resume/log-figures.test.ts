// What a resume reads from a log, on logs written by hand: the time spent (each attempt's span, not the
// pause after a kill), the checks and their messages, and the nesting rule for subagents' proposals.
import { describe, expect, it } from 'vitest';
import { Budget } from '../../src/harness/budget.js';
import { parseSessionLog } from '../../src/session-log/index.js';
import { checkResumable, restoredOutputs } from '../../src/session-log/resume.js';
import { spentSoFar } from '../../src/session-log/spent.js';
import { headerLine } from '../session-log/helpers.js';

const usage = (input: number) => `"usage":{"inputTokens":${input},"outputTokens":10,"cacheReadTokens":0,"cacheWriteTokens":0}`;
const at = (second: number) => `2026-01-02T03:${String(4 + Math.floor(second / 60)).padStart(2, '0')}:${String(second % 60).padStart(2, '0')}.000Z`;
const logOf = (...lines: string[]) => parseSessionLog(`${[headerLine(at(0)), ...lines].join('\n')}\n`, 'run.jsonl');
const request = (second: number, extra = '') => `{"type":"model_request","time":"${at(second)}","turn":1,"bytes":10,"messages":[]${extra}}`;
const response = (second: number, input: number, agent = '') =>
  `{"type":"model_response","time":"${at(second)}","turn":1,"stopReason":"end_turn","content":[],${usage(input)},"costUsd":0.25,"durationMs":5${agent}}`;
const resumeAt = (second: number) =>
  `{"type":"resume","time":"${at(second)}","runner":{"version":"0.1.0","node":"v20","host":"local"},"afterLine":3,"afterEvent":"model_response","rerun":[]}`;

describe('spentSoFar', () => {
  it('adds up every response, subagents too, and counts time per attempt, not the pause between them', () => {
    // Attempt 1: 0 s to 20 s. Killed; resumed at 100 s, last event at 130 s.
    const log = logOf(request(5), response(20, 100), resumeAt(100), response(130, 50, ',"agent":"helper#3"'));
    expect(spentSoFar(log)).toEqual({
      totals: { turns: 2, inputTokens: 150, outputTokens: 20, cacheReadTokens: 0, cacheWriteTokens: 0, costUsd: 0.5, durationMs: 50_000 },
      tasks: 3,
    });
  });

  it('starts the Budget there: turns, cost, the time limit and subagent numbers carry on', () => {
    const log = logOf(request(5), response(20, 100), resumeAt(100), response(130, 50, ',"agent":"helper#3"'));
    const spent = spentSoFar(log);
    const budget = new Budget(
      { maxTurns: 2, maxCostUsd: 10, maxTokens: 1e6, timeoutMinutes: 1, modelRetryMinutes: 1, modelIdleSeconds: 60 },
      { spent },
    );
    try {
      expect(budget.exceeded()).toEqual({ limit: 'turns', value: 2, max: 2 });
      expect(budget.timeLimit().value).toBeGreaterThanOrEqual(50_000);
      expect(budget.totals()).toMatchObject({ turns: 2, costUsd: 0.5, inputTokens: 150 });
      expect(budget.nextTaskNumber()).toBe(4);
    } finally {
      budget.dispose();
    }
  });

  it('a run resumed with its time already spent stops at once, as timed out', async () => {
    const spent = {
      totals: { turns: 0, inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0, costUsd: 0, durationMs: 120_000 },
      tasks: 0,
    };
    const budget = new Budget(
      { maxTurns: 5, maxCostUsd: 10, maxTokens: 1e6, timeoutMinutes: 1, modelRetryMinutes: 1, modelIdleSeconds: 60 },
      { spent },
    );
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(budget.stopCause).toBe('timeout');
    budget.dispose();
  });
});

describe('checkResumable', () => {
  const target = { agent: 'triage', files: { '.flue/agents/triage.md': 'abc123' }, runsCode: false };
  const log = logOf(request(1));

  it('passes a log of this agent with the same files', () => {
    expect(() => checkResumable(log, target)).not.toThrow();
  });

  it.each([
    [{ files: {} }, 'run.jsonl cannot be resumed: .flue/agents/triage.md is gone since the run started'],
    [{ files: { '.flue/agents/triage.md': 'abc123', 'AGENTS.md': 'f00' } }, 'run.jsonl cannot be resumed: AGENTS.md was added since the run started'],
    [
      { runsCode: true },
      "run.jsonl cannot be resumed: agent 'triage' runs code (run(ctx)), which would start again from the top and repeat what it did. Start a new run instead.",
    ],
  ])('refuses %j', (change, message) => {
    expect(() => checkResumable(log, { ...target, ...change })).toThrow(message);
  });
});

describe('restoredOutputs', () => {
  const call = (id: string, name: string, agent = '') =>
    `{"type":"tool_call","time":"${at(1)}","turn":1,"id":"${id}","name":"${name}","input":{}${agent}}`;
  const result = (id: string, name: string, content: string, agent = '') =>
    `{"type":"tool_result","time":"${at(1)}","turn":1,"id":"${id}","name":"${name}","isError":false,"content":"${content}","durationMs":1${agent}}`;
  const proposed = (id: string) => `{"type":"output_proposed","time":"${at(1)}","id":"${id}","output":{"kind":"add_labels","labels":["bug"]}}`;
  const subRequest = (agent: string, task: string) => request(1, `,"agent":"${agent}","call":"${task}"`);

  it('keeps what a finished subagent proposed, drops what one still running (or its own subagent) did', () => {
    const log = logOf(
      request(1),
      call('A', 'task'),
      subRequest('helper#1', 'A'),
      call('A1', 'add_labels', ',"agent":"helper#1"'),
      proposed('output-1'),
      result('A1', 'add_labels', 'Proposed as output-1; it is applied after the run.', ',"agent":"helper#1"'),
      result('A', 'task', 'ok'),
      call('B', 'task'),
      subRequest('helper#2', 'B'),
      call('B1', 'task', ',"agent":"helper#2"'),
      subRequest('deep#3', 'B1'),
      call('B11', 'add_labels', ',"agent":"deep#3"'),
      proposed('output-2'),
      result('B11', 'add_labels', 'Proposed as output-2; it is applied after the run.', ',"agent":"deep#3"'),
      result('B1', 'task', 'ok', ',"agent":"helper#2"'),
    );
    const restored = restoredOutputs(log);
    expect(restored.proposals.map((proposal) => proposal.id)).toEqual(['output-1']);
    expect(restored.abandoned).toEqual([{ id: 'output-2', kind: 'add_labels' }]);
    expect(restored.lastNumbers).toEqual({ proposed: 2, refused: 0 });
  });

  it('keeps the proposals of a subagent in a log written before subagents named their task call', () => {
    const log = logOf(
      request(1),
      call('A', 'task'),
      request(1, ',"agent":"helper#1"'),
      call('A1', 'add_labels', ',"agent":"helper#1"'),
      proposed('output-1'),
      result('A1', 'add_labels', 'Proposed as output-1; it is applied after the run.', ',"agent":"helper#1"'),
    );
    expect(restoredOutputs(log).proposals.map((proposal) => proposal.id)).toEqual(['output-1']);
  });

  it('rejects an abandoned proposal once, though the run is resumed twice', () => {
    const rejected = `{"type":"output_rejected","time":"${at(2)}","id":"output-1","kind":"add_labels","reason":"the call that proposed it was interrupted"}`;
    const log = logOf(request(1), call('A1', 'add_labels'), proposed('output-1'), resumeAt(2), rejected);
    expect(restoredOutputs(log).abandoned).toEqual([]);
    expect(restoredOutputs(logOf(request(1), call('A1', 'add_labels'), proposed('output-1'))).abandoned).toEqual([
      { id: 'output-1', kind: 'add_labels' },
    ]);
  });
});
