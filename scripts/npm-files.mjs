// Which files of dist/ the npm package leaves out, written as dist/.npmignore by scripts/build.mjs.
//
// npm runs the CLI (dist/cli.js) and users' TS agents (dist/lib.js, dist/valibot.js); the GitHub Action
// runs dist/index.js and dist/post.js from the repository, never from npm. Every entry loads one bundle,
// dist/core.js, and core.js loads its chunks (`<id>.index.js`) through ncc's chunk loader, `R.e(<id>)`
// (R is the bundle's require), always with the id written out. The action's code comes in through the
// two dynamic imports of src/bundle.ts, `(await <load>).runAction(...)` and `.runActionPost(...)`.
//
// A chunk is left out when those two imports load it, directly or through the chunks they load, and
// nothing else in core.js or in the chunks that the rest of core.js loads does: the Actions artifact
// client (1.8 MB) and Octokit among them, which every `npx flue-action` in a GitLab job would download
// for nothing. Text that merely looks like a load (`.e(12)` of another object, in a string) keeps a
// chunk, never leaves one out, and so does a chunk nothing loads by its id. Files that are not chunks
// (secrets/, worker.js, the types, the licences) always stay; the action's two entries go.
//
// Text, not a parse: parsing dist/ takes some 6 s, scanning it 0.1 s. Each assumption about ncc's
// output is checked, and a failed one stops the build rather than guessing (test/build/npm-files.test.ts).
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The file npm reads in dist/: it honours a .npmignore below the package root beside "files". */
export const NPM_IGNORE_FILE = '.npmignore';

/** The entry files only the GitHub Action runs. */
const ACTION_ENTRIES = ['index.js', 'post.js'];

/** The exports of src/action/main.ts and src/action/post.ts that src/bundle.ts imports and calls. */
const ACTION_CALLS = ['runAction', 'runActionPost'];

const CHUNK_FILE = /^(\d+)\.index\.js$/;

/** `R.e(<id>)`: a chunk load; oxc-minify writes 1000 as 1e3. */
const CHUNK_LOAD = /\.e\((\d+(?:e\d+)?)\)/g;

/**
 * webpack's `import(<expression>)`: a map of requests to chunk ids, loaded with `ids.map(R.e)`. Its ids
 * are not written beside `.e(`, so this scan cannot follow it.
 */
const LOAD_BY_VARIABLE = /\.map\([\w$]+\.e\)/;

/**
 * One of src/bundle.ts's imports of the action, minified by scripts/build.mjs (core.js keeps names):
 * `(await Promise.all([R.e(1),R.e(2)]).then(R.bind(R,3))).runAction(` or with a single `R.e(1)`.
 */
const ACTION_IMPORT =
  /\(await ((?:Promise\.all\(\[[^\]]*\]\)|__nccwpck_require__\.e\(\d+\))\.then\(__nccwpck_require__\.bind\(__nccwpck_require__,\d+\)\))\)\.([\w$]+)\(/dg;

/** The files of `dist` (names relative to it, sorted) that no npm entry loads. */
export function actionOnlyFiles(dist) {
  const chunks = new Map();
  for (const name of readdirSync(dist)) {
    const id = CHUNK_FILE.exec(name)?.[1];
    if (id === undefined) continue;
    const text = readFileSync(join(dist, name), 'utf8');
    // The loader finds a chunk by its id: the file must be the chunk it is named after.
    if (!text.startsWith(`export const id=${id};`)) {
      throw new Error(`build: dist/${name} does not start with 'export const id=${id};': see scripts/npm-files.mjs`);
    }
    chunks.set(Number(id), { name, text });
  }
  const core = readFileSync(join(dist, 'core.js'), 'utf8');
  if (!core.includes('+`.index.js`')) throw new Error("build: dist/core.js no longer names its chunks '<id>.index.js': see scripts/npm-files.mjs");
  for (const [name, text] of [['core.js', core], ...[...chunks.values()].map((chunk) => [chunk.name, chunk.text])]) {
    if (LOAD_BY_VARIABLE.test(text)) {
      throw new Error(`build: dist/${name} loads chunks by a variable (an import() of an expression?): scripts/npm-files.mjs cannot tell which`);
    }
  }

  const imports = [...core.matchAll(ACTION_IMPORT)].filter((match) => ACTION_CALLS.includes(match[2]));
  for (const name of ACTION_CALLS) {
    const count = imports.filter((match) => match[2] === name).length;
    if (count !== 1) {
      throw new Error(`build: dist/core.js imports the action's ${name} ${count} times, not once: see src/bundle.ts and scripts/npm-files.mjs`);
    }
  }
  // core.js without the two imports: what the CLI and lib.js can run.
  let rest = '';
  let from = 0;
  for (const match of imports) {
    const [start, end] = match.indices[1];
    rest += core.slice(from, start);
    from = end;
  }
  rest += core.slice(from);

  const loadedFrom = (text) => {
    const loaded = new Set();
    const visit = (source) => {
      for (const [, written] of source.matchAll(CHUNK_LOAD)) {
        const id = Number(written);
        if (!chunks.has(id) || loaded.has(id)) continue;
        loaded.add(id);
        visit(chunks.get(id).text);
      }
    };
    visit(text);
    return loaded;
  };
  const npm = loadedFrom(rest);
  const action = loadedFrom(imports.map((match) => match[1]).join('\n'));
  const leftOut = [...action].filter((id) => !npm.has(id)).map((id) => chunks.get(id).name);
  return [...ACTION_ENTRIES, ...leftOut].sort();
}

/** Writes dist/.npmignore: a header saying what it is and why, then the action-only files. */
export function writeNpmIgnore(dist) {
  const files = actionOnlyFiles(dist);
  const lines = [
    '# Generated by scripts/build.mjs (scripts/npm-files.mjs). Do not edit.',
    '# The npm package runs the CLI and lib.js; the GitHub Action runs dist/ from the repository, where every',
    '# file stays. So npm leaves out the action entries and the chunks only they load.',
    ...files.map((file) => `/${file}`),
  ];
  writeFileSync(join(dist, NPM_IGNORE_FILE), `${lines.join('\n')}\n`);
  return files;
}
