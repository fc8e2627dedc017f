import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { FlueError } from '../../src/errors.js';
import { readSessionLog } from '../../src/session-log/reader.js';
import { SessionLog } from '../../src/session-log/writer.js';
import { headerInput, headerLine, makeTempDir, removeTempDir, tickingClock } from './helpers.js';

let dir: string;
let file: string;
beforeEach(async () => {
  dir = await makeTempDir();
  file = path.join(dir, 'run.jsonl');
});
afterEach(async () => {
  await removeTempDir(dir);
});

const HEADER = headerLine('2026-01-02T03:04:05.000Z');
const warning = (message: string) => `{"type":"warning","time":"2026-01-02T03:04:06.000Z","message":"${message}"}`;
const write = (text: string) => fs.writeFileSync(file, text);

describe('readSessionLog', () => {
  test('reads back what SessionLog wrote', () => {
    const log = SessionLog.open(file, headerInput, { secrets: [], now: tickingClock() });
    log.record({ type: 'tool_call', turn: 1, id: 't1', name: 'read', input: { path: 'a' } });
    log.record({ type: 'output_rejected', id: 'o1', kind: 'add_labels', reason: 'label "x" not allowed' });
    log.close();
    expect(readSessionLog(file)).toEqual({
      path: file,
      header: { type: 'session', version: 1, time: '2026-01-02T03:04:05.000Z', ...headerInput },
      events: [
        { type: 'tool_call', time: '2026-01-02T03:04:06.000Z', turn: 1, id: 't1', name: 'read', input: { path: 'a' } },
        {
          type: 'output_rejected',
          time: '2026-01-02T03:04:07.000Z',
          id: 'o1',
          kind: 'add_labels',
          reason: 'label "x" not allowed',
        },
      ],
      truncated: false,
      problems: [],
    });
  });

  test('a torn last line (a kill mid-write) is flagged, every complete line kept', () => {
    write(`${HEADER}\n${warning('one')}\n${warning('two')}\n{"type":"tool_call","time":"2026-01`);
    const log = readSessionLog(file);
    expect(log.events.map((event) => (event.type === 'warning' ? event.message : event.type))).toEqual(['one', 'two']);
    expect(log.truncated).toBe(true);
    expect(log.problems).toEqual(['line 4 is incomplete: the run stopped while writing it; ignored']);
  });

  test('a complete last line without its newline is not a truncation', () => {
    write(`${HEADER}\n${warning('one')}`);
    const log = readSessionLog(file);
    expect([log.events.length, log.truncated, log.problems]).toEqual([1, false, []]);
  });

  test('skips bad lines in the middle, unknown event types and malformed events, naming each line', () => {
    write(
      [
        HEADER,
        '{not json',
        '{"type":"thought","time":"2026-01-02T03:04:06.000Z"}',
        '{"type":"tool_call","time":"2026-01-02T03:04:06.000Z","turn":1,"id":"t1"}',
        '{"type":"model_response","time":"t","turn":1,"stopReason":null,"content":[],"usage":{"inputTokens":1},"costUsd":0,"durationMs":1}',
        '{"type":"end","time":"t","status":"succeeded","totals":{}}',
        '{"type":"output_proposed","time":"t","id":"o1","output":{}}',
        '[1,2]',
        '',
        HEADER,
        warning('kept'),
        '',
      ].join('\n'),
    );
    const log = readSessionLog(file);
    expect(log.events).toEqual([{ type: 'warning', time: '2026-01-02T03:04:06.000Z', message: 'kept' }]);
    expect(log.truncated).toBe(false);
    expect(log.problems).toEqual([
      'line 2 is not valid JSON; skipped',
      'line 3: unknown event type "thought" (written by a newer flue-action?); skipped',
      'line 4: tool_call event lacks name; skipped',
      'line 5: model_response event lacks usage.outputTokens, usage.cacheReadTokens, usage.cacheWriteTokens; skipped',
      'line 6: end event lacks totals.inputTokens, totals.outputTokens, totals.cacheReadTokens, ' +
        'totals.cacheWriteTokens, totals.turns, totals.costUsd, totals.durationMs; skipped',
      'line 7: output_proposed event lacks output.kind; skipped',
      'line 8: not an event (no "type"); skipped',
      'line 10: a second session header (two runs wrote this file?); skipped',
    ]);
  });

  test('refuses a newer version, naming both versions and the fix', () => {
    write(`${HEADER.replace('"version":1', '"version":2')}\n`);
    expect(() => readSessionLog(file)).toThrow(
      new FlueError(
        `${file} is a version 2 session log; this flue-action reads version 1. ` +
          `View it with the newer flue-action that wrote it (npx flue-action@latest view ${file}).`,
      ),
    );
  });

  // test.each tables are built before beforeEach runs: `<file>` stands for the path.
  const notALog = (why: string) => `<file> is not a flue session log: ${why}. Pass the .jsonl file a flue-action run wrote.`;

  test.each([
    ['an empty file', '', notALog('it is empty')],
    ['a text file', 'hello\nworld\n', notALog('line 1 is not JSON')],
    ['other JSONL', '{"level":"info","msg":"x"}\n', notALog('line 1 is not a {"type":"session"} header')],
    ['a header without a version', '{"type":"session","id":"x"}\n', notALog('its header has no valid version (none)')],
    ['a version 0 header', '{"type":"session","version":0}\n', notALog('its header has no valid version (0)')],
    [
      'a header missing fields',
      '{"type":"session","version":1,"id":"x","time":"t","agent":"a"}\n',
      notALog('its header lacks model, modelClient, trigger, files, runner'),
    ],
    [
      'a torn header',
      '{"type":"session","version":1,"id":"x"',
      `<file> holds only a torn header line: the run was killed before it recorded anything.`,
    ],
  ])('refuses %s with one line naming the file', (_name, text, message) => {
    write(text);
    expect(() => readSessionLog(file)).toThrow(new FlueError(message.replace('<file>', file)));
  });

  test('a missing file or a folder gets a one-line error', () => {
    expect(() => readSessionLog(path.join(dir, 'nope.jsonl'))).toThrow(
      new FlueError(`Cannot read session log ${path.join(dir, 'nope.jsonl')}: no such file.`),
    );
    expect(() => readSessionLog(dir)).toThrow(new FlueError(`Cannot read session log ${dir}: it is a directory.`));
  });
});
