/**
 * Attacks on `commands:`: the model calls an allow-listed real program (git, npm, node) with arguments
 * that would make it write files anywhere or run code of the model's choosing. Each test drives the real
 * sandbox with real processes and asserts what the model reads and what is on disk afterwards.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs/promises';
import { existsSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { trustedCapabilities } from '../../src/gate/profile.js';
import { createSandbox, type SandboxExecResult, type SandboxOptions } from '../../src/sandbox/index.js';
import { DAEMON_SCRIPT, killLeftovers, stillAlive } from '../sandbox/daemon.js';
import { realTree, sandboxFor } from '../sandbox/workspace.js';

const CONFIG = '[http]\n\textraheader = AUTHORIZATION: basic c2VjcmV0\n';

let root: string;
let dir: string;
let before: string[];

/** A real git checkout with two commits, a credential in .git/config, a package.json, and a sibling file outside it. */
beforeEach(async () => {
  root = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'flue-attack-commands-')));
  dir = path.join(root, 'repo');
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { cwd: dir, stdio: 'ignore' });
  await fs.mkdir(path.join(dir, 'src'), { recursive: true });
  await fs.writeFile(path.join(dir, 'src/a.txt'), 'alpha\n');
  git('init', '-q');
  git('add', '.');
  git('commit', '-qm', 'one');
  await fs.appendFile(path.join(dir, 'src/a.txt'), 'beta\n');
  git('commit', '-qam', 'two');
  await fs.appendFile(path.join(dir, '.git/config'), CONFIG);
  // What an agent allowed to write could have put in the checkout: a script, a package, a daemon.
  await fs.writeFile(path.join(dir, 'evil.sh'), `#!/bin/sh\necho "$0 $*" >> ${root}/pwned\n`, { mode: 0o755 });
  await fs.writeFile(
    path.join(dir, 'package.json'),
    JSON.stringify({ name: 'x', version: '1.0.0', scripts: { test: 'node -e 0', lint: 'echo lint' } }),
  );
  await fs.mkdir(path.join(dir, 'vendor/evil'), { recursive: true });
  await fs.writeFile(
    path.join(dir, 'vendor/evil/package.json'),
    JSON.stringify({ name: 'e', version: '1.0.0', scripts: { test: `echo x > ${root}/pwned` } }),
  );
  await fs.writeFile(path.join(dir, 'daemon.cjs'), DAEMON_SCRIPT);
  await fs.writeFile(path.join(root, 'outside.txt'), 'outside secret\n');
  before = await realTree(root);
});
afterEach(async () => {
  if (existsSync(path.join(dir, 'daemon.pids'))) killLeftovers(await fs.readFile(path.join(dir, 'daemon.pids'), 'utf8'));
  await fs.rm(root, { recursive: true, force: true });
});

const run = (commands: string[], command: string, overrides: Partial<SandboxOptions> = {}): Promise<SandboxExecResult> =>
  sandboxFor(dir, { commands, ...overrides }).exec(command);

const OPTION_HINT = ' (an option is accepted only where an entry writes it out)';
/** The refusal the model reads, exit 126, nothing on stdout. */
const refused = (program: string, why: string, allowed: string[], option = why.endsWith('is an option')) => ({
  stdout: '',
  stderr: `${program}: refused: ${why}; the agent's commands: allow only ${allowed.map((entry) => `'${entry}'`).join(', ')}${option ? OPTION_HINT : ''}\n`,
  exitCode: 126,
  timedOut: false,
});

/** Nothing was written anywhere: the tree around the checkout is as it was, the credential config untouched. */
async function expectNothingChanged(): Promise<void> {
  expect(await realTree(root)).toEqual(before);
  expect(await fs.readFile(path.join(dir, '.git/config'), 'utf8')).toMatch(/\[http\]\n\textraheader = AUTHORIZATION: basic c2VjcmV0\n$/);
  expect(await fs.readFile(path.join(dir, '.git/config'), 'utf8')).not.toMatch(/external/);
}

