// Bad usage and bad definitions give one line on stderr and exit 2; list, check, view, help, version.
import { readdirSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { USAGE } from '../../src/cli/args.js';
import { startFakeAnthropic, text, toolUse } from '../fakes/anthropic.js';
import { cli, HELLO_AGENT, linesFrom, makeTempDir, onlyLog, removeTempDirs, ROOT, stable } from './helpers.js';

const BROKEN_AGENT = '---\ndescription: Broken\ntools: [read, fly]\n---\nGo.\n';

let repo: string;
let logs: string;
beforeAll(async () => {
  repo = await makeTempDir({
    '.flue/agents/hello.md': HELLO_AGENT,
    '.flue/agents/broken.md': BROKEN_AGENT,
    '.flue/skills/notes/SKILL.md': '---\nname: notes\ndescription: Keep notes\n---\nWrite notes.\n',
    'a.txt': 'abc\n',
    'not-json.json': 'abc\ndef\n',
    'array.json': '[1]',
  });
  logs = await makeTempDir();
});
afterAll(removeTempDirs);

/** A run that must stop before any model call: the key points at a port nothing listens on. */
const usage = (...argv: string[]) => cli(argv, { env: { ANTHROPIC_API_KEY: 'sk-test', ANTHROPIC_BASE_URL: 'http://127.0.0.1:9' }, cwd: repo });

describe('one line on stderr and exit 2', () => {
  it.each([
    [['run', 'hello', '--max-turns', 'abc'], "Invalid --max-turns 'abc'. Expected a positive number."],
    [['run', 'hello', '--max-cost-usd=-1'], "Invalid --max-cost-usd '-1'. Expected a positive number."],
    [['run', 'hello', '--max-turns', '2.5'], "Invalid --max-turns '2.5'. Expected a positive whole number."],
    [
      ['run', 'hello', '--fallback-model', 'openai/gpt-4o'],
      `Invalid --fallback-model 'openai/gpt-4o': provider "openai" is not supported (got "openai/gpt-4o"). Expected anthropic/claude-... or claude-..., e.g. claude-sonnet-4-6.`,
    ],
    [['run', 'hello', '--model-retry-minutes', '0'], "Invalid --model-retry-minutes '0'. Expected a positive number."],
    [['run', 'hello', '--model-idle-seconds', 'x'], "Invalid --model-idle-seconds 'x'. Expected a positive number."],
    [['run', 'hello', '--bogus'], "Unknown option '--bogus' for flue-action run. See flue-action --help."],
    [['run', 'hello', '--html'], "Option '--html' does not apply to flue-action run. See flue-action --help."],
    [['view', 'x.jsonl', '--dry-run'], "Option '--dry-run' does not apply to flue-action view. See flue-action --help."],
    [['run', 'hello', '--model'], "Option '--model <value>' argument missing (flue-action run; see flue-action --help)"],
    [['run', 'hello', '--input', '[1]'], `Invalid --input '[1]'. Expected a JSON object, e.g. '{"issue": 12}'.`],
    [
      ['run', 'hello', '--model', 'openai/gpt-4o'],
      `Invalid --model 'openai/gpt-4o': provider "openai" is not supported (got "openai/gpt-4o"). Expected anthropic/claude-... or claude-..., e.g. claude-sonnet-4-6.`,
    ],
    [
      ['run', 'hello', '--event', 'missing.json'],
      "Invalid --event 'missing.json': no such file. Expected a GitHub webhook payload (JSON), as GitHub sends it.",
    ],
    [['run', 'hello', '--event', 'array.json'], 'array.json: expected a JSON object (a GitHub webhook payload), got an array.'],
    [['run'], 'Missing agent name. Usage: flue-action run <agent> [options]'],
    [['run', 'hello', 'extra'], "Unexpected argument 'extra' for flue-action run. See flue-action --help."],
    [['frobnicate'], "Unknown command 'frobnicate'. Expected one of: run, list, check, view, init, help."],
    [['run', 'hello', '--cwd', '/no/such/dir'], "Invalid --cwd '/no/such/dir': no such directory."],
    [['view'], 'Missing log file. Usage: flue-action view <log> [--html] [--out FILE]'],
  ])('%j', async (argv, message) => {
    const result = await usage(...argv);
    expect(result).toEqual({ code: 2, stdout: '', stderr: `flue-action: ${message}\n` });
  });

  // V8's JSON messages differ between Node versions (and quote the text, newlines included).
  it('JSON that does not parse: the parser’s message stays on the one line', async () => {
    const event = await usage('run', 'hello', '--event', 'not-json.json');
    expect(event.code).toBe(2);
    expect(event.stderr).toMatch(
      /^flue-action: Invalid --event 'not-json\.json': not JSON \([^\n]+\)\. Expected a GitHub webhook payload \(JSON\), as GitHub sends it\.\n$/,
    );
    const input = await usage('run', 'hello', '--input', '{bad\nline');
    expect(input.code).toBe(2);
    expect(input.stderr).toMatch(/^flue-action: Invalid --input: [^\n]+\. Expected a JSON object, e\.g\. '\{"issue": 12\}'\.\n$/);
  });

  it('a missing ANTHROPIC_API_KEY without a scripted model: one line naming the variable, and no session log', async () => {
    const result = await cli(['run', 'hello', '--log-dir', logs], { env: {}, cwd: repo });
    expect(result).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'flue-action: ANTHROPIC_API_KEY is not set. Export it (and ANTHROPIC_BASE_URL for a gateway), ' +
        'or pass --scripted-model FILE to replay canned model turns.\n',
    });
    expect(readdirSync(logs)).toEqual([]);
  });

  it('an unknown agent: one line listing the agents', async () => {
    expect(await usage('run', 'helo')).toEqual({
      code: 2,
      stdout: '',
      stderr: 'flue-action: .flue/agents: no agent named "helo" (did you mean "hello"?). Agents that exist: "broken", "hello"\n',
    });
  });

  it('with --debug, the same line and then the stack of the error', async () => {
    const result = await usage('run', 'helo', '--debug');
    expect(result.code).toBe(2);
    const [line, ...stack] = result.stderr.trimEnd().split('\n');
    expect(line).toBe('flue-action: .flue/agents: no agent named "helo" (did you mean "hello"?). Agents that exist: "broken", "hello"');
    expect(stack[0]).toBe('DefinitionError: .flue/agents: no agent named "helo" (did you mean "hello"?). Agents that exist: "broken", "hello"');
    expect(stack.slice(1).length).toBeGreaterThan(0);
    expect(stack.slice(1).every((frame) => frame.startsWith('    at '))).toBe(true);
  });

  it('a malformed agent: one line naming the file and the field', async () => {
    expect(await usage('run', 'broken')).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'flue-action: .flue/agents/broken.md:3:15: tools[1]: unknown tool "fly". ' +
        'Sandbox tools are "read", "write", "edit", "bash", "grep", "glob"\n',
    });
  });
});

