// The published package: `npm pack` gives a tarball that `npx <tarball> run ...` runs in an empty
// folder with no registry at all (GitLab jobs and local users reach the CLI this way).
import { execFile } from 'node:child_process';
import { cpSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv, makeTempDir, removeTempDirs, requireBuiltCli, ROOT, TRIAGE } from './helpers.js';

const exec = promisify(execFile);

interface PackResult {
  filename: string;
  /** Bytes of the tarball. */
  size: number;
  files: Array<{ path: string }>;
}

/**
 * What `npm install flue-action@1` downloads in every GitLab job, before the job can start: 1.86 MB when
 * this was set (the Actions artifact client's chunk alone is 1.8 MB unpacked), so a tenth of headroom;
 * raised once to 2.2 MB (2.08 MB packed then) for undici's proxy dispatcher (a 400 KB chunk, loaded only
 * behind a proxy), change sets and read-only git, and the ready-made agents in templates/agents/.
 */
const TARBALL_BUDGET_BYTES = 2_200_000;

let tarball: string;
let tarballBytes: number;
let packed: string[];

beforeAll(async () => {
  requireBuiltCli();
  const destination = await makeTempDir({}, 'flue-pack-');
  const { stdout } = await exec('npm', ['pack', '--json', '--pack-destination', destination], {
    cwd: ROOT,
    env: { ...cleanEnv(), npm_config_update_notifier: 'false' },
  });
  const [result] = JSON.parse(stdout) as PackResult[];
  tarball = path.join(destination, result?.filename as string);
  packed = (result?.files ?? []).map((file) => file.path).sort();
  tarballBytes = result?.size ?? Number.NaN;
}, 60_000);
afterAll(removeTempDirs);

describe('npm pack', () => {
  it('holds the built CLI and the bundle, and no sources, tests or node_modules', () => {
    expect(packed).toEqual(expect.arrayContaining(['package.json', 'LICENSE', 'dist/cli.js', 'dist/core.js', 'dist/lib.js', 'dist/valibot.js']));
    expect(packed.filter((file) => /^(src|test|node_modules|examples|scripts|bench|\.node24)\//.test(file))).toEqual([]);
    expect(packed.filter((file) => file.includes('node_modules/'))).toEqual([]);
  });

  it('holds only what runs and what npm shows: dist/, the templates, the action metadata, the docs', () => {
    const shipped = /^(dist\/|templates\/|package\.json$|README\.md$|CHANGELOG\.md$|LICENSE$|action\.yml$)/;
    expect(packed.filter((file) => !shipped.test(file))).toEqual([]);
    // The build's record of its inputs is for this repository's tests, not for users.
    expect(packed).not.toContain('dist/build-inputs.sha256');
  });

  it(`stays under ${TARBALL_BUDGET_BYTES.toLocaleString('en')} bytes, the download every npx run starts with`, () => {
    expect(tarballBytes).toBeGreaterThan(0);
    expect(tarballBytes).toBeLessThan(TARBALL_BUDGET_BYTES);
  });

  it('declares no runtime dependency: everything the CLI loads is in dist/', () => {
    const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Record<string, unknown>;
    expect(manifest.dependencies).toBeUndefined();
    expect(manifest.bin).toEqual({ 'flue-action': 'dist/cli.js' });
    // Every chunk the bundle loads ships: ncc writes them next to core.js.
    const chunks = readdirSync(path.join(ROOT, 'dist')).filter((name) => name.endsWith('.js'));
    expect(packed).toEqual(expect.arrayContaining(chunks.map((name) => `dist/${name}`)));
  });
});

describe('npx <tarball> in an empty folder', () => {
  it('runs the offline demo without the registry, and leaves the folder empty', async () => {
    const empty = await makeTempDir({}, 'flue-empty-');
    const repo = path.join(await makeTempDir({}, 'flue-demo-'), 'triage');
    cpSync(TRIAGE, repo, { recursive: true });
    const logs = await makeTempDir({}, 'flue-logs-');
    const env = cleanEnv({
      // A fresh cache and a registry nobody listens on: any lookup npx tried would fail the run.
      npm_config_cache: await makeTempDir({}, 'flue-npm-cache-'),
      npm_config_registry: 'http://127.0.0.1:9/',
      npm_config_update_notifier: 'false',
      npm_config_audit: 'false',
      npm_config_fund: 'false',
    });
    // Relative on purpose: npm 11 runs an *absolute* path given to npx as a command (libnpmexec looks
    // for it as a file in node_modules/.bin, and resolve() keeps an absolute path as it is).
    const spec = path.relative(empty, tarball);
    const args = ['--yes', spec, 'run', 'triage', '--cwd', repo, '--event', path.join(repo, 'event.json'), '--dry-run', '--log-dir', logs];
    const { stdout, stderr } = await exec('npx', args, { cwd: empty, env, timeout: 60_000 });

    const finish = readFileSync(path.join(TRIAGE, '.flue/scripted/triage.jsonl'), 'utf8')
      .split('\n')
      .filter((line) => line.includes('"name": "finish"'))
      .map((line) => (JSON.parse(line) as { content: Array<{ input: unknown }> }).content[0]?.input)[0];
    expect(stdout).toBe(`${JSON.stringify(finish, null, 2)}\n`);
    expect(stderr).toContain('\nOutputs (dry run: nothing was posted):\n  add labels: documentation, good first issue\n');
    expect(readdirSync(logs).sort()).toEqual([
      expect.stringMatching(/^triage-.*\.html$/) as unknown,
      expect.stringMatching(/^triage-.*\.jsonl$/) as unknown,
    ]);
    expect(readdirSync(empty)).toEqual([]);
  }, 60_000);
});
