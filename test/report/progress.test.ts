import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createProgressPrinter } from '../../src/report/progress.js';
import type { SessionEvent } from '../../src/session-log/events.js';
import { SessionLog } from '../../src/session-log/writer.js';
import { headerInput, makeTempDir, removeTempDir } from '../session-log/helpers.js';
import { unfinishedEvents } from './fixture-unfinished.js';
import { events } from './fixture.js';

function print(list: SessionEvent[], color = false): string {
  const stream = new PassThrough();
  const printer = createProgressPrinter(stream, { color });
  for (const event of list) printer(event);
  return stream.read()?.toString() ?? '';
}

let dir: string;
beforeEach(async () => {
  dir = await makeTempDir();
});
afterEach(async () => {
  await removeTempDir(dir);
});

describe('createProgressPrinter', () => {
  test('one line per tool call and result, per response with the running cost, and the end', () => {
    expect(print(events)).toBe(`warning skill "triage": description is longer than 1024 characters
turn 1 model 1.2 s · 1,200 in / 85 out · $0.0061 (run $0.0061)
→ read src/config.ts
→ grep JSON.parse
← grep 4 ms error: grep: invalid regex
← read 12 ms ok
turn 2 model 2.0 s · 300 (+1,100 cached) in / 120 out · $0.0024 (run $0.0085)
→ add_labels bug, area/config
proposed add_labels bug, area/config
← add_labels 1 ms ok
→ add_comment Thanks! | The loader <crashes> on empty input.
proposed add_comment Thanks! | The loader <crashes> on empty input.
← add_comment 1 ms ok
turns limit reached: 2 of 2
applied add_labels (dry run: not posted)
rejected add_comment: run budget_exhausted
budget_exhausted: reached max-turns (2) · 2 turns · 1,500 (+1,100 cached) in / 205 out tokens · $0.0085 · 3.7 s
`);
  });

  test('subagent steps are marked, long arguments cut, errors carry their cause', () => {
    expect(print(unfinishedEvents)).toBe(`turn 1 model 900 ms · 50 in / 10 out · $0.5000 (run $0.5000)
→ task Find the bugFind the bugFind the bugFind the bugFind the bugFind the bugFind the… (+40 chars)
[researcher] turn 1 model 800 ms · 50 in / 10 out · $0.2500 (run $0.7500)
[researcher] → bash npm test
[researcher] ← bash 2.5 s ok
cost limit reached: $0.7500 of $0.5000
error model request failed (HTTP 529 overloaded)
`);
  });

  test('colours outcomes and keeps escape sequences from the log out of the terminal', () => {
    const hostile: SessionEvent[] = [
      { type: 'tool_call', time: 't', turn: 1, id: 'a', name: 'bash', input: { command: 'printf "\u001b[2J"' } },
      { type: 'tool_result', time: 't', turn: 1, id: 'a', name: 'bash', isError: true, content: 'exit 1\u001b]0;title\u0007', durationMs: 1500 },
    ];
    expect(print(hostile, true)).toBe('→ \u001b[36mbash\u001b[0m printf ""\n' + '← \u001b[36mbash\u001b[0m 1.5 s \u001b[31merror\u001b[0m: exit 1\n');
  });

  test('sees events live through SessionLog.subscribe, secrets already redacted', () => {
    const stream = new PassThrough();
    const log = SessionLog.open(path.join(dir, 'run.jsonl'), headerInput, { secrets: ['hunter2-secret-value'] });
    log.subscribe(createProgressPrinter(stream));
    log.record({ type: 'tool_call', turn: 1, id: 'a', name: 'bash', input: { command: 'echo hunter2-secret-value' } });
    log.close();
    expect(stream.read()?.toString()).toBe('→ bash echo [REDACTED]\n');
  });
});