describe('options after an entry', () => {
  test('git log --output=.git/config is refused: options after an exact entry', async () => {
    const attack = `git log --output=.git/config -1 --format='[diff]%n\texternal = ${dir}/evil.sh'`;
    expect(await run(['git log'], attack)).toEqual(refused('git', "'--output=.git/config' is an option", ['git log']));
    await expectNothingChanged();
  });

  test('git log -p --ext-diff is refused, so a planted [diff] external never runs', async () => {
    // As if an earlier write (a later step, another tool) had planted the stanza.
    await fs.appendFile(path.join(dir, '.git/config'), `[diff]\n\texternal = ${dir}/evil.sh\n`);
    expect(await run(['git log'], 'git log -p --ext-diff -1')).toEqual(refused('git', "'-p' is an option", ['git log']));
    expect(existsSync(path.join(root, 'pwned'))).toBe(false);
  });

  test("git grep --open-files-in-pager=<script> is refused: the pager would run the model's program", async () => {
    expect(await run(['git grep'], 'git grep --open-files-in-pager=./evil.sh alpha')).toEqual(
      refused('git', "'--open-files-in-pager=./evil.sh' is an option", ['git grep']),
    );
    await expectNothingChanged();
  });

  test("npm test --node-options=--import=data:... is refused: it would run JS of the model's choosing", async () => {
    const payload = Buffer.from(`import fs from "node:fs"; fs.writeFileSync("${root}/pwned", "x");`).toString('base64');
    const option = `--node-options=--import=data:text/javascript;base64,${payload}`;
    expect(await run(['npm test'], `npm test '${option}'`)).toEqual(refused('npm', `'${option.slice(0, 57)}...' is an option`, ['npm test']));
    await expectNothingChanged();
  });

  test("npm test --prefix=<dir> is refused: it would run another package's test script", async () => {
    expect(await run(['npm test'], 'npm test --prefix=vendor/evil')).toEqual(refused('npm', "'--prefix=vendor/evil' is an option", ['npm test']));
    await expectNothingChanged();
  });

  test("npm run lint --script-shell=<script> is refused: the script shell would be the model's program", async () => {
    expect(await run(['npm run lint'], `npm run lint --script-shell=./evil.sh`)).toEqual(
      refused('npm', "'--script-shell=./evil.sh' is an option", ['npm run lint']),
    );
    await expectNothingChanged();
  });
});

describe('placeholders and exact entries', () => {
  test('{arg} given -x is refused: a placeholder never takes an option', async () => {
    expect(await run(['git show {arg}'], 'git show -p')).toEqual(refused('git', "'-p' is an option", ['git show {arg}']));
    // The operand it exists for still runs.
    expect((await run(['git show {arg}'], 'git show HEAD:src/a.txt')).stdout).toBe('alpha\nbeta\n');
  });

  test('{arg} given --foo=bar is refused: git show --output=../pwned would write outside the workspace', async () => {
    expect(await run(['git show {arg}'], 'git show --output=../pwned')).toEqual(refused('git', "'--output=../pwned' is an option", ['git show {arg}']));
    await expectNothingChanged();
  });

  test('an extra operand after an exact entry is refused: git diff <outside> <inside> would read outside the workspace', async () => {
    expect(await run(['git diff'], 'git diff ../outside.txt src/a.txt')).toEqual(refused('git', "'../outside.txt' is an extra argument", ['git diff']));
  });

  test('two operands into {arg} are refused: the second is an extra argument', async () => {
    expect(await run(['git diff {arg}'], 'git diff ../outside.txt src/a.txt')).toEqual(
      refused('git', "'src/a.txt' is an extra argument", ['git diff {arg}']),
    );
  });
});

describe('an entry that shadows a just-bash builtin', () => {
  test('grep with another argv is the sandboxed builtin: it cannot read the credential or a file outside', async () => {
    const result = await run(['grep --version'], 'grep -r -e c2VjcmV0 -e secret .git/config ../outside.txt');
    expect(result.stdout).toBe('');
    expect(result.stderr).not.toMatch(/c2VjcmV0|outside secret/);
    expect(result.exitCode).not.toBe(0);
    // The real grep would have printed both.
    expect(execFileSync('grep', ['-h', '-r', 'c2VjcmV0\\|secret', '.git/config', '../outside.txt'], { cwd: dir, encoding: 'utf8' })).toBe(
      '\textraheader = AUTHORIZATION: basic c2VjcmV0\noutside secret\n',
    );
  });
});

