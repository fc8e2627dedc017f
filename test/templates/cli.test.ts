/**
 * Each template end to end through the built CLI, offline: `flue-action run <name> --event <webhook example>`
 * in a temp repository holding the template's `.flue/` (as `flue-action init` copies it) and the files its
 * workflow writes, on the template's own scripted session. Every tool call of the session finds what it
 * reads, and the outputs the template promises are proposed and pass its policy.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { cleanEnv, killChildren, makeTempDir, removeTempDirs, requireBuiltCli, spawnCli } from '../cli/helpers.js';
import { git } from '../sandbox/git-repo.js';
import { FIX_REQUEST, githubEvent } from './events.js';
import { checkout, commitCheckout, fixCheckout, FIXED_README, TEMPLATE_NAMES, toolCalls, type TemplateName } from './templates.js';

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

async function runTemplate(
  name: TemplateName,
  options: { scripted: 'flag' | 'default'; session?: string; files?: Record<string, string>; comment?: string },
) {
  const repo = await makeTempDir(options.files ?? checkout(name), 'flue-template-');
  if (options.files) commitCheckout(repo);
  const logDir = path.join(await makeTempDir({}, 'flue-template-logs-'), 'logs');
  const eventFile = path.join(await makeTempDir({}, 'flue-template-event-'), 'event.json');
  await writeFile(eventFile, JSON.stringify(githubEvent(name, options.comment).payload));
  // The gate runs as in CI: the example's sender is simulated as a maintainer (a stranger's event is tested in CI's own tests).
  const args = ['run', name, '--event', eventFile, '--log-dir', logDir, '--permission', 'write'];
  if (options.scripted === 'flag') args.push('--scripted-model', `.flue/scripted/${options.session ?? name}.jsonl`);
  const run = spawnCli(args, { env: cleanEnv(), cwd: repo });
  const code = await run.exited;
  // A run stopped before its log was opened says why on stderr: that is the failure to show.
  if (!existsSync(logDir)) throw new Error(`no session log (exit ${code}): ${run.stderr()}`);
  const [log] = readdirSync(logDir).filter((file) => file.endsWith('.jsonl'));
  const events = readFileSync(path.join(logDir, log ?? ''), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as LogEvent);
  return { code, stdout: run.stdout(), stderr: run.stderr(), events, repo };
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

test("mention's fix session in a git checkout (--scripted-model .flue/scripted/mention-fix.jsonl): the workflow edit refused by name, the change set of README.md alone proposed and shown, nothing opened", async () => {
  const result = await runTemplate('mention', { scripted: 'flag', session: 'mention-fix', files: fixCheckout(), comment: FIX_REQUEST });
  expect(result.code, result.stdout + result.stderr).toBe(0);
  const results = result.events.filter((event) => event.type === 'tool_result');
  expect(results.filter((event) => event.isError).map((event) => [event.name, event.content])).toEqual([
    ['edit', "EACCES: permission denied, write '.github/workflows/ci.yml' (protected path .github/)"],
  ]);
  expect(results.find((event) => event.name === 'propose_change')?.content).toMatch(/^Proposed as output-1: README\.md \(2 lines changed\)/);
  const applied = result.events.filter((event) => event.type === 'output_applied');
  expect(applied.map((event) => [event.kind, event.dryRun])).toEqual([
    ['propose_change', true],
    ['add_comment', true],
  ]);
  expect(result.stderr).toContain('modified README.md (+1 -1)');
  expect(result.stderr).not.toContain('modified .github');
  // The edit stays in the checkout for the author to look at; no branch or commit was made from it.
  expect(git(result.repo, 'status', '--porcelain')).toBe(' M README.md\n');
  expect(git(result.repo, 'branch', '--list')).toBe('* main\n');
  expect(readFileSync(path.join(result.repo, 'README.md'), 'utf8')).toBe(FIXED_README);
});
