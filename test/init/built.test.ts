// `flue-action init` as users run it: the built CLI in a temp repository, interactive on a pseudo-terminal
// (util-linux `script` gives the process a pty), and `--yes` followed by `check --strict` and an offline run
// of the new agent on its scripted model.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { defaultTemplatesDir } from '../../src/cli/init-templates.js';
import { cleanEnv, killChildren, makeTempDir, removeTempDirs, requireBuiltCli, ROOT, runBuiltCli, waitFor } from '../cli/helpers.js';
import { FIXTURE_TEMPLATES, fixture, read, tempRepo } from './helpers.js';

let cliPath: string;
beforeAll(() => {
  cliPath = requireBuiltCli();
});
afterEach(killChildren);
afterAll(removeTempDirs);

/** The built CLI on a pseudo-terminal; `answer(after, line)` types `line` once the output contains `after`. */
function onTerminal(args: string[], cwd: string) {
  const command = [process.execPath, cliPath, ...args].map((word) => `'${word}'`).join(' ');
  const child = spawn('script', ['-qfec', command, '/dev/null'], { cwd, env: cleanEnv({ TERM: 'dumb' }), stdio: ['pipe', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  let seen = 0;
  return {
    output: () => output.replace(/\r\n/g, '\n'),
    exited,
    async answer(after: string, line: string) {
      // Each prompt is waited for after the previous one: the same text may come twice.
      await waitFor(() => (output.indexOf(after, seen) >= 0 ? true : undefined), `the prompt ${JSON.stringify(after)}\n${output}`);
      seen = output.indexOf(after, seen) + after.length;
      child.stdin.write(`${line}\n`);
    },
  };
}

const hasScript = existsSync('/usr/bin/script') || existsSync('/bin/script');

describe.skipIf(!hasScript)('flue-action init on a terminal', () => {
  it('asks for the template (from a list with descriptions) and the platform, then confirms', async () => {
    const dir = await tempRepo();
    const session = onTerminal(['init', '--templates', FIXTURE_TEMPLATES], dir);
    await session.answer('Number or name [1-2]: ', 'triag');
    await session.answer('Number or name [1-2]: ', 'triage');
    await session.answer('Number or name [1-2]: ', '2');
    await session.answer('Go ahead? [Y/n] ', '');
    expect(await session.exited).toBe(0);
    const output = session.output();
    expect(output).toContain(
      [
        'Which agent?',
        '  1) review         Reviews pull requests with one comment.',
        '  2) triage         Labels new issues from an allowed set and answers once.',
        'Number or name [1-2]: triag',
        "'triag' is not one of the choices.",
        'Number or name [1-2]: triage',
        'GitHub or GitLab? (no origin remote)',
        '  1) GitHub Actions',
        '  2) GitLab CI/CD',
        'Number or name [1-2]: 2',
        'flue-action init triage (GitLab CI/CD) will write:',
      ].join('\n'),
    );
    expect(output).toContain('wrote      .gitlab-ci.yml\n');
    expect(read(dir, '.gitlab-ci.yml')).toBe(fixture('triage/gitlab/ci.yml'));
  });

  it('asks before overwriting each existing file; "no" keeps it', async () => {
    const dir = await tempRepo('git@github.com:octo/app.git', { '.flue/agents/triage.md': 'mine\n', '.flue/roles/analyst.md': 'mine too\n' });
    const session = onTerminal(['init', 'triage', '--templates', FIXTURE_TEMPLATES], dir);
    await session.answer('Go ahead? [Y/n] ', 'y');
    await session.answer('.flue/agents/triage.md exists. Overwrite it? [y/N] ', 'n');
    await session.answer('.flue/roles/analyst.md exists. Overwrite it? [y/N] ', 'yes');
    expect(await session.exited).toBe(0);
    const output = session.output();
    expect(output).toContain('  .flue/agents/triage.md (exists)\n');
    expect(output).toContain('skipped    .flue/agents/triage.md (exists)\n');
    expect(output).toContain('replaced   .flue/roles/analyst.md\n');
    expect(read(dir, '.flue/agents/triage.md')).toBe('mine\n');
    expect(read(dir, '.flue/roles/analyst.md')).toBe(fixture('triage/flue/roles/analyst.md'));
  });

  it('"n" at the confirmation writes nothing', async () => {
    const dir = await tempRepo('git@github.com:octo/app.git');
    const session = onTerminal(['init', 'review', '--templates', FIXTURE_TEMPLATES], dir);
    await session.answer('Go ahead? [Y/n] ', 'n');
    expect(await session.exited).toBe(0);
    expect(session.output()).toContain('Nothing written.\n');
    expect(existsSync(path.join(dir, '.flue'))).toBe(false);
  });

  it('--yes on a terminal asks nothing', async () => {
    const dir = await tempRepo('git@github.com:octo/app.git', { '.flue/agents/review.md': 'mine\n' });
    const session = onTerminal(['init', 'review', '--yes', '--templates', FIXTURE_TEMPLATES], dir);
    expect(await session.exited).toBe(0);
    expect(session.output()).toContain('skipped    .flue/agents/review.md (exists; --force overwrites it)\n');
    expect(session.output()).not.toContain('?');
  });
});

describe('what init writes works', () => {
  it('passes check --strict and runs offline on the scripted model', async () => {
    const dir = await tempRepo('git@github.com:octo/app.git');
    const env = cleanEnv(); // no ANTHROPIC_API_KEY: the scripted model
    const init = await runBuiltCli(['init', 'triage', '--yes', '--templates', FIXTURE_TEMPLATES], { env, cwd: dir });
    expect(init.code).toBe(0);
    const check = await runBuiltCli(['check', '--strict'], { env, cwd: dir });
    expect(check).toEqual({ code: 0, stdout: 'ok: 0 error(s), 0 warning(s)\n', stderr: '' });
    const logs = await makeTempDir();
    const event = path.join(ROOT, 'examples/triage/event.json');
    const run = await runBuiltCli(['run', 'triage', '--event', event, '--dry-run', '--json', '--log-dir', logs], { env, cwd: dir });
    expect(run.stderr).toContain('replaying the scripted model in .flue/scripted/triage.jsonl');
    expect(run.code).toBe(0);
    const envelope = JSON.parse(run.stdout) as { status: string; result: unknown };
    expect(envelope.status).toBe('succeeded');
    expect(envelope.result).toEqual({ category: 'documentation', summary: 'A spelling mistake in the docs.' });
  });
});

describe('where the templates are', () => {
  it('beside the built CLI (dist/../templates/agents) or the sources (src/cli/../../templates/agents)', async () => {
    const root = await makeTempDir({ 'templates/agents/triage/flue/agents/triage.md': 'x' });
    expect(defaultTemplatesDir(`file://${root}/dist/cli.js`)).toBe(path.join(root, 'templates/agents/'));
    expect(defaultTemplatesDir(`file://${root}/src/cli/init-templates.js`)).toBe(path.join(root, 'templates/agents/'));
  });

  it('the package ships them: package.json files lists templates/', () => {
    const pkg = JSON.parse(read(ROOT, 'package.json')) as { files: string[] };
    expect(pkg.files).toContain('templates/');
  });
});
