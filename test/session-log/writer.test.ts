import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { FlueError } from '../../src/errors.js';
import { LIMITS } from '../../src/limits.js';
import type { SessionEvent } from '../../src/session-log/events.js';
import { SessionLog } from '../../src/session-log/writer.js';
import { fileLines, headerInput, headerLine, makeTempDir, removeTempDir, tickingClock } from './helpers.js';

let dir: string;
beforeEach(async () => {
  dir = await makeTempDir();
});
afterEach(async () => {
  await removeTempDir(dir);
});

const open = (file = path.join(dir, 'nested', 'deeper', 'run.jsonl')) => SessionLog.open(file, headerInput, { secrets: [], now: tickingClock() });

describe('SessionLog', () => {
  test('creates parent folders, writes the header, then one stamped line per event', () => {
    const log = open();
    log.record({ type: 'warning', message: 'first' });
    log.record({ type: 'tool_call', turn: 1, id: 't1', name: 'read', input: { path: 'a.ts' } });
    log.record({ type: 'error', message: 'kept time', time: '2020-01-01T00:00:00.000Z' });
    log.close();
    expect(fileLines(log.path)).toEqual([
      headerLine('2026-01-02T03:04:05.000Z'),
      '{"type":"warning","time":"2026-01-02T03:04:06.000Z","message":"first"}',
      '{"type":"tool_call","time":"2026-01-02T03:04:07.000Z","turn":1,"id":"t1","name":"read","input":{"path":"a.ts"}}',
      '{"type":"error","time":"2020-01-01T00:00:00.000Z","message":"kept time"}',
      '',
    ]);
    expect(log.writeError).toBeUndefined();
    expect(log.header.time).toBe('2026-01-02T03:04:05.000Z');
  });

  test('each line is on disk as soon as record returns, before close', () => {
    const log = open();
    log.record({ type: 'warning', message: 'now' });
    expect(fileLines(log.path)[1]).toBe('{"type":"warning","time":"2026-01-02T03:04:06.000Z","message":"now"}');
    log.close();
  });

  test('replaces an existing file instead of appending a second run to it', () => {
    const file = path.join(dir, 'run.jsonl');
    fs.writeFileSync(file, 'old content\n');
    open(file).close();
    expect(fileLines(file)).toEqual([headerLine('2026-01-02T03:04:05.000Z'), '']);
  });

  test('listeners see each event as written; a throwing listener is contained and kept', () => {
    const log = open();
    const seen: SessionEvent[] = [];
    log.subscribe(() => {
      throw new Error('printer broke');
    });
    const unsubscribe = log.subscribe((event) => seen.push(event));
    log.record({ type: 'warning', message: 'one' });
    unsubscribe();
    log.record({ type: 'warning', message: 'two' });
    log.close();
    expect(seen).toEqual([{ type: 'warning', time: '2026-01-02T03:04:06.000Z', message: 'one' }]);
    expect(log.listenerError?.message).toBe('printer broke');
    expect(fileLines(log.path)).toHaveLength(4);
  });

  test('caps a huge tool result with a marker saying how much was left out', () => {
    const log = open();
    const content = 'x'.repeat(LIMITS.logToolResultChars + 1234);
    log.record({ type: 'tool_result', turn: 1, id: 't1', name: 'bash', isError: false, content, durationMs: 5 });
    log.close();
    const event = JSON.parse(fileLines(log.path)[1] ?? '') as { content: string };
    expect(event.content).toBe(`${'x'.repeat(LIMITS.logToolResultChars)}\n[flue: 1234 more characters not kept in the log]`);
  });

  test('does not split a surrogate pair at the cap', () => {
    const log = open();
    const content = `${'x'.repeat(LIMITS.logToolResultChars - 1)}😀tail`;
    log.record({ type: 'tool_result', turn: 1, id: 't1', name: 'bash', isError: false, content, durationMs: 5 });
    log.close();
    const event = JSON.parse(fileLines(log.path)[1] ?? '') as { content: string };
    expect(event.content).toBe(`${'x'.repeat(LIMITS.logToolResultChars - 1)}\n[flue: 6 more characters not kept in the log]`);
  });

  test('odd inputs are logged, and one that cannot be serialized becomes an error line', () => {
    const log = open();
    const cyclic: Record<string, unknown> = { name: 'loop' };
    cyclic.self = cyclic;
    log.record({ type: 'tool_call', turn: 1, id: 't1', name: 'x', input: { big: 10n, cyclic, date: new Date(0) } });
    const hostile = {
      toJSON() {
        throw new Error('no JSON for you');
      },
    };
    log.record({ type: 'tool_call', turn: 1, id: 't2', name: 'x', input: hostile });
    log.close();
    expect(fileLines(log.path).slice(1)).toEqual([
      '{"type":"tool_call","time":"2026-01-02T03:04:06.000Z","turn":1,"id":"t1","name":"x",' +
        '"input":{"big":"10","cyclic":{"name":"loop","self":"[Circular]"},"date":"1970-01-01T00:00:00.000Z"}}',
      '{"type":"error","time":"2026-01-02T03:04:07.000Z",' + '"message":"session log: could not record a tool_call event: no JSON for you"}',
      '',
    ]);
  });

  test('open names the file and the fix when it cannot create the log', () => {
    const blocker = path.join(dir, 'a-file');
    fs.writeFileSync(blocker, '');
    const file = path.join(blocker, 'run.jsonl');
    expect(() => open(file)).toThrow(FlueError);
    expect(() => open(file)).toThrow(
      `Cannot create session log ${file}: EEXIST: file already exists, mkdir '${blocker}'. ` + 'Choose a log path in a writable directory.',
    );
  });

  test('a write failure mid-run is kept, never thrown; listeners carry on', () => {
    // A FIFO whose reader goes away makes write(2) fail with EPIPE: a real I/O error, no mock.
    const fifo = path.join(dir, 'log.fifo');
    execFileSync('mkfifo', [fifo]);
    const reader = fs.openSync(fifo, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
    const log = open(fifo);
    const seen: string[] = [];
    log.subscribe((event) => seen.push(event.type));
    log.record({ type: 'warning', message: 'reaches the pipe' });
    expect(log.writeError).toBeUndefined();
    const buffer = Buffer.alloc(4096);
    const received = buffer.subarray(0, fs.readSync(reader, buffer)).toString('utf8');
    expect(received.split('\n')[1]).toBe('{"type":"warning","time":"2026-01-02T03:04:06.000Z","message":"reaches the pipe"}');
    fs.closeSync(reader);
    log.record({ type: 'warning', message: 'lost' });
    log.record({ type: 'error', message: 'also lost, not retried' });
    expect((log.writeError as NodeJS.ErrnoException | undefined)?.code).toBe('EPIPE');
    expect(seen).toEqual(['warning', 'warning', 'error']);
    log.close();
  });

  test('recording after close reaches listeners and reports the late event', () => {
    const log = open();
    const seen: string[] = [];
    log.subscribe((event) => seen.push(event.type));
    log.close();
    log.close();
    log.record({
      type: 'end',
      status: 'succeeded',
      totals: { turns: 0, inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0, costUsd: 0, durationMs: 0 },
    });
    expect(seen).toEqual(['end']);
    expect(log.writeError?.message).toBe(`session log ${log.path} was closed before a end event was recorded`);
    expect(fileLines(log.path)).toHaveLength(2);
  });
});
