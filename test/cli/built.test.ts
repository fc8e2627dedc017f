// The built CLI (`node dist/cli.js`) as its own process: the README's offline demo, the session log a
// SIGKILL leaves behind, and Ctrl-C. CI builds dist/ before the suite runs.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readSessionLog } from '../../src/session-log/index.js';
import { hang, startFakeAnthropic, text, toolUse, type FakeAnthropic } from '../fakes/anthropic.js';
import {
  cleanEnv,
  HELLO_AGENT,
  killChildren,
  linesFrom,
  makeTempDir,
  removeTempDirs,
  requireBuiltCli,
  runBuiltCli,
  spawnCli,
  stable,
  TRIAGE,
  waitFor,
} from './helpers.js';

beforeAll(() => {
  requireBuiltCli();
});
afterAll(removeTempDirs);

interface ScriptedBlock {
  type: string;
  name?: string;
  input?: Record<string, unknown>;
}

/** The tool calls of the demo's scripted model, by tool name. */
function scriptedCalls(): Map<string, Record<string, unknown>> {
  const script = readFileSync(path.join(TRIAGE, '.flue/scripted/triage.jsonl'), 'utf8');
  const calls = new Map<string, Record<string, unknown>>();
  for (const line of script.split('\n')) {
    if (!line.trim().startsWith('{')) continue;
    for (const block of (JSON.parse(line) as { content: ScriptedBlock[] }).content) {
      if (block.type === 'tool_use' && block.name) calls.set(block.name, block.input ?? {});
    }
  }
  return calls;
}

