/**
 * The GitLab template's git install, as the job's shell runs it: node:24-slim has no git, and read-only
 * git and propose_change need it. The block is cut from templates/agent.yml itself and run with bash
 * (`-eo pipefail`, as GitLab's shell does), with a stand-in apt-get that records its arguments; a missing
 * git is a `command` function that finds none.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { makeTempDir, removeTempDirs } from '../cli/helpers.js';
import { scriptBetween, TEMPLATE } from './job-script.js';

afterEach(removeTempDirs);

/** The script lines from the git install's comment to the comment that follows it. */
const installBlock = (): string => scriptBetween('# git, for read-only git and propose_change', '# A note on a merge request of this project');

interface Setup {
  installGit: string;
  hasGit?: boolean;
  hasAptGet?: boolean;
  aptGetFails?: boolean;
  agents?: Record<string, string>;
}

async function runBlock(setup: Setup) {
  const project = await makeTempDir(Object.fromEntries(Object.entries(setup.agents ?? {}).map(([name, text]) => [`.flue/agents/${name}`, text])));
  const bin = await makeTempDir({}, 'flue-apt-');
  const calls = path.join(bin, 'calls.txt');
  if (setup.hasAptGet !== false) {
    writeFileSync(path.join(bin, 'apt-get'), `#!/bin/sh\necho "apt-get $*" >> '${calls}'\n${setup.aptGetFails ? 'exit 100' : 'exit 0'}\n`);
    chmodSync(path.join(bin, 'apt-get'), 0o755);
  }
  // The machine's own apt-get and git are hidden by `command -v` answering for the stand-in only.
  const lookups = [
    'command() {',
    '  if [ "$1" = -v ] && [ "$2" = git ]; then ' + (setup.hasGit ? 'echo /usr/bin/git; return 0' : 'return 1') + '; fi',
    `  if [ "$1" = -v ] && [ "$2" = apt-get ]; then [ -x '${bin}/apt-get' ] && echo '${bin}/apt-get'; return; fi`,
    '  builtin command "$@"',
    '}',
  ].join('\n');
  const stdout = execFileSync('bash', ['-eo', 'pipefail', '-c', `${lookups}\n${installBlock()}`], {
    cwd: project,
    env: { PATH: `${bin}:${process.env.PATH ?? '/usr/bin:/bin'}`, FLUE_INSTALL_GIT: setup.installGit, FLUE_WORKING_DIRECTORY: '' },
    encoding: 'utf8',
  });
  return { stdout, apt: existsSync(calls) ? readFileSync(calls, 'utf8').trim().split('\n') : [] };
}

const PROPOSES = { 'fix.md': '---\ndescription: Fix\ntools: [read, write]\noutputs:\n  propose_change: {}\n---\nFix it.\n' };
const CODE_PROPOSES = { 'fix.ts': "export default { description: 'Fix', outputs: { proposeChange: {} } };\n" };
const READS = { 'review.md': '---\ndescription: Review\ntools: [read]\n---\nReview.\n' };
const INSTALL = ['apt-get update -qq', 'apt-get install -y -qq --no-install-recommends git'];

describe("the template's install-git input, on an image without git", () => {
  test('auto: installed when an agent of the checkout declares propose_change (markdown or code)', async () => {
    for (const agents of [PROPOSES, CODE_PROPOSES]) {
      const run = await runBlock({ installGit: 'auto', agents: { ...READS, ...agents } });
      expect(run.apt).toEqual(INSTALL);
      expect(run.stdout).toBe('flue-action: installing git with apt-get (install-git: auto): the image has none\n');
    }
  });

  test('auto: not installed when no agent proposes a change, nor without .flue/agents', async () => {
    for (const agents of [READS, {}]) expect(await runBlock({ installGit: 'auto', agents })).toEqual({ stdout: '', apt: [] });
  });

  test('always: installed for any agent; false: never', async () => {
    expect((await runBlock({ installGit: 'always', agents: READS })).apt).toEqual(INSTALL);
    expect(await runBlock({ installGit: 'false', agents: PROPOSES })).toEqual({ stdout: '', apt: [] });
  });

  test('an apt-get that fails, or none at all, is said in the job log and the job goes on to the run', async () => {
    expect(await runBlock({ installGit: 'auto', agents: PROPOSES, aptGetFails: true })).toEqual({
      stdout:
        'flue-action: installing git with apt-get (install-git: auto): the image has none\n' +
        'flue-action: apt-get could not install git: propose_change will say so (set image: to one with git).\n',
      apt: ['apt-get update -qq'],
    });
    expect(await runBlock({ installGit: 'auto', agents: PROPOSES, hasAptGet: false })).toEqual({
      stdout: 'flue-action: the image has neither git nor apt-get: propose_change will say so (set image: to one with git).\n',
      apt: [],
    });
  });

  test('an image with git installs nothing', async () => {
    expect(await runBlock({ installGit: 'always', agents: PROPOSES, hasGit: true })).toEqual({ stdout: '', apt: [] });
  });

  test('the input reaches the block word for word, and only its three values are accepted', () => {
    const spec = parse(readFileSync(TEMPLATE, 'utf8').split(/^---$/m)[0] ?? '') as { spec: { inputs: Record<string, { options?: unknown[] }> } };
    expect(spec.spec.inputs['install-git']?.options).toEqual(['auto', 'always', 'false']);
    expect(readFileSync(TEMPLATE, 'utf8')).toContain('FLUE_INSTALL_GIT: { value: "$[[ inputs.install-git ]]", expand: false }');
  });
});
