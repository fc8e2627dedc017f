import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { takeHandoff, writeHandoff } from '../../src/secrets/handoff.js';

let parent: string;
beforeEach(() => {
  parent = mkdtempSync(path.join(os.tmpdir(), 'flue-handoff-test-'));
});
afterEach(() => rmSync(parent, { recursive: true, force: true }));

describe('the handoff file', () => {
  test('is private (0600 in a 0700 folder), and gone with its folder once taken', () => {
    const file = writeHandoff({ ACTIONS_RUNTIME_TOKEN: 'eyJ.runtime', 'INPUT_GITHUB-TOKEN': 'ghs_token' }, parent);
    expect(path.basename(file)).toBe('env.json');
    if (process.platform !== 'win32') {
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
    }
    const taken = takeHandoff(file);
    expect(Object.getPrototypeOf(taken)).toBe(null);
    expect({ ...taken }).toEqual({ ACTIONS_RUNTIME_TOKEN: 'eyJ.runtime', 'INPUT_GITHUB-TOKEN': 'ghs_token' });
    expect(existsSync(file)).toBe(false);
    expect(readdirSync(parent)).toEqual([]);
  });

  test('a file flue-action did not write is refused and left alone', () => {
    const file = path.join(parent, 'notes.json');
    writeFileSync(file, '{}');
    expect(() => takeHandoff(file)).toThrow(
      `flue-action: cannot read the environment handed over when it restarted (FLUE_ACTION_ENV_HANDOFF=${file}): not a file flue-action wrote. ` +
        'Unset FLUE_ACTION_ENV_HANDOFF; flue-action sets it itself.',
    );
    expect(existsSync(file)).toBe(true);
  });

  test.skipIf(process.platform === 'win32')('a handoff-named file others can read is refused', () => {
    mkdirSync(path.join(parent, 'flue-env-x'));
    const file = path.join(parent, 'flue-env-x', 'env.json');
    writeFileSync(file, '{}', { mode: 0o644 });
    expect(() => takeHandoff(file)).toThrow(/: not a private regular file\. Unset FLUE_ACTION_ENV_HANDOFF/);
    expect(existsSync(file)).toBe(true);
  });
});
