// dist/.npmignore: the files only the GitHub Action loads, which the npm package leaves out
// (scripts/npm-files.mjs). First on small made-up bundles shaped like ncc's minified output, one rule
// each; then on the built dist/, where the Actions artifact client and Octokit must be the ones left out.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { actionOnlyFiles, NPM_IGNORE_FILE, writeNpmIgnore } from '../../scripts/npm-files.mjs';
import { requireBuiltCli, ROOT } from '../cli/helpers.js';

const made: string[] = [];
afterAll(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const RUNTIME = '(()=>{__nccwpck_require__.u=e=>{return``+e+`.index.js`}})();';
/** src/bundle.ts's two imports of the action, as the build minifies them. */
const load = (chunks: number[], module: number) =>
  chunks.length === 1
    ? `__nccwpck_require__.e(${chunks[0]}).then(__nccwpck_require__.bind(__nccwpck_require__,${module}))`
    : `Promise.all([${chunks.map((id) => `__nccwpck_require__.e(${id})`).join(',')}]).then(__nccwpck_require__.bind(__nccwpck_require__,${module}))`;
const actionImports = (main: number[], post: number[]) =>
  `const runAction=async e=>(await ${load(main, 1)}).runAction(e);const runActionPost=async e=>(await ${load(post, 2)}).runActionPost(e);`;
const chunk = (id: number, body = '') => `export const id=${id};export const ids=[${id}];export const modules={${id}:((e,t,n)=>{${body}})};`;

/** A dist/ of `files` (name to content): core.js is the runtime, `core` and the action's imports. */
function bundle(core: string, chunks: Record<number, string>, imports = actionImports([10], [11])): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'flue-npm-files-'));
  made.push(dir);
  writeFileSync(path.join(dir, 'core.js'), `var t={5:(e,t,n)=>{}};${RUNTIME}${core}${imports}`);
  for (const [id, body] of Object.entries(chunks)) writeFileSync(path.join(dir, `${id}.index.js`), chunk(Number(id), body));
  for (const name of ['index.js', 'post.js', 'cli.js', 'lib.js', 'worker.js', 'licenses.txt']) writeFileSync(path.join(dir, name), '');
  return dir;
}