describe('the README demo, offline', () => {
  const created: string[] = [];
  afterAll(() => {
    for (const file of created) rmSync(file, { force: true });
  });

  it('runs triage on the scripted model: the result on stdout, what it would post on stderr, a log that view renders', async () => {
    const env = cleanEnv(); // no ANTHROPIC_API_KEY
    const args = ['run', 'triage', '--cwd', 'examples/triage', '--event', 'examples/triage/event.json', '--dry-run'];
    const demo = await runBuiltCli(args, { env });
    const log = /^log: (.+)$/m.exec(demo.stderr)?.[1] as string;
    created.push(log, log.replace(/\.jsonl$/, '.html'));
    expect(demo.code).toBe(0);

    const calls = scriptedCalls();
    expect(demo.stdout).toBe(`${JSON.stringify(calls.get('finish'), null, 2)}\n`);
    const lines = demo.stderr.split('\n');
    // The event is gated as in CI: its sender, simulated as a stranger, makes the issue an untrusted run, said before it starts.
    expect(lines.slice(0, 5)).toEqual([
      "flue-action: Gate simulated as in CI: @Codertocat, the event's sender, has none permission (the default: a stranger; " +
        '--permission write|read|none to change it); any other account has none, unless listed in --allowed-users.',
      'flue-action: Agent definitions read from the working tree (--cwd), as in every local run; CI reads them from the commit the ' +
        'workflow runs from (GITHUB_SHA), so that what a stranger pushed cannot change the agent.',
      expect.stringMatching(/^flue-action [^ ]+: agent 'triage' on issues\.opened #1, untrusted profile, dry run\.$/),
      'flue-action: ANTHROPIC_API_KEY is not set: replaying the scripted model in .flue/scripted/triage.jsonl',
      'warning Running with the untrusted profile (read-only tools, no commands, no network): @Codertocat (actor of this issues.opened ' +
        'event, author of the issue) has none permission.',
    ]);
    const labels = calls.get('add_labels')?.labels as string[];
    const comment = String(calls.get('add_comment')?.body).replace(/@(\w)/g, '@\u200B$1');
    expect(stable(demo.stderr.slice(demo.stderr.indexOf('\nOutputs')), { log })).toBe(
      [
        '',
        'Outputs (dry run: nothing was posted):',
        `  add labels: ${labels.join(', ')}`,
        '  comment:',
        `    ${comment}`,
        'model: claude-sonnet-4-6 via scripted (.flue/scripted/triage.jsonl)',
        'log: <log>',
        'view: flue-action view <log>',
        '',
      ].join('\n'),
    );
    expect(lines).toContain('→ activate_skill triage');
    expect(lines.find((line) => line.startsWith('succeeded · 5 turns · '))).toBeDefined();

    const parsed = readSessionLog(log);
    expect(parsed.header).toMatchObject({ agent: 'triage', modelClient: 'scripted (.flue/scripted/triage.jsonl)' });
    expect(parsed.events.at(-1)).toMatchObject({ type: 'end', status: 'succeeded', result: calls.get('finish') });
    expect(existsSync(log.replace(/\.jsonl$/, '.html'))).toBe(true);

    const view = await runBuiltCli(['view', log], { env });
    expect(view.code).toBe(0);
    expect(view.stdout).toContain('\nagent     triage\nmodel     claude-sonnet-4-6 (scripted (.flue/scripted/triage.jsonl))\n');
    expect(view.stdout).toContain('tool activate_skill {"name":"triage"}');
    expect(linesFrom(view.stdout, '── end ──').slice(0, 3)).toEqual(['── end ──', 'status    succeeded', 'turns     5']);
  });
});

describe('a run ended from outside', () => {
  let fake: FakeAnthropic;
  let repo: string;
  let logs: string;
  afterEach(async () => {
    await killChildren();
    await fake.close();
  });

  /** The CLI on `hello`: one `read` turn, then a model call that never answers. */
  async function startHangingRun() {
    fake = await startFakeAnthropic({ turns: [toolUse('read', { path: 'a.txt' }), hang()] });
    repo = await makeTempDir({ '.flue/agents/hello.md': HELLO_AGENT, 'a.txt': 'abc\n' });
    logs = await makeTempDir();
    const env = cleanEnv({ ANTHROPIC_API_KEY: 'sk-test', ANTHROPIC_BASE_URL: fake.url });
    const child = spawnCli(['run', 'hello', '--cwd', repo, '--log-dir', logs], { env });
    const log = await waitFor(() => {
      const name = readdirSync(logs).find((file) => file.endsWith('.jsonl'));
      const file = name && path.join(logs, name);
      return file && readFileSync(file, 'utf8').includes('"type":"tool_result"') ? file : undefined;
    }, 'the tool_result line in the session log');
    await waitFor(() => (fake.requests.length === 2 ? true : undefined), 'the second model request');
    return { child, log, env };
  }

  it('SIGKILL leaves a log that parses line by line and views as an unfinished run', async () => {
    const { child, log, env } = await startHangingRun();
    child.child.kill('SIGKILL');
    expect(await child.exited).toBe('SIGKILL');

    // Killed while waiting on the model, so no line was cut: every line parses.
    const parsed = readSessionLog(log);
    expect(parsed.problems).toEqual([]);
    expect(parsed.truncated).toBe(false);
    expect(parsed.events.map((event) => event.type)).toEqual(['model_request', 'model_response', 'tool_call', 'tool_result', 'model_request']);
    expect(parsed.events[3]).toMatchObject({ name: 'read', isError: false, content: '     1\tabc' });
    expect(existsSync(log.replace(/\.jsonl$/, '.html'))).toBe(false);

    const view = await runBuiltCli(['view', log], { env });
    expect(view.code).toBe(0);
    expect(view.stdout).toContain('\ntool read {"path":"a.txt"} · ');
    expect(linesFrom(stable(view.stdout), '── turn 2 · request <size> ──')).toEqual([
      '── turn 2 · request <size> ──',
      '── end ──',
      'status    unfinished: the log has no end event (the run was killed, or is still running)',
      'turns     1',
      'tokens    in 100 · out 10 · cache read 0 · cache write 0',
      'cost      $0.0004',
      'duration  <t>',
    ]);
  });

  it('SIGINT cancels the model call: exit 4 and an end event with status cancelled', async () => {
    const { child, log } = await startHangingRun();
    child.child.kill('SIGINT');
    expect(await child.exited).toBe(4);
    expect(child.stdout()).toBe('');
    expect(child.stderr()).toMatch(/\ncancelled: the run was cancelled · 1 turns · 100 in \/ 10 out tokens · \$0\.0004 · /);
    const parsed = readSessionLog(log);
    expect(parsed.events.at(-1)).toMatchObject({ type: 'end', status: 'cancelled', reason: 'the run was cancelled' });
    expect(existsSync(log.replace(/\.jsonl$/, '.html'))).toBe(true);
  });
});

describe('a reader that closes the pipe early', () => {
  it('`flue-action --help | head -c0` exits 0 without an EPIPE crash', async () => {
    const child = spawn(process.execPath, [requireBuiltCli(), '--help'], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
  });
});

describe('a full disk (ENOSPC injected at the fs boundary of the built CLI)', () => {
  it('the HTML report cannot be written: the run keeps its status and exit code, stderr names the file', async () => {
    const model = await startFakeAnthropic({ turns: [text('Hello.')] });
    try {
      const repo = await makeTempDir({ '.flue/agents/hello.md': HELLO_AGENT });
      const logs = await makeTempDir();
      const env = cleanEnv({ ANTHROPIC_API_KEY: 'sk-ant-test-key', ANTHROPIC_BASE_URL: model.url });
      const faults = fileURLToPath(new URL('../action/fs-faults.mjs', import.meta.url));
      const result = await runBuiltCli(['run', 'hello', '--cwd', repo, '--log-dir', logs, '--json'], {
        env,
        nodeArgs: ['--import', `${faults}?report`],
      });
      const envelope = JSON.parse(result.stdout);
      expect({ code: result.code, status: envelope.status, reportFile: envelope.reportFile }).toEqual({
        code: 0,
        status: 'succeeded',
        reportFile: null,
      });
      const report = (envelope.logFile as string).replace(/\.jsonl$/, '.html');
      expect(result.stderr).toContain(
        `flue-action: warning: The HTML report ${report} was not written: ENOSPC: no space left on device, write. The session log ${envelope.logFile} holds the run.\n`,
      );
      expect(existsSync(report)).toBe(false);
      expect(readSessionLog(envelope.logFile).events.at(-1)).toMatchObject({ type: 'end', status: 'succeeded' });
    } finally {
      await model.close();
    }
  });
});
