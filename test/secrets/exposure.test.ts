import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { exposureMessage, findExposedSecret, refuseCommandsWhereSecretsAreReadable } from '../../src/secrets/exposure.js';

const KEY = 'sk-ant-api03-0123456789abcdefghij';
const JOB_TOKEN = 'glcbt-64_0123456789abcdef';

/** A fake /proc: this process, its parent `npm exec`, that one's parent `bash`, and init. */
let proc: string;
function processEntry(pid: number, parent: number, command: string, environment: Record<string, string>): void {
  mkdirSync(path.join(proc, String(pid)), { recursive: true });
  writeFileSync(path.join(proc, String(pid), 'comm'), `${command}\n`);
  // The command name in parentheses may hold spaces and a ')' of its own.
  writeFileSync(path.join(proc, String(pid), 'stat'), `${pid} (${command}) S ${parent} ${pid} 1 0 -1`);
  const block = Object.entries(environment)
    .map(([name, value]) => `${name}=${value}\0`)
    .join('');
  writeFileSync(path.join(proc, String(pid), 'environ'), block);
}

const NPM = process.pid + 1;
const SHELL = process.pid + 2;
beforeEach(() => {
  proc = mkdtempSync(path.join(os.tmpdir(), 'flue-proc-'));
});
afterEach(() => rmSync(proc, { recursive: true, force: true }));

describe.runIf(process.platform === 'linux')('findExposedSecret on Linux reads the environment blocks', () => {
  test('none holds a secret: no exposure', () => {
    processEntry(process.pid, NPM, 'node', { PATH: '/usr/bin', FLUE_ACTION_ENV_HANDOFF: '/tmp/flue-env-1/env.json' });
    processEntry(NPM, SHELL, 'npm exec) x', { PATH: '/usr/bin' });
    processEntry(SHELL, 1, 'bash', { PATH: '/usr/bin' });
    processEntry(1, 0, 'init', {});
    expect(findExposedSecret([KEY, JOB_TOKEN, 'short'], proc)).toBeUndefined();
  });

  test("this process's own block holds one (Node without process.execve)", () => {
    processEntry(process.pid, NPM, 'MainThread', { PATH: '/usr/bin', ANTHROPIC_API_KEY: KEY });
    symlinkSync('/opt/node/bin/node', path.join(proc, String(process.pid), 'exe'));
    expect(findExposedSecret([KEY], proc)).toEqual({ pid: process.pid, command: 'node', variable: 'ANTHROPIC_API_KEY', self: true });
  });

  test('an ancestor holds one inside a longer value (npx, a GitLab job shell)', () => {
    processEntry(process.pid, NPM, 'node', { PATH: '/usr/bin' });
    processEntry(NPM, SHELL, 'npm exec) x', { PATH: '/usr/bin' });
    processEntry(SHELL, 1, 'bash', { CI_REPOSITORY_URL: `https://gitlab-ci-token:${JOB_TOKEN}@gitlab.com/g/p.git` });
    // The program's name comes from its executable where that can be read, never from its arguments.
    symlinkSync('/usr/bin/bash', path.join(proc, String(SHELL), 'exe'));
    const exposure = findExposedSecret([JOB_TOKEN], proc);
    expect(exposure).toEqual({ pid: SHELL, command: 'bash', variable: 'CI_REPOSITORY_URL', self: false });
    expect(() => refuseCommandsWhereSecretsAreReadable('build', [JOB_TOKEN], proc)).toThrow(
      `Agent 'build' lists commands:, but process ${SHELL} (bash), which started flue-action, holds CI_REPOSITORY_URL in its environment, ` +
        `where any command could read it (/proc/${SHELL}/environ). Start flue-action without npx or npm run, replacing the shell ` +
        '(exec node_modules/.bin/flue-action run ...), or remove commands: from the agent.',
    );
  });

  test('a block it cannot read is skipped: a command of the same user cannot read it either', () => {
    processEntry(process.pid, NPM, 'node', { PATH: '/usr/bin' });
    processEntry(NPM, 1, 'sudo', {});
    rmSync(path.join(proc, String(NPM), 'environ'));
    expect(findExposedSecret([KEY], proc)).toBeUndefined();
  });
});

describe('the refusal names the fix for each runtime', () => {
  test('Node without process.execve, Windows, and a process started without its entry file', () => {
    const exposure = { pid: 42, command: 'node', variable: 'ANTHROPIC_API_KEY', self: true };
    const message = exposureMessage('build', exposure);
    const start = "Agent 'build' lists commands:, but this process's environment holds ANTHROPIC_API_KEY, which any command it starts could read: ";
    if (process.platform === 'win32') {
      expect(message).toBe(
        `${start}Windows has no process.execve to restart without it. Run this agent on a Linux or macOS runner, or remove commands: from the agent.`,
      );
    } else if (typeof process.execve !== 'function') {
      expect(message).toBe(
        `${start}Node ${process.version} cannot restart without it (process.execve). Run on Node >= 22.15 (the action runs on node24), or remove commands: from the agent.`,
      );
    } else {
      expect(message).toBe(
        `${start}flue-action did not restart without it. Start it through its entry files (dist/cli.js, dist/index.js), or remove commands: from the agent.`,
      );
    }
  });
});
