// What the progress comment's text holds, by the run's ProgressView: the model's words only for an agent
// that may add_comment, usage figures per progress-details and the repository's visibility.
import { describe, expect, test } from 'vitest';
import { MINIMAL_VIEW, progressView, repositoryVisibility, savedProgressView, type ProgressView } from '../../src/ci/progress-view.js';
import { finishedState, stoppedState, workingLine } from '../../src/ci/progress-state.js';
import type { OutputPolicy } from '../../src/definitions/types.js';
import type { RunReport } from '../../src/pipeline.js';
import type { SessionAnalysis } from '../../src/report/index.js';
import { createRedactor } from '../../src/session-log/redact.js';
import type { SessionEvent } from '../../src/session-log/events.js';
import { at, example } from '../trigger/examples.js';
import { runReport } from './run-report.js';

const redactor = createRedactor(['gateway-key-0f1e2d3c4b5a']);
const LINK = 'https://github.com/Codertocat/Hello-World/actions/runs/77/artifacts/9';
const TOTALS = { turns: 3, inputTokens: 1_000, outputTokens: 200, cacheReadTokens: 500, cacheWriteTokens: 0, costUsd: 0.0123, durationMs: 4_200 };

const COMMENTS: OutputPolicy = { add_comment: { max: 1 } };
const LABELS: OutputPolicy = { add_labels: { allowed: ['bug'], max: 1 } };
const view = (outputs: OutputPolicy, details: 'auto' | 'full' | 'minimal', payload: unknown = example('issues', 'opened')) =>
  progressView({ outputs, customTools: [] }, details, repositoryVisibility(payload));

const report = (fields: Partial<RunReport>): RunReport => runReport(TOTALS, fields);

describe('progressView', () => {
  test('visibility comes from the payload; what it does not say is public', () => {
    const discussion = example('discussion', 'created'); // private: true, no visibility field
    const privateThread = example('pull_request_review_thread', 'resolved'); // visibility: private
    const internal = example('issues', 'opened');
    at(internal, 'repository').visibility = 'internal';
    const contradictory = example('issues', 'transferred'); // private: true, visibility: public
    expect([discussion, privateThread, internal].map(repositoryVisibility)).toEqual(['private', 'private', 'private']);
    expect([example('issues', 'opened'), contradictory, {}, null, 'text', { repository: 'x' }].map(repositoryVisibility)).toEqual(
      Array(6).fill('public'),
    );
  });

  test('model text needs add_comment; usage needs full, or auto on a private repository', () => {
    expect(view(COMMENTS, 'auto')).toMatchObject({ modelText: true, usage: false });
    expect(view(COMMENTS, 'auto', example('discussion', 'created'))).toMatchObject({ modelText: true, usage: true });
    expect(view(LABELS, 'full')).toMatchObject({ modelText: false, usage: true });
    expect(view({}, 'minimal', example('discussion', 'created'))).toMatchObject({ modelText: false, usage: false });
    expect(view({ add_comment: { max: 0 } }, 'full').modelText).toBe(false);
    expect(progressView({ outputs: {}, customTools: [{ name: 'lookup' } as never] }, 'auto', 'public').tools).toContain('lookup');
  });

  test('the post step reads back what main saved, and the least from anything else', () => {
    const saved: ProgressView = { modelText: true, usage: true, tools: ['read'] };
    expect(savedProgressView(JSON.stringify(saved))).toEqual(saved);
    for (const text of ['', 'nope', 'null', '{"modelText":"yes","usage":true,"tools":[]}', '{"modelText":true,"usage":true}']) {
      expect(savedProgressView(text), text).toEqual(MINIMAL_VIEW);
    }
  });
});

