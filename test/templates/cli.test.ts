/**
 * Each template end to end through the built CLI, offline: `flue-action run <name> --event <webhook example>`
 * in a temp repository holding the template's `.flue/` (as `flue-action init` copies it) and the files its
 * workflow writes, on the template's own scripted session. Every tool call of the session finds what it
 * reads, and the outputs the template promises are proposed and pass its policy.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { cleanEnv, killChildren, makeTempDir, removeTempDirs, requireBuiltCli, spawnCli } from '../cli/helpers.js';
import { githubEvent } from './events.js';
import { checkout, TEMPLATE_NAMES, toolCalls, type TemplateName } from './templates.js';

beforeAll(requireBuiltCli);
afterEach(async () => {
  killChildren();
  await removeTempDirs();
});

interface LogEvent {
  type: string;
  name?: string;
  isError?: boolean;
  content?: string;
  kind?: string;
  dryRun?: boolean;
  output?: Record<string, unknown>;
  status?: string;
}

async function runTemplate(name: TemplateName, options: { scripted: 'flag' | 'default' }) {
  const repo = await makeTempDir(checkout(name), 'flue-template-');
  const logDir = path.join(await makeTempDir({}, 'flue-template-logs-'), 'logs');
  const eventFile = path.join(await makeTempDir({}, 'flue-template-event-'), 'event.json');
  await writeFile(eventFile, JSON.stringify(githubEvent(name).payload));
  const args = ['run', name, '--event', eventFile, '--log-dir', logDir];
  if (options.scripted === 'flag') args.push('--scripted-model', `.flue/scripted/${name}.jsonl`);
  const run = spawnCli(args, { env: cleanEnv(), cwd: repo });
  const code = await run.exited;
  const [log] = readdirSync(logDir).filter((file) => file.endsWith('.jsonl'));
  const events = readFileSync(path.join(logDir, log ?? ''), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as LogEvent);
  return { code, stdout: run.stdout(), stderr: run.stderr(), events };
}

describe.each(TEMPLATE_NAMES)('flue-action run %s --event <example> on its scripted session', (name) => {
  test('succeeds, every tool call finds what it reads, and the promised outputs are proposed in a dry run', async () => {
    const result = await runTemplate(name, { scripted: 'flag' });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    // stdout is the result alone; progress and the outputs go to stderr.
    const said = result.stderr;
    expect(said).toContain(`via scripted (.flue/scripted/${name}.jsonl)`);
    const results = result.events.filter((event) => event.type === 'tool_result');
    expect(results.length).toBeGreaterThan(2);
    for (const event of results) expect(event.isError, `${event.name}: ${event.content}`).toBe(false);
    expect(result.events.filter((event) => event.type === 'output_rejected')).toEqual([]);
    const applied = result.events.filter((event) => event.type === 'output_applied');
    expect(applied.every((event) => event.dryRun === true)).toBe(true);
    expect(result.events.at(-1)).toMatchObject({ type: 'end', status: 'succeeded' });

    const kinds = applied.map((event) => event.kind);
    switch (name) {
      case 'triage':
        expect(kinds).toEqual(['add_labels', 'add_comment']);
        expect(said).toContain('add labels: documentation');
        // The duplicate it names is one it read in the list the workflow wrote.
        expect(results.find((event) => event.name === 'read')?.content).toContain('Typo in the contributing steps');
        expect(said).toContain('Possibly a duplicate of #7');
        expect(JSON.parse(result.stdout)).toMatchObject({ category: 'documentation', needs_reproduction: false, likely_duplicates: [7] });
        break;
      case 'review': {
        expect(kinds).toEqual(['submit_review']);
        expect(said).toContain('review (COMMENT, 1 inline comment)');
        expect(said).toContain('README.md:8');
        break;
      }
      case 'ci-explainer':
        expect(kinds).toEqual(['add_comment']);
        // It read the log the workflow saved, and the file the log points at.
        expect(results.filter((event) => event.name === 'read').map((event) => event.content)).toEqual([
          expect.stringContaining('FAIL test/greet.test.js'),
          expect.stringContaining('return `Hello ${name}`'),
        ]);
        expect(said).toContain('**Cause**');
        break;
      case 'mention':
        expect(kinds).toEqual(['add_comment']);
        expect(said).toContain(String(toolCalls('mention', 'add_comment')[0]?.body));
        break;
    }
  });

  test('without ANTHROPIC_API_KEY it replays .flue/scripted/<name>.jsonl by itself: the offline demo', async () => {
    const result = await runTemplate(name, { scripted: 'default' });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stderr).toContain(`ANTHROPIC_API_KEY is not set: replaying the scripted model in .flue/scripted/${name}.jsonl`);
  });
});