describe('list and check', () => {
  it('list shows every agent (a broken one with its error) and every skill', async () => {
    expect(await usage('list')).toEqual({
      code: 0,
      stderr: '',
      stdout: [
        'Agents:',
        '  broken               ERROR .flue/agents/broken.md:3:15: tools[1]: unknown tool "fly". Sandbox tools are "read", "write", "edit", "bash", "grep", "glob"',
        '  hello                Say hello  (.flue/agents/hello.md)',
        'Skills:',
        '  notes                Keep notes  (.flue/skills/notes/SKILL.md)',
        '',
      ].join('\n'),
    });
  });

  it('check names the file of each problem and exits 2 on an error', async () => {
    expect(await usage('check')).toEqual({
      code: 2,
      stderr: '',
      stdout: [
        '.flue/agents/broken.md:3:15: error: tools[1]: unknown tool "fly". Sandbox tools are "read", "write", "edit", "bash", "grep", "glob"',
        'failed: 1 error(s), 0 warning(s)',
        '',
      ].join('\n'),
    });
    const clean = await makeTempDir({ '.flue/agents/hello.md': HELLO_AGENT });
    expect(await usage('check', '--cwd', clean)).toEqual({ code: 0, stderr: '', stdout: 'ok: 0 error(s), 0 warning(s)\n' });
  });

  it('check --strict fails on a warning too (a `tool:` typo is otherwise an ignored field), and says why', async () => {
    const typo = await makeTempDir({ '.flue/agents/hello.md': '---\ndescription: Say hello\ntool: [read]\n---\nHi.\n' });
    const warning = '.flue/agents/hello.md:3:1: warning: unknown field "tool" is ignored (did you mean "tools"?)';
    expect(await usage('check', '--cwd', typo)).toEqual({ code: 0, stderr: '', stdout: `${warning}\nok: 0 error(s), 1 warning(s)\n` });
    expect(await usage('check', '--cwd', typo, '--strict')).toEqual({
      code: 2,
      stderr: '',
      stdout: `${warning}\nfailed: 0 error(s), 1 warning(s) (--strict: warnings fail)\n`,
    });
    const json = await usage('check', '--cwd', typo, '--strict', '--json');
    expect(json.code).toBe(2);
    expect((JSON.parse(json.stdout) as { ok: boolean }).ok).toBe(false);
    const clean = await makeTempDir({ '.flue/agents/hello.md': HELLO_AGENT });
    expect(await usage('check', '--cwd', clean, '--strict')).toEqual({ code: 0, stderr: '', stdout: 'ok: 0 error(s), 0 warning(s)\n' });
  });

  it('check --json reports the same problems as data', async () => {
    const result = await usage('check', '--json');
    expect(result.code).toBe(2);
    expect(JSON.parse(result.stdout)).toEqual({
      ok: false,
      problems: [
        {
          file: '.flue/agents/broken.md',
          line: 3,
          column: 15,
          field: 'tools[1]',
          severity: 'error',
          message: 'unknown tool "fly". Sandbox tools are "read", "write", "edit", "bash", "grep", "glob"',
        },
      ],
    });
  });
});

