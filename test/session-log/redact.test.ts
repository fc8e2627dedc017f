import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createRedactor } from '../../src/session-log/redact.js';
import { SessionLog } from '../../src/session-log/writer.js';
import { fileLines, headerInput, makeTempDir, removeTempDir, tickingClock } from './helpers.js';

let dir: string;
beforeEach(async () => {
  dir = await makeTempDir();
});
afterEach(async () => {
  await removeTempDir(dir);
});

const GH = `ghp_${'A1b2C3d4E5'.repeat(3)}abcdef`;
const PAT = `github_pat_11ABCDEFG0${'x'.repeat(30)}`;
const ANT = `sk-ant-api03-${'Zz9_-'.repeat(8)}`;
const GL = 'glpat-abcdefghij0123456789';

describe('createRedactor', () => {
  const redactor = createRedactor(['super-secret-value', 'short']);

  test('replaces exact secrets and ignores ones too short to be a credential', () => {
    expect(redactor.text('key=super-secret-value; also short and super-secret-value!')).toBe('key=[REDACTED]; also short and [REDACTED]!');
  });

  test('replaces common token shapes nobody declared', () => {
    const text = [
      `gh: ${GH}`,
      `server: ghs_${'q'.repeat(36)} oauth: gho_${'r'.repeat(36)}`,
      `pat: ${PAT}`,
      `anthropic: ${ANT}`,
      `gitlab: ${GL}`,
      'aws: AKIAIOSFODNN7EXAMPLE and ASIAIOSFODNN7EXAMPLE',
      'Authorization: Bearer eyJhbGciOi.J9eyJzdWIi0.abc123== and bearer abcdefgh1',
    ].join('\n');
    expect(redactor.text(text)).toBe(
      [
        'gh: [REDACTED]',
        'server: [REDACTED] oauth: [REDACTED]',
        'pat: [REDACTED]',
        'anthropic: [REDACTED]',
        'gitlab: [REDACTED]',
        'aws: [REDACTED] and [REDACTED]',
        'Authorization: Bearer [REDACTED] and bearer [REDACTED]',
      ].join('\n'),
    );
  });

  test('leaves prose and near-misses alone', () => {
    const text = 'Use Bearer authentication; ghp_short; the AKIA prefix; sk-ant-xyz; glpat-1234';
    expect(redactor.text(text)).toBe(text);
  });

  test('replaces the longer of two overlapping secrets whole', () => {
    expect(createRedactor(['abcdefgh', 'abcdefgh-ijkl']).text('x abcdefgh-ijkl y abcdefgh')).toBe('x [REDACTED] y [REDACTED]');
  });

  test('redacts keys and nested values, keeps __proto__ as data', () => {
    const value = JSON.parse('{"__proto__":{"super-secret-value":["super-secret-value",1,null,true]}}') as unknown;
    const redacted = redactor.value(value);
    expect(JSON.stringify(redacted)).toBe('{"__proto__":{"[REDACTED]":["[REDACTED]",1,null,true]}}');
  });
});

describe('createRedactor: the forms a secret travels in', () => {
  const TOKEN = 'ghs_e2e0123456789abcdefghij';
  const redactor = createRedactor([TOKEN]);
  const b64 = (text: string) => Buffer.from(text).toString('base64');
  const b64url = (text: string) => Buffer.from(text).toString('base64url');

  test('base64 and url-safe base64 of a secret, alone', () => {
    expect(redactor.text(`a ${b64(TOKEN)} b ${b64url(TOKEN)} c`)).toBe('a [REDACTED] b [REDACTED] c');
  });

  test.each([0, 1, 2])('base64 of a secret inside a longer blob, %i bytes into a 3-byte group', (offset) => {
    const blob = `${'x'.repeat(offset)}${TOKEN}${'y'.repeat(7)}`;
    for (const encoded of [b64(blob), b64url(blob)]) {
      const out = redactor.text(`blob:${encoded}`);
      expect(out).toContain('[REDACTED]');
      // What is left is the characters that depend on the bytes around the secret: no run of it.
      expect(out.replace('[REDACTED]', ' ').length).toBeLessThan(encoded.length - 20);
    }
  });

  test("the checkout's basic header of x-access-token:<secret>, as actions/checkout writes it to .git/config", () => {
    const header = `\textraheader = AUTHORIZATION: basic ${b64(`x-access-token:${TOKEN}`)}`;
    expect(redactor.text(header)).toBe('\textraheader = AUTHORIZATION: basic [REDACTED]');
  });

  test('a basic-auth header and a JWT nobody declared are redacted by shape', () => {
    const none = createRedactor([]);
    const jwt = 'eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzY3AiOiJBY3Rpb25zLlJ1bnRpbWUifQ.c2lnbmF0dXJlLW9mLXRoZS10b2tlbg';
    expect(none.text(`Authorization: Basic ${b64('someone:hunter2-long-password')}\ntoken=${jwt};`)).toBe(
      'Authorization: Basic [REDACTED]\ntoken=[REDACTED];',
    );
    expect(none.text('basic authentication; Authorization: Basic abc; eyJ alone; a.b.c')).toBe(
      'basic authentication; Authorization: Basic abc; eyJ alone; a.b.c',
    );
  });

  test.each([
    ['an HTML comment', `${TOKEN.slice(0, 10)}<!-- -->${TOKEN.slice(10)}`],
    ['emphasis', `${TOKEN.slice(0, 10)}**${TOKEN.slice(10)}**`],
    ['an empty tag', `${TOKEN.slice(0, 10)}<b></b>${TOKEN.slice(10)}`],
    ['a backslash escape', `${TOKEN.slice(0, 3)}\\_${TOKEN.slice(4)}`],
    ['a zero-width space', `${TOKEN.slice(0, 10)}\u200b${TOKEN.slice(10)}`],
  ])('a secret split by %s, which renders as nothing, is redacted as a reader would see it', (_how, split) => {
    expect(redactor.text(`*Note*: ${split} done`)).toBe('Note: [REDACTED] done');
  });

  test('markup that hides no secret is left as it is', () => {
    const text = '**Bold** `code` <!-- note --> a\\*b <b>x</b> \u200b ghs_short';
    expect(redactor.text(text)).toBe(text);
  });
});

