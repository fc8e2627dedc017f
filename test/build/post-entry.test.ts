// dist/post.js, the action's post step (`post-if: always()`), runs after every job's main step. Most
// of the time main finished everything and the post step has nothing to do: it must then exit without
// loading core.js, which is most of a step's start-up. When main left work (its log not handled, its
// progress comment still "working"), the post step loads the runner and does it.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { STATE } from '../../src/action/state.js';
import { requireCurrentDist } from '../action/built.js';

const POST = fileURLToPath(new URL('../../dist/post.js', import.meta.url));
const PROBE = pathToFileURL(fileURLToPath(new URL('./start-up-probe.mjs', import.meta.url))).href;

let dir: string;
beforeAll(() => {
  requireCurrentDist();
  dir = mkdtempSync(path.join(tmpdir(), 'flue-post-entry-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs dist/post.js with the main step's saved state; returns its output and the dist/ files it loaded. */
function post(name: string, state: Record<string, string>) {
  const log = path.join(dir, `${name}.log`);
  const env: Record<string, string> = { PATH: process.env.PATH ?? '', NODE_OPTIONS: `--import=${PROBE}?log=${encodeURIComponent(log)}` };
  for (const [key, value] of Object.entries(state)) env[`STATE_${key}`] = value;
  const result = spawnSync(process.execPath, [POST], { env, encoding: 'utf8' });
  const loaded = readFileSync(log, 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('load ') && line.includes('/dist/'))
    .map((line) => line.slice(line.lastIndexOf('/dist/') + 1));
  return { code: result.status, stdout: result.stdout, stderr: result.stderr, loaded };
}

describe('dist/post.js', () => {
  test('main finished its log and its comment: the step exits at once, without loading core.js', () => {
    const run = post('finished', { [STATE.finished]: 'true', [STATE.progressComment]: '' });
    expect({ code: run.code, stdout: run.stdout, stderr: run.stderr }).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(run.loaded).toContain('dist/post.js');
    // The entry and the environment hand-off before it, nothing of the bundle.
    expect(run.loaded.filter((file) => file !== 'dist/post.js' && !file.startsWith('dist/secrets/'))).toEqual([]);
  });

  test('main left its progress comment working: the runner loads to finish it', () => {
    const run = post('comment-left', { [STATE.finished]: 'true', [STATE.progressComment]: 'not-a-handle' });
    expect(run.code).toBe(0);
    expect(run.loaded).toContain('dist/core.js');
  });

  test('main never handled its log (killed, cancelled): the runner loads to upload it', () => {
    const run = post('log-left', {});
    expect(run.code).toBe(0);
    expect(run.loaded).toContain('dist/core.js');
  });
});