describe('the files only the action loads', () => {
  it('are the chunks its imports load, all the way down, and the action entries; never a file anything else loads', () => {
    const dist = bundle(
      // The CLI's part of core.js loads 20 and 22; 20 loads 21.
      'async function view(){await __nccwpck_require__.e(20);await __nccwpck_require__.e(22)}',
      {
        10: 'n.e(12)', // the action's main, which loads 12, which loads 13
        11: '',
        12: 'await n.e(13).then(n.bind(n,13))',
        13: '',
        20: 'n.e(21)',
        21: '',
        22: 'n.e(13)', // the CLI reaches 13 too: it stays
        30: '', // loaded by nothing that can be seen: it stays
      },
    );
    expect(actionOnlyFiles(dist)).toEqual(['10.index.js', '11.index.js', '12.index.js', 'index.js', 'post.js']);
  });

  it('reads chunk ids the minifier writes in exponent form (1e3 for 1000)', () => {
    const dist = bundle('async function f(){await __nccwpck_require__.e(2e3)}', { 1000: '', 2000: '', 11: '' }, actionImports([1000, 2000], [11]));
    expect(actionOnlyFiles(dist)).toEqual(['1000.index.js', '11.index.js', 'index.js', 'post.js']);
  });

  it('keep a chunk that merely looks loaded from the CLI: .e(<id>) of any object, even in a string', () => {
    const dist = bundle('const s=`x.e(10)`;', { 10: '', 11: '' });
    expect(actionOnlyFiles(dist)).toEqual(['11.index.js', 'index.js', 'post.js']);
  });

  it('stop the build when core.js does not import runAction exactly once, naming the function and the files', () => {
    const none = bundle('', { 10: '', 11: '' }, `const runActionPost=async e=>(await ${load([11], 2)}).runActionPost(e);`);
    expect(() => actionOnlyFiles(none)).toThrow(
      "build: dist/core.js imports the action's runAction 0 times, not once: see src/bundle.ts and scripts/npm-files.mjs",
    );
    const twice = bundle(`const again=async e=>(await ${load([10], 1)}).runAction(e);`, { 10: '', 11: '' });
    expect(() => actionOnlyFiles(twice)).toThrow("build: dist/core.js imports the action's runAction 2 times, not once");
  });

  it('stop the build when a file loads chunks by a variable, which a scan of the text cannot follow', () => {
    const dist = bundle('', { 10: '', 11: '', 12: 'return Promise.all(r.slice(1).map(n.e)).then(()=>n(r[0]))' });
    expect(() => actionOnlyFiles(dist)).toThrow(
      'build: dist/12.index.js loads chunks by a variable (an import() of an expression?): scripts/npm-files.mjs cannot tell which',
    );
  });

  it('stop the build when a chunk is not the one its name says, or core.js names chunks another way', () => {
    const misnamed = bundle('', { 10: '', 11: '' });
    writeFileSync(path.join(misnamed, '12.index.js'), chunk(13));
    expect(() => actionOnlyFiles(misnamed)).toThrow("build: dist/12.index.js does not start with 'export const id=12;'");
    const renamed = bundle('', { 10: '', 11: '' });
    const core = path.join(renamed, 'core.js');
    writeFileSync(core, readFileSync(core, 'utf8').replace('+`.index.js`', '+`.chunk.js`'));
    expect(() => actionOnlyFiles(renamed)).toThrow("build: dist/core.js no longer names its chunks '<id>.index.js'");
  });

  it('are written to dist/.npmignore under a header, one anchored path a line', () => {
    const dist = bundle('', { 10: '', 11: '' });
    expect(writeNpmIgnore(dist)).toEqual(['10.index.js', '11.index.js', 'index.js', 'post.js']);
    const lines = readFileSync(path.join(dist, NPM_IGNORE_FILE), 'utf8').split('\n');
    expect(lines[0]).toBe('# Generated by scripts/build.mjs (scripts/npm-files.mjs). Do not edit.');
    expect(lines.filter((line) => !line.startsWith('#'))).toEqual(['/10.index.js', '/11.index.js', '/index.js', '/post.js', '']);
  });
});

describe('the built dist/', () => {
  const DIST = path.join(ROOT, 'dist');
  const holding = (marker: string) => {
    const files = readdirSync(DIST).filter((name) => name.endsWith('.js') && readFileSync(path.join(DIST, name), 'utf8').includes(marker));
    if (files.length === 0) throw new Error(`no file of dist/ holds '${marker}': find a new marker`);
    return files;
  };

  it('lists in dist/.npmignore what the build computes from dist/ as it is', () => {
    requireBuiltCli();
    const listed = readFileSync(path.join(DIST, NPM_IGNORE_FILE), 'utf8')
      .split('\n')
      .filter((line) => line !== '' && !line.startsWith('#'));
    expect(listed).toEqual(actionOnlyFiles(DIST).map((file) => `/${file}`));
  });

  it('leaves out the Actions artifact client and Octokit, and keeps every file the action loads in dist/', () => {
    requireBuiltCli();
    const leftOut = actionOnlyFiles(DIST);
    // The artifact client's RPC service name, and Octokit's user agent.
    for (const marker of ['github.actions.results.api.v1.ArtifactService', 'octokit-rest.js/']) {
      expect(leftOut).toEqual(expect.arrayContaining(holding(marker)));
    }
    // Left out of the package, not out of dist/: the action runs from the repository.
    for (const file of leftOut) expect(existsSync(path.join(DIST, file)), file).toBe(true);
    // What the CLI loads at start-up stays in.
    for (const file of ['cli.js', 'core.js', 'lib.js', 'valibot.js', 'worker.js', 'licenses.txt', 'lib.d.ts']) expect(leftOut).not.toContain(file);
    for (const file of holding('(just-bash) #1 SMP')) expect(leftOut).not.toContain(file);
  });
});