describe("just-bash's wrappers reach the same check", () => {
  const attack = '--output=.git/config';
  test.each([
    ['xargs', `echo ${attack} | xargs git log`],
    ['env', `env git log ${attack}`],
    ['timeout', `timeout 5 git log ${attack}`],
    ['bash -c', `bash -c "git log ${attack}"`],
  ])('git log --output=... called through %s is still refused', async (_wrapper, command) => {
    expect(await run(['git log'], command)).toEqual(refused('git', `'${attack}' is an option`, ['git log']));
    await expectNothingChanged();
  });
});

describe('the untrusted profile', () => {
  test('has no real commands at all, whatever the agent lists, and the gate counts commands as a trusted need', async () => {
    const commands = ['git log', 'npm test', 'node daemon.cjs {args}'];
    for (const sandbox of [
      sandboxFor(dir, { profile: 'untrusted', commands }),
      createSandbox({
        workspace: dir,
        profile: 'untrusted',
        allowWrite: false,
        commands,
        networkAllow: [],
        protectedPaths: ['.git/'],
      }),
    ]) {
      expect(await sandbox.exec('git log --output=.git/config; npm test; node daemon.cjs 1 0')).toEqual({
        stdout: '',
        // The sandbox's read-only git answers for `git`, and refuses: it is a real process too.
        stderr:
          'git: not available on this run: it uses the untrusted profile, where no real process runs (git is one)\n' +
          'bash: npm: command not found\nbash: node: command not found\n',
        exitCode: 127,
        timedOut: false,
      });
    }
    expect(trustedCapabilities({ tools: ['read'], commands, network: { allow: [] } })).toEqual(['commands: git log, npm test, node daemon.cjs {args}']);
    await expectNothingChanged();
  });
});

describe.runIf(process.platform === 'linux')('what a real command leaves behind', () => {
  const pids = async (): Promise<string> => fs.readFile(path.join(dir, 'daemon.pids'), 'utf8');
  const expectDaemonDead = async (): Promise<void> => {
    const text = await pids();
    expect(text).toMatch(/^\d+\n$/);
    expect(await stillAlive(text)).toEqual([]);
  };
  // Exact entries: the attack is what the allowed program itself does, not its arguments.
  const commands = ['node daemon.cjs 1 0', 'node daemon.cjs 2 0', 'node daemon.cjs 2 60000'];

  test('a setsid grandchild is dead after the command returns', async () => {
    expect(await run(commands, 'node daemon.cjs 1 0 >/dev/null')).toEqual({ stdout: '', stderr: '', exitCode: 0, timedOut: false });
    await expectDaemonDead();
  });

  test('a double-forked daemon is dead after the command returns', async () => {
    expect(await run(commands, 'node daemon.cjs 2 0 >/dev/null')).toEqual({ stdout: '', stderr: '', exitCode: 0, timedOut: false });
    await expectDaemonDead();
  });

  test('a timeout kills a setsid grandchild too', async () => {
    // Long enough for two Node start-ups on a loaded machine before the daemon writes its PID.
    expect(await run(commands, 'node daemon.cjs 2 60000 >/dev/null', { commandTimeoutMs: 2_500 })).toEqual({
      stdout: '',
      stderr: 'node: killed after 2.5s (the time limit of a real command)\n',
      exitCode: 124,
      timedOut: false,
    });
    await expectDaemonDead();
  });

  test('an abort (the run is cancelled) kills a setsid grandchild too', async () => {
    const controller = new AbortController();
    const pending = sandboxFor(dir, { commands }).exec('node daemon.cjs 2 60000', { signal: controller.signal });
    // The PID is written once the daemon runs: wait for the whole line.
    const written = async () => existsSync(path.join(dir, 'daemon.pids')) && (await pids()).endsWith('\n');
    while (!(await written())) await new Promise((resolve) => setTimeout(resolve, 20));
    controller.abort();
    expect(await pending).toEqual({ stdout: '', stderr: 'bash: execution aborted\n', exitCode: 124, timedOut: false });
    await expectDaemonDead();
  });
});
