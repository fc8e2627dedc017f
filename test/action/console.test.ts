import { describe, expect, test } from 'vitest';
import { createActionsProgress, neutralizeCommands } from '../../src/action/console.js';
import type { SessionEvent } from '../../src/session-log/events.js';

const time = '2026-01-01T00:00:00.000Z';
const usage = { inputTokens: 100, outputTokens: 10, cacheReadTokens: 0, cacheWriteTokens: 0 };
const totals = { ...usage, turns: 2, costUsd: 0.002, durationMs: 1500 };

describe('neutralizeCommands', () => {
  test('no line of run text can be read as a workflow command', () => {
    expect(neutralizeCommands('→ bash echo hi\n::add-mask::x\n  ::error::pwned\nok :: fine')).toBe(
      '→ bash echo hi\n:\u200b:add-mask::x\n  :\u200b:error::pwned\nok :: fine',
    );
  });
});

describe('createActionsProgress', () => {
  test('one group per turn; a subagent stays in its parent’s turn; publishing and the end outside any group', () => {
    let out = '';
    const listen = createActionsProgress({ write: (text) => (out += text) });
    const events: SessionEvent[] = [
      { type: 'model_request', time, turn: 1, bytes: 10, messages: [] },
      { type: 'model_response', time, turn: 1, stopReason: 'tool_use', content: [], usage, costUsd: 0.001, durationMs: 5 },
      { type: 'tool_call', time, turn: 1, id: 't1', name: 'bash', input: { command: 'echo\n::warning::spoofed' } },
      { type: 'model_request', time, agent: 'helper', turn: 1, bytes: 10, messages: [] },
      { type: 'tool_result', time, turn: 1, id: 't1', name: 'bash', isError: false, content: 'x', durationMs: 3 },
      { type: 'model_request', time, turn: 2, bytes: 10, messages: [] },
      { type: 'model_response', time, turn: 2, stopReason: 'end_turn', content: [], usage, costUsd: 0.001, durationMs: 5 },
      { type: 'output_applied', time, id: 'o1', kind: 'add_comment', dryRun: false },
      { type: 'end', time, status: 'succeeded', totals },
    ];
    for (const event of events) listen(event);
    expect(out.split('\n').filter((line) => line.startsWith('::'))).toEqual(['::group::turn 1', '::endgroup::', '::group::turn 2', '::endgroup::']);
    expect(out).not.toMatch(/^::warning::/m);
    expect(out).toMatch(/^turn 2 model 5 ms · 100 in \/ 10 out · \$0\.0010 \(run \$0\.0020\)$/m);
    expect(out.trimEnd().split('\n').at(-1)).toBe('succeeded · 2 turns · 100 in / 10 out tokens · $0.0020 · 1.5 s');
  });
});
