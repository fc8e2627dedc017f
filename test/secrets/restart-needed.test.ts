import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { checkoutRoot, restartDecision } from '../../src/secrets/restart-needed.js';

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function checkout(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'flue-restart-'));
  made.push(root);
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), content);
  }
  return root;
}

describe('restartDecision', () => {
  test.each([
    ['a markdown agent declares commands', '.flue/agents/test.md', '---\ndescription: x\ncommands: [npm test]\n---\n'],
    ['a code agent (its custom tools may spawn)', '.flue/agents/review.mjs', "export default { description: 'x' };\n"],
    ['a module a code agent imports', '.flue/lib/shared.ts', 'export const base = {};\n'],
    ['a skill declares commands', '.flue/skills/s/SKILL.md', '---\nname: s\n---\ncommands: [make]\n'],
  ])('restarts when %s', (_what, file, content) => {
    const root = checkout({ [file]: content, '.flue/agents/other.md': '---\ndescription: y\n---\n' });
    expect(restartDecision(root)).toEqual({ restart: true, reason: `${path.join(root, file)} may start processes` });
  });

  test('does not restart for markdown agents without commands (prose that names them does not count)', () => {
    const root = checkout({ '.flue/agents/triage.md': '---\ndescription: x\n---\nRun the commands in the README.\n' });
    expect(restartDecision(root)).toEqual({ restart: false, reason: `no file under ${root}/.flue declares commands or is code` });
  });

  test('does not restart without a .flue folder; restarts when one file is too large to judge', () => {
    expect(restartDecision(checkout({ 'README.md': 'x' })).restart).toBe(false);
    const root = checkout({ '.flue/agents/big.md': 'x'.repeat(1_000_001) });
    expect(restartDecision(root)).toEqual({ restart: true, reason: `${root}/.flue could not be read whole` });
  });
});

describe('checkoutRoot', () => {
  test("the action's workspace and working-directory; the CLI's --cwd in either spelling", () => {
    expect(checkoutRoot('action', { GITHUB_WORKSPACE: '/w', 'INPUT_WORKING-DIRECTORY': 'sub' }, [], '/cwd')).toBe('/w/sub');
    expect(checkoutRoot('action', {}, [], '/cwd')).toBe('/cwd');
    expect(checkoutRoot('cli', {}, ['run', 'triage', '--cwd', 'repo'], '/cwd')).toBe('/cwd/repo');
    expect(checkoutRoot('cli', {}, ['run', '--cwd=/abs', 'triage'], '/cwd')).toBe('/abs');
    expect(checkoutRoot('cli', {}, ['run', 'triage'], '/cwd')).toBe('/cwd');
  });
});