describe('view', () => {
  it('prints a finished run as a transcript, and writes the HTML report with --html --out', async () => {
    const fake = await startFakeAnthropic({ turns: [toolUse('read', { path: 'a.txt' }), text('Read it.')] });
    try {
      const env = { ANTHROPIC_API_KEY: 'sk-test', ANTHROPIC_BASE_URL: fake.url };
      expect((await cli(['run', 'hello', '--log-dir', logs], { env, cwd: repo })).code).toBe(0);
    } finally {
      await fake.close();
    }
    const log = onlyLog(logs);
    const view = await usage('view', log);
    expect(view.code).toBe(0);
    expect(view.stderr).toBe('');
    const transcript = stable(view.stdout, { repo });
    expect(transcript).toContain('\nagent     hello\nmodel     claude-sonnet-4-6 (anthropic)\n');
    expect(linesFrom(transcript, 'model · <t> · in 100 · out 10 · cache read 0 · cache write 0 · $0.0004 · stop tool_use')).toEqual([
      'model · <t> · in 100 · out 10 · cache read 0 · cache write 0 · $0.0004 · stop tool_use',
      'tool read {"path":"a.txt"} · <t> · ok',
      '         1\tabc',
      '── turn 2 · request <size> ──',
      'model · <t> · in 100 · out 10 · cache read 0 · cache write 0 · $0.0004 · stop end_turn',
      '    Read it.',
      '── end ──',
      'status    succeeded',
      'turns     2',
      'tokens    in 200 · out 20 · cache read 0 · cache write 0',
      'cost      $0.0009',
      'duration  <t>',
      'text',
      '    Read it.',
    ]);

    const out = path.join(logs, 'report.html');
    expect(await usage('view', log, '--html', '--out', out)).toEqual({ code: 0, stdout: '', stderr: `wrote ${out}\n` });
    const html = readFileSync(out, 'utf8');
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('succeeded');
  });

  it('a file that is not a session log: one line naming it', async () => {
    await writeFile(path.join(logs, 'notes.txt'), 'hello\n');
    expect(await usage('view', path.join(logs, 'notes.txt'))).toEqual({
      code: 2,
      stdout: '',
      stderr: `flue-action: ${path.join(logs, 'notes.txt')} is not a flue session log: line 1 is not JSON. Pass the .jsonl file a flue-action run wrote.\n`,
    });
  });
});

