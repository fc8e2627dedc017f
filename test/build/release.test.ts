// The release workflow publishes to npm, which GitLab jobs and local users reach with `npx flue-action@1`.
// Its publish step runs here as the runner runs it, with `npm` replaced by a recorder on PATH: what it
// would publish, under which dist-tag and repository, and that a re-run skips a version npm already has.
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { jobSteps, readWorkflow, type Step } from './workflow.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const workflow = readWorkflow(path.join(ROOT, '.github/workflows/release.yml'));
const steps = jobSteps(workflow, 'release');
const version = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'flue-release-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function stepNamed(name: string): Step {
  const step = steps.find((candidate) => candidate.where.endsWith(`(${name})`));
  if (!step) throw new Error(`release.yml has no step '${name}'`);
  return step;
}

// Stands in for npm: `view` answers from FAKE_NPM_PUBLISHED, `publish` is recorded, `pkg` is the real npm.
const RECORDER = `const { appendFileSync } = require('node:fs');
const { execFileSync } = require('node:child_process');
const args = process.argv.slice(2);
appendFileSync(process.env.FAKE_NPM_LOG, JSON.stringify(args) + '\\n');
if (args[0] === 'view') {
  const published = (process.env.FAKE_NPM_PUBLISHED || '').split(',');
  const wanted = args[1].split('@')[1];
  if (published.includes(wanted)) console.log(wanted); else { console.error('E404'); process.exit(1); }
} else if (args[0] === 'pkg') {
  execFileSync(process.env.REAL_NPM, args, { stdio: 'inherit' });
}
`;

/** Runs the publish step in a copy of package.json; returns the npm calls and the package.json it left. */
function publish(tag: string, published: string[]) {
  const work = mkdtempSync(path.join(dir, 'step-'));
  const bin = path.join(work, 'bin');
  mkdirSync(bin);
  // CommonJS by its name: the package.json beside it says `"type": "module"`.
  writeFileSync(path.join(bin, 'recorder.cjs'), RECORDER);
  writeFileSync(path.join(bin, 'npm'), '#!/usr/bin/env bash\nexec node "$(dirname "$0")/recorder.cjs" "$@"\n');
  chmodSync(path.join(bin, 'npm'), 0o755);
  copyFileSync(path.join(ROOT, 'package.json'), path.join(work, 'package.json'));
  const log = path.join(work, 'npm.log');
  writeFileSync(log, '');
  const step = stepNamed('Publish to npm, with provenance');
  const realNpm = execFileSync('bash', ['-c', 'command -v npm'], { encoding: 'utf8' }).trim();
  const stdout = execFileSync('bash', ['-e', '-c', step.run ?? ''], {
    cwd: work,
    encoding: 'utf8',
    env: {
      PATH: `${bin}:${process.env.PATH}`,
      HOME: work,
      GITHUB_REF_NAME: tag,
      GITHUB_REPOSITORY: 'octo-org/flue-action',
      NODE_AUTH_TOKEN: '',
      FAKE_NPM_LOG: log,
      FAKE_NPM_PUBLISHED: published.join(','),
      REAL_NPM: realNpm,
    },
  });
  const calls = readFileSync(log, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as string[]);
  const manifest = JSON.parse(readFileSync(path.join(work, 'package.json'), 'utf8')) as Record<string, unknown>;
  return { stdout, calls, manifest };
}

describe('release.yml', () => {
  test('the job may sign provenance (id-token) and write the release, and setup-node points npm at the registry', () => {
    // No job-level permissions: they would replace the workflow's.
    expect((workflow.jobs.release as { permissions?: unknown }).permissions).toBeUndefined();
    expect(workflow.text).toMatch(/^permissions:\n {2}contents: write\n {2}id-token: write\n/m);
    const setup = steps.find((step) => step.uses?.startsWith('actions/setup-node@'));
    expect(setup?.with['registry-url']).toBe('https://registry.npmjs.org');
  });

  test('npm publish comes after every check and before the GitHub release and the major tag', () => {
    const order = (predicate: (step: Step) => boolean) => steps.findIndex(predicate);
    const publishAt = order((step) => step.where.endsWith('(Publish to npm, with provenance)'));
    expect(publishAt).toBeGreaterThan(order((step) => step.run === 'npm test'));
    expect(publishAt).toBeGreaterThan(order((step) => step.where.endsWith('(dist/ is current)')));
    expect(publishAt).toBeGreaterThan(order((step) => step.where.endsWith('(The tag matches package.json)')));
    expect(publishAt).toBeLessThan(order((step) => step.where.endsWith('(Publish the GitHub release)')));
    expect(publishAt).toBeLessThan(order((step) => step.where.endsWith('(Move the major tag)')));
  });

  test('a release tag publishes as latest, with provenance, naming the repository it came from', () => {
    const { calls, manifest } = publish(`v${version}`, []);
    expect(calls).toEqual([
      ['view', `flue-action@${version}`, 'version'],
      ['pkg', 'set', 'repository.type=git', 'repository.url=git+https://github.com/octo-org/flue-action.git'],
      ['publish', '--provenance', '--access', 'public', '--tag', 'latest'],
    ]);
    expect(manifest.repository).toEqual({ type: 'git', url: 'git+https://github.com/octo-org/flue-action.git' });
  });

  test('a prerelease tag publishes as next, so `npx flue-action@1` never runs it', () => {
    const { calls } = publish(`v${version}-rc.1`, []);
    expect(calls.at(-1)).toEqual(['publish', '--provenance', '--access', 'public', '--tag', 'next']);
  });

  test('a re-run after a later step failed skips the version npm already has', () => {
    const { calls, stdout } = publish(`v${version}`, [version]);
    expect(calls).toEqual([['view', `flue-action@${version}`, 'version']]);
    expect(stdout).toBe(`flue-action@${version} is on npm already.\n`);
  });
});