describe('finishedState', () => {
  test('private repository, agent that comments: the answer, tokens, cost and duration', () => {
    const state = finishedState(report({ text: 'Labelled it.' }), LINK, view(COMMENTS, 'auto', example('discussion', 'created')), redactor);
    expect(state).toEqual({
      phase: 'finished',
      line: '✅ **succeeded**',
      details: ['Labelled it.', '3 turns · 1,500 in / 200 out tokens · $0.0123 · 4.2 s', `[Session log and report](${LINK})`].join('\n\n'),
    });
  });

  test('public repository: no tokens, no cost, no JSON result, even for an agent that comments', () => {
    const state = finishedState(report({ result: { label: 'bug' }, text: 'Done.' }), LINK, view(COMMENTS, 'auto'), redactor);
    expect(state.details).toBe(['3 turns · 4.2 s', `[Session log and report](${LINK})`].join('\n\n'));
  });

  test('progress-details: full shows the JSON result, redacted before it is cut', () => {
    const state = finishedState(report({ result: { key: 'gateway-key-0f1e2d3c4b5a' } }), undefined, view(COMMENTS, 'full'), redactor);
    expect(state.details).toBe(
      [
        '````json\n{\n  "key": "[REDACTED]"\n}\n````',
        '3 turns · 1,500 in / 200 out tokens · $0.0123 · 4.2 s',
        'Session log: not uploaded (see the job log).',
      ].join('\n\n'),
    );
  });

  test.each([
    ['gave_up', 'the agent gave up: ask @alice', 'the agent gave up (the session log says why)'],
    ['invalid_result', 'result.label: "x" is not allowed', "the result did not match the agent's result schema (the session log says why)"],
    ['model_error', '400 echoing what was sent', 'the model call failed (the session log says why)'],
    ['run_error', 'internal error: /secret/path', 'the run stopped on an error (the session log says why)'],
    ['timeout', 'reached timeout-minutes (10 of 10)', 'reached timeout-minutes (10 of 10)'],
    ['refusal', 'the model refused to continue (stop_reason refusal)', 'the model refused to continue (stop_reason refusal)'],
    ['publish_failed', '1 output could not be applied: 422 body quoting the model', 'an output could not be applied (the session log says why)'],
    [undefined, 'some reason', 'the run failed (the session log says why)'],
  ] as const)('a failed run (%s) without add_comment shows the runner’s reason only', (cause, reason, shown) => {
    expect(finishedState(report({ status: 'failed', cause, reason }), LINK, view(LABELS, 'auto'), redactor).line).toBe(`❌ **failed**: ${shown}`);
  });

  test('limits and cancels are the runner’s words: shown to every agent', () => {
    const exhausted = report({ status: 'budget_exhausted', cause: 'turns', reason: 'reached max-turns (3 of 3)' });
    expect(finishedState(exhausted, LINK, view({}, 'auto'), redactor).line).toBe('💸 **budget_exhausted**: reached max-turns (3 of 3)');
  });
});

describe('stoppedState (the post step)', () => {
  test('killed mid-run on a public repository: turns only', () => {
    const state = stoppedState({ status: 'unfinished', totals: TOTALS, toolCounts: [], outputs: [] }, LINK, MINIMAL_VIEW);
    expect(state.details).toBe(['Spent before it stopped: 3 turns', `[Session log and report](${LINK})`].join('\n\n'));
  });

  test('an end event’s failed reason, without a cause, is the model’s words unless the agent comments', () => {
    const end = { type: 'end', time: 't', status: 'failed', reason: 'the agent gave up: x', totals: TOTALS } as const;
    const analysis: SessionAnalysis = { end, status: 'failed', totals: TOTALS, toolCounts: [], outputs: [] };
    expect(stoppedState(analysis, LINK, MINIMAL_VIEW).line).toBe('❌ **failed**: the run failed (the session log says why)');
    expect(stoppedState(analysis, LINK, { modelText: true, usage: true, tools: [] })).toEqual({
      phase: 'finished',
      line: '❌ **failed**: the agent gave up: x',
      details: [
        'The job was stopped while the action was reporting this result.',
        '3 turns · 1,500 in / 200 out tokens · $0.0123 · 4.2 s',
        `[Session log and report](${LINK})`,
      ].join('\n\n'),
    });
  });
});

describe('workingLine', () => {
  const call = (name: string, input: unknown, agent?: string): SessionEvent => ({ type: 'tool_call', time: 't', turn: 2, id: 'c', name, input, agent });

  test('the argument only for an agent that comments, sanitized before it is cut', () => {
    const comments = view(COMMENTS, 'auto');
    expect(workingLine(call('read', { path: 'docs/a.md' }), comments, redactor)).toBe('turn 2: read docs/a.md');
    expect(workingLine(call('bash', { command: 'echo gateway-key-0f1e2d3c4b5a' }), comments, redactor)).toBe('turn 2: bash echo [REDACTED]');
    expect(workingLine(call('read', { path: 'docs/a.md' }, 'helper'), view({}, 'auto'), redactor)).toBe('[helper] turn 2: read');
  });

  test('without add_comment, a name the runner did not offer is not shown either', () => {
    expect(workingLine(call('exfiltrate_hunter2', {}), view({}, 'full'), redactor)).toBe('turn 2: a tool the runner does not offer');
    expect(workingLine({ type: 'model_request', time: 't', turn: 4 } as SessionEvent, view({}, 'auto'), redactor)).toBe('turn 4: thinking');
  });
});
