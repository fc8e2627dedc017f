// The published package: `npm pack` gives a tarball that `npx <tarball> run ...` runs in an empty
// folder with no registry at all (GitLab jobs and local users reach the CLI this way). What the installed
// package runs is test/cli/package-installed.test.ts.
import { execFile } from 'node:child_process';
import { cpSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actionOnlyFiles } from '../../scripts/npm-files.mjs';
import { cleanEnv, makeTempDir, removeTempDirs, requireBuiltCli, ROOT, TRIAGE } from './helpers.js';
import { offlineNpm, packRepository, type Packed } from './pack.js';

const exec = promisify(execFile);

/**
 * What `npm install flue-action@1` downloads in every GitLab job, before the job can start: 1.86 MB when
 * this was set (the Actions artifact client's chunk alone is 1.8 MB unpacked), so a tenth of headroom;
 * raised once to 2.2 MB (2.08 MB packed then) for undici's proxy dispatcher (a 400 KB chunk, loaded only
 * behind a proxy), change sets and read-only git, and the ready-made agents in templates/agents/.
 * Lowered to 1.5 MB when the package left out what only the GitHub Action loads (dist/.npmignore, from
 * scripts/npm-files.mjs): the artifact client and Octokit, 2.45 MB unpacked. 2,087,029 bytes packed
 * (7,502,351 unpacked) before, 1,388,142 (5,049,747) after, so some 8% of headroom.
 */
const TARBALL_BUDGET_BYTES = 1_500_000;

/** Text only these dist/ files hold: the Actions artifact client's RPC service, Octokit's user agent. */
const ACTION_ONLY_MARKERS = {
  'the Actions artifact client': 'github.actions.results.api.v1.ArtifactService',
  Octokit: 'octokit-rest.js/',
};

let pack: Packed;
let tarball: string;
let tarballBytes: number;
let packed: string[];

beforeAll(async () => {
  requireBuiltCli();
  pack = await packRepository();
  ({ tarball, size: tarballBytes, files: packed } = pack);
}, 60_000);
afterAll(removeTempDirs);

describe('npm pack', () => {
  it('holds the built CLI and the bundle, and no sources, tests or node_modules', () => {
    expect(packed).toEqual(expect.arrayContaining(['package.json', 'LICENSE', 'dist/cli.js', 'dist/core.js', 'dist/lib.js', 'dist/valibot.js']));
    expect(packed.filter((file) => /^(src|test|node_modules|examples|scripts|bench|\.node24)\//.test(file))).toEqual([]);
    expect(packed.filter((file) => file.includes('node_modules/'))).toEqual([]);
  });

  it('holds only what runs and what npm shows: dist/, the templates, the docs', () => {
    const shipped = /^(dist\/|templates\/|package\.json$|README\.md$|CHANGELOG\.md$|LICENSE$)/;
    expect(packed.filter((file) => !shipped.test(file))).toEqual([]);
    // action.yml describes dist/index.js, which npm leaves out: the Action runs from the repository.
    expect(packed).not.toContain('action.yml');
    // The build's record of its inputs is for this repository's tests, not for users.
    expect(packed).not.toContain('dist/build-inputs.sha256');
  });

  it(`stays under ${TARBALL_BUDGET_BYTES.toLocaleString('en')} bytes, the download every npx run starts with`, () => {
    expect(tarballBytes).toBeGreaterThan(0);
    expect(tarballBytes, `${tarballBytes} bytes packed, ${pack.unpackedSize} unpacked`).toBeLessThan(TARBALL_BUDGET_BYTES);
  });

  it('declares no runtime dependency: everything the CLI loads is in dist/', () => {
    const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Record<string, unknown>;
    expect(manifest.dependencies).toBeUndefined();
    expect(manifest.bin).toEqual({ 'flue-action': 'dist/cli.js' });
    // Every file of dist/ ships but what only the GitHub Action loads (dist/.npmignore).
    const actionOnly = actionOnlyFiles(path.join(ROOT, 'dist'));
    const files = readdirSync(path.join(ROOT, 'dist'), { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => path.relative(ROOT, path.join(entry.parentPath, entry.name)));
    const shipped = files.filter(
      (file) => !actionOnly.includes(path.relative('dist', file)) && !/^dist\/(build-inputs\.sha256|\.npmignore)$/.test(file),
    );
    expect(packed).toEqual(expect.arrayContaining(shipped));
    expect(packed.filter((file) => file.startsWith('dist/')).sort()).toEqual(shipped.sort());
  });

  it('leaves out what only the GitHub Action loads: its entries, the artifact client, Octokit', () => {
    expect(packed).not.toContain('dist/index.js');
    expect(packed).not.toContain('dist/post.js');
    for (const [name, marker] of Object.entries(ACTION_ONLY_MARKERS)) {
      const files = readdirSync(path.join(ROOT, 'dist')).filter(
        (file) => file.endsWith('.js') && readFileSync(path.join(ROOT, 'dist', file), 'utf8').includes(marker),
      );
      expect(files, `no file of dist/ holds '${marker}': find a new marker for ${name}`).not.toEqual([]);
      for (const file of files) expect(packed, `${name} (${file})`).not.toContain(`dist/${file}`);
    }
  });
});

describe('npx <tarball> in an empty folder', () => {
  it('runs the offline demo without the registry, and leaves the folder empty', async () => {
    const empty = await makeTempDir({}, 'flue-empty-');
    const repo = path.join(await makeTempDir({}, 'flue-demo-'), 'triage');
    cpSync(TRIAGE, repo, { recursive: true });
    const logs = await makeTempDir({}, 'flue-logs-');
    // A fresh cache and a registry nobody listens on: any lookup npx tried would fail the run.
    const env = cleanEnv(await offlineNpm());
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
