// The bash tool's own pattern matchers, attacked with backtracking bombs. Each attack runs the real
// sandbox in a child process with a hard deadline: a synchronous match that never ends would block
// this process for good, where no timer could report it.
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { makeTempDir, removeTempDirs } from '../cli/helpers.js';
import { runChild, transpiledSource } from './transpiled.js';

const SHELL_CHILD = `
import { createSandbox } from './sandbox/index.js';
const [workspace, command] = process.argv.slice(2);
const sandbox = createSandbox({ workspace, profile: 'trusted', allowWrite: false, commands: [], networkAllow: [] });
process.stdout.write(JSON.stringify(await sandbox.exec(command)));
`;
const CHILD_DEADLINE_MS = 20_000;
// Ten stars before a `b` that is not there: a backtracking matcher tries every way to split the name, n^10.
const STAR_BOMB = '*a*a*a*a*a*a*a*a*a*a*b';

let compiled: string;
let workspace: string;

beforeAll(async () => {
  compiled = transpiledSource(['sandbox/index.ts']);
  workspace = await makeTempDir({ [`${'a'.repeat(60)}.txt`]: 'data\n', 'b*c.txt': 'a file named with a star\n' });
});
afterAll(async () => {
  await rm(compiled, { recursive: true, force: true });
  await removeTempDirs();
});

async function shell(command: string): Promise<unknown> {
  const outcome = await runChild(compiled, SHELL_CHILD, [workspace, command], CHILD_DEADLINE_MS);
  if (!outcome.finished) throw new Error(`\`${command}\` was still running after ${CHILD_DEADLINE_MS} ms`);
  if (outcome.stderr !== '') throw new Error(`\`${command}\` failed: ${outcome.stderr}`);
  const { stdout, stderr, exitCode } = JSON.parse(outcome.stdout) as Record<string, unknown>;
  return { stdout, stderr, exitCode };
}

describe('ls never globs a second time (just-bash hands it to minimatch, a backtracking regex)', () => {
  test('ls with ten stars beside a 60-character name ends, as GNU ls answers', async () => {
    expect(await shell(`ls ${STAR_BOMB}`)).toEqual({
      stdout: '',
      stderr: `ls: cannot access '${STAR_BOMB}': No such file or directory\n`,
      exitCode: 2,
    });
  });

  test('the bomb quoted, and behind --, ends the same way', async () => {
    expect(await shell(`ls -la -- '${STAR_BOMB}'`)).toEqual({
      stdout: '',
      stderr: `ls: cannot access '${STAR_BOMB}': No such file or directory\n`,
      exitCode: 2,
    });
  });

  test('a pattern given to an ls option is refused', async () => {
    expect(await shell(`ls --ignore=${STAR_BOMB}`)).toEqual({
      stdout: '',
      stderr: `ls: --ignore=${STAR_BOMB}: pattern options are not supported in the sandbox\n`,
      exitCode: 2,
    });
  });

  test('the shell itself expands the bomb (RE2) and ends, matching nothing', async () => {
    expect(await shell(`echo ${STAR_BOMB}`)).toEqual({ stdout: `${STAR_BOMB}\n`, stderr: '', exitCode: 0 });
  });

  test('ls still lists a file whose name holds a star', async () => {
    expect(await shell(`ls 'b*c.txt'`)).toEqual({ stdout: 'b*c.txt\n', stderr: '', exitCode: 0 });
  });

  test('ls still lists what the shell expanded', async () => {
    expect(await shell('ls a*.txt')).toEqual({ stdout: `${'a'.repeat(60)}.txt\n`, stderr: '', exitCode: 0 });
  });
});