describe('help and version', () => {
  it.each([[[]], [['--help']], [['help']], [['run', '--help']], [['view', '-h']]])('%j prints the usage', async (argv) => {
    expect(await usage(...argv)).toEqual({ code: 0, stdout: `${USAGE}\n`, stderr: '' });
  });

  it('the usage documents every exit code', () => {
    expect(USAGE).toContain('Exit codes: 0 succeeded or skipped, 1 failed, 2 bad usage or definitions,\n3 budget exhausted, 4 cancelled.');
  });

  it('--version prints the version in package.json', async () => {
    const { version } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(await usage('--version')).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });
});

describe('--json when the command does not get to run', () => {
  // A local run never posts: dryRun is true whether --dry-run was given or not.
  const notStarted = (reason: string, agent: string | null) => ({
    status: 'failed',
    error: 'usage',
    reason,
    result: null,
    text: null,
    agent,
    model: null,
    modelClient: null,
    turns: 0,
    costUsd: 0,
    usage: { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 },
    durationMs: 0,
    dryRun: true,
    outputs: { applied: [], rejected: [], failed: [] },
    sessionId: null,
    logFile: null,
    reportFile: null,
  });

  it('a malformed agent: the one line on stderr, and the run envelope on stdout with the same reason', async () => {
    const result = await usage('run', 'broken', '--json', '--dry-run');
    const reason = '.flue/agents/broken.md:3:15: tools[1]: unknown tool "fly". Sandbox tools are "read", "write", "edit", "bash", "grep", "glob"';
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`flue-action: ${reason}\n`);
    expect(JSON.parse(result.stdout)).toEqual(notStarted(reason, 'broken'));
  });

  it('a missing key and a bad flag give the same envelope', async () => {
    const noKey = await cli(['run', 'hello', '--json'], { env: {}, cwd: repo });
    expect(noKey.code).toBe(2);
    expect(JSON.parse(noKey.stdout)).toEqual(
      notStarted(
        'ANTHROPIC_API_KEY is not set. Export it (and ANTHROPIC_BASE_URL for a gateway), or pass --scripted-model FILE to replay canned model turns.',
        'hello',
      ),
    );
    const badFlag = await usage('run', 'hello', '--json', '--max-turns', 'abc');
    expect(badFlag.code).toBe(2);
    expect(JSON.parse(badFlag.stdout)).toEqual(notStarted("Invalid --max-turns 'abc'. Expected a positive number.", 'hello'));
    const noAgent = await usage('run', '--json');
    expect(JSON.parse(noAgent.stdout)).toEqual(notStarted('Missing agent name. Usage: flue-action run <agent> [options]', null));
  });

  it('list and check print the error alone; without --json stdout stays empty', async () => {
    const check = await usage('check', '--json', '--bogus');
    expect(check.code).toBe(2);
    expect(JSON.parse(check.stdout)).toEqual({ error: 'usage', reason: "Unknown option '--bogus' for flue-action check. See flue-action --help." });
    expect((await usage('run', 'broken')).stdout).toBe('');
  });

  it('a bug in the runner: exit 1, the stack on stderr, error "internal" in the envelope', async () => {
    // An environment that throws where the run command first reads it stands in for any unexpected error.
    const env = new Proxy(
      {},
      {
        get: () => {
          throw new TypeError('env exploded');
        },
      },
    ) as NodeJS.ProcessEnv;
    const result = await cli(['run', 'hello', '--json'], { env, cwd: repo });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^flue-action: internal error: TypeError: env exploded\n\s+at /);
    expect(JSON.parse(result.stdout)).toEqual({ ...notStarted('internal error: env exploded', 'hello'), error: 'internal' });
  });
});