describe('SessionLog redaction', () => {
  const quoteSecret = 'p"a\\ss\nw0rd-with-"quotes"';

  test('redacts the header and every event line, and each line stays valid JSON', () => {
    const file = path.join(dir, 'run.jsonl');
    const log = SessionLog.open(
      file,
      { ...headerInput, trigger: { ...headerInput.trigger, title: `leaked ${GH}` } },
      { secrets: [quoteSecret, 'super-secret-value', 'tiny'], now: tickingClock() },
    );
    log.record({
      type: 'tool_result',
      turn: 1,
      id: 't1',
      name: 'bash',
      isError: false,
      // the secret raw, as JSON text prints it, and a \n escape right before a secret starting with "n"
      content: `env: ${quoteSecret} json: ${JSON.stringify({ k: quoteSecret })} tiny`,
      durationMs: 3,
    });
    log.record({ type: 'tool_call', turn: 1, id: 't2', name: 'bash', input: { command: 'curl -H "Authorization: Bearer abc123def456"' } });
    log.close();
    const lines = fileLines(file);
    expect(lines[0]).toContain('"title":"leaked [REDACTED]"');
    expect(lines.slice(1)).toEqual([
      '{"type":"tool_result","time":"2026-01-02T03:04:06.000Z","turn":1,"id":"t1","name":"bash","isError":false,' +
        '"content":"env: [REDACTED] json: {\\"k\\":\\"[REDACTED]\\"} tiny","durationMs":3}',
      '{"type":"tool_call","time":"2026-01-02T03:04:07.000Z","turn":1,"id":"t2","name":"bash",' +
        '"input":{"command":"curl -H \\"Authorization: Bearer [REDACTED]\\""}}',
      '',
    ]);
    for (const line of lines.filter(Boolean)) expect(() => JSON.parse(line)).not.toThrow();
  });

  test('a secret that starts like an escape sequence does not corrupt the JSON around it', () => {
    // In JSON text "\nabcdefgh1" contains "nabcdefgh1": a text-level replace would leave a lone backslash.
    const file = path.join(dir, 'run.jsonl');
    const log = SessionLog.open(file, headerInput, { secrets: ['nabcdefgh1'], now: tickingClock() });
    log.record({ type: 'warning', message: 'line\nabcdefgh1 and nabcdefgh1' });
    log.close();
    const line = fileLines(file)[1] ?? '';
    expect(line).toBe('{"type":"warning","time":"2026-01-02T03:04:06.000Z","message":"line\\nabcdefgh1 and [REDACTED]"}');
    expect(JSON.parse(line)).toEqual({
      type: 'warning',
      time: '2026-01-02T03:04:06.000Z',
      message: 'line\nabcdefgh1 and [REDACTED]',
    });
  });

  test('listeners receive the redacted event, not the raw one', () => {
    const log = SessionLog.open(path.join(dir, 'run.jsonl'), headerInput, {
      secrets: ['super-secret-value'],
      now: tickingClock(),
    });
    const seen: unknown[] = [];
    log.subscribe((event) => seen.push(event));
    log.record({ type: 'error', message: 'auth failed for super-secret-value', cause: `token ${GL}` });
    log.close();
    expect(seen).toEqual([{ type: 'error', time: '2026-01-02T03:04:06.000Z', message: 'auth failed for [REDACTED]', cause: 'token [REDACTED]' }]);
  });
});
