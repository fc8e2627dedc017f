// Builds dist/: one ncc bundle of the runner (dist/core.js and its chunks) and the tiny entry files
// that GitHub (index.js, post.js), npx (cli.js) and users' TS agents (lib.js, valibot.js) load.
// One bundle keeps one copy of every dependency: dist/ size is every job's start-up time.
//
// It does not type-check: `npm run typecheck` does, and CI runs it before check-dist. The phases, and
// what each took on a quiet 2-core machine (Node 20, cold, as in CI: ncc's cache is off, it saved nothing):
//   1. TypeScript to JavaScript, file by file: 2 s. ncc's own ts-loader type-checked the whole program,
//      tests included, on every build: some 10 s of CPU.
//   2. ncc bundles that JavaScript: 12 s. The declarations for users' editors compile meanwhile (2 s).
//   3. oxc-minify minifies every file: 1 s (terser took 18 s on two threads; dist/ is 0.4% larger).
// 15 s in all on Node 20 (49.5 s before).
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { minifySync } from 'oxc-minify';
import ts from 'typescript';
import * as valibot from 'valibot';
import { BUILD_INPUTS_FILE, buildInputsHash } from './build-inputs.mjs';
import { NPM_IGNORE_FILE, writeNpmIgnore } from './npm-files.mjs';

const root = new URL('..', import.meta.url).pathname;
const dist = join(root, 'dist');
// Inside the repository, always at this path: ncc names modules by their path from here, and the
// chunk ids come from those names, so another place would give another dist/.
const transpiled = join(root, '.build');
const staging = mkdtempSync(join(tmpdir(), 'flue-build-'));
const timings = [];
// Hashed before ncc reads them: an edit during the build leaves dist/ stale, not marked current.
const builtFrom = buildInputsHash(root);

try {
  const declarations = timed('declarations', () =>
    run('node_modules/typescript/bin/tsc', [
      'src/lib/index.ts',
      '--declaration',
      '--emitDeclarationOnly',
      '--strict',
      '--target',
      'es2023',
      '--module',
      'nodenext',
      '--moduleResolution',
      'nodenext',
      '--skipLibCheck',
      '--types',
      'node',
      '--outDir',
      join(staging, 'types'),
    ]),
  );
  // Awaited at the end; a failure before then must not leave it unhandled.
  declarations.catch(() => {});

  await timed('transpile', async () => {
    rmSync(transpiled, { recursive: true, force: true });
    for (const file of sourceFiles(join(root, 'src'))) {
      emit(file, join(transpiled, relative(root, file)), { target: ts.ScriptTarget.ES2023 });
    }
    // src/secrets/ on its own, unbundled (node: imports only): the entry files run it before they load
    // core.js, so the restart without secrets in the environment (src/secrets/start.ts) costs a bare
    // Node start, not a second load of the bundle.
    for (const file of importClosure(join(root, 'src/secrets/start.ts'))) {
      emit(file, join(staging, 'secrets', relative(join(root, 'src/secrets'), file)), { target: ts.ScriptTarget.ES2022, removeComments: true });
    }
  });
  // The names the main step saves its state under, which dist/post.js reads before it loads core.js.
  const { STATE } = await import(pathToFileURL(join(transpiled, 'src/action/state.js')).href);

  await timed('ncc', () =>
    run('node_modules/@vercel/ncc/dist/ncc/cli.js', [
      'build',
      relative(root, join(transpiled, 'src/bundle.js')),
      '-o',
      join(staging, 'bundle'),
      '--target',
      'es2022',
      '--license',
      'licenses.txt',
      '--quiet',
      '--no-cache',
    ]),
  );
  const bundle = join(staging, 'bundle');

  // Files ncc copies along that the runner never loads: js-exec's QuickJS worker (javascript is never
  // enabled in the sandbox) and stray package metadata.
  for (const name of ['js-exec-worker.js', 'package.json']) rmSync(join(bundle, name), { force: true });

  // just-bash loads when an agent first touches the sandbox (src/sandbox/create.ts imports
  // src/sandbox/shell.ts dynamically), not at start-up.
  // The marker is just-bash's own /proc/version text; no file of ours has it.
  if (readFileSync(join(bundle, 'index.js'), 'utf8').includes('(just-bash) #1 SMP')) {
    throw new Error('build: just-bash is in dist/core.js; only src/sandbox/create.ts imports src/sandbox/shell.ts, and dynamically');
  }

  // Every job downloads dist/, so every file is minified. The entry bundle as ncc's --minify would
  // (names only: it keeps class and function names), the chunks it splits off fully (the Actions
  // toolkit's Azure stack alone is 5 MB as written).
  await timed('minify', () => {
    for (const name of readdirSync(bundle).filter((file) => file.endsWith('.js'))) {
      const file = join(bundle, name);
      const { code, errors } = minifySync(name, readFileSync(file, 'utf8'), {
        module: true,
        compress: name === 'index.js' ? false : { target: 'es2022' },
        mangle: { toplevel: true, keepNames: name === 'index.js' },
        codegen: { legalComments: 'inline' },
      });
      if (errors.length > 0) throw new Error(`build: minifying ${name}: ${errors[0].message}`);
      writeFileSync(file, code);
    }
  });

  await declarations;

  rmSync(dist, { recursive: true, force: true });
  mkdirSync(dist, { recursive: true });
  for (const name of readdirSync(bundle)) renameSync(join(bundle, name), join(dist, name === 'index.js' ? 'core.js' : name));
  renameSync(join(staging, 'types'), join(dist, 'types'));
  renameSync(join(staging, 'secrets'), join(dist, 'secrets'));
  writeEntries(STATE);
  // The npm package runs the CLI and lib.js, never the action: the chunks only the action loads stay
  // out of its tarball (scripts/npm-files.mjs). dist/ here keeps them all.
  const leftOut = writeNpmIgnore(dist);
  timings.push(`${NPM_IGNORE_FILE}: npm leaves out ${leftOut.length} files, ${bytesOf(leftOut).toLocaleString('en')} bytes`);
} finally {
  rmSync(staging, { recursive: true, force: true });
  rmSync(transpiled, { recursive: true, force: true });
}
const size = directorySize(dist);
process.stderr.write(`build: ${timings.join(', ')}; dist/ ${size.bytes.toLocaleString('en')} bytes in ${size.files} files\n`);

/** The entry files: each loads core.js, whose one export is the runner's API (src/bundle.ts). */
function writeEntries(state) {
  const banner = '// Generated by scripts/build.mjs. Do not edit.\n';
  const core = "import { core } from './core.js';\n";
  // The action's steps and the CLI take the environment into memory first, and the main step and the CLI
  // restart without secrets in it (src/secrets/start.ts); core.js is imported after, dynamically, so that
  // it loads once, in the restarted process.
  const started = (restart) =>
    "import { startWithoutSecrets } from './secrets/start.js';\n\n" + `const started = startWithoutSecrets({ restart: ${JSON.stringify(restart)} });\n`;
  const loadCore = "const { core } = await import('./core.js');\n";
  // Node >= 22.1 keeps the compiled bundle in a disk cache (os.tmpdir()/node-compile-cache unless
  // NODE_COMPILE_CACHE says otherwise), so a second local run compiles nothing; a fresh CI job starts cold.
  // core.js is imported dynamically so that the cache is on before it is compiled.
  const cliCore = "import module from 'node:module';\n" + started('cli') + `module.enableCompileCache?.();\n${loadCore}`;
  // The usual post step has nothing to do: main handled its log and finished its progress comment
  // (src/action/post.ts returns at once). It then exits without loading core.js, most of a step's start-up.
  const postFastPath = (names) => {
    const variable = (name) => JSON.stringify(`STATE_${name}`);
    return `if (started.env[${variable(names.finished)}] !== 'true' || (started.env[${variable(names.progressComment)}] ?? '') !== '')`;
  };
  // Renamed locals, because valibot exports names that are reserved words (`enum`, `function`, `null`, `void`).
  const valibotNames = Object.keys(valibot)
    .filter((name) => /^[A-Za-z_$][\w$]*$/.test(name))
    .sort();
  const entries = {
    'index.js': `${banner}${started('action')}${loadCore}\nawait core.runAction(started);\n`,
    'post.js': `${banner}${started(false)}${postFastPath(state)} {\n  ${loadCore}  await core.runActionPost(started);\n}\n`,
    'cli.js': `#!/usr/bin/env node\n${banner}${cliCore}\nawait core.runCliProcess(started);\n`,
    'lib.js': `${banner}${core}\nexport const { defineAgent, defineTool } = core;\n`,
    'lib.d.ts': `${banner}export * from './types/lib/index.js';\n`,
    'valibot.js': `${banner}${core}\n${valibotNames.map((name) => `const $${name} = core.valibot.${name};`).join('\n')}\n\nexport {\n${valibotNames.map((name) => `  $${name} as ${name},`).join('\n')}\n};\n`,
  };
  for (const [name, body] of Object.entries(entries)) {
    writeFileSync(join(dist, name), body, { mode: name === 'cli.js' ? 0o755 : 0o644 });
  }
  // What dist/ was built from, for the tests that run it (test/action/built.ts).
  writeFileSync(join(dist, BUILD_INPUTS_FILE), `${builtFrom}\n`);
}

/** The .ts files under `dir`, declarations aside. */
function sourceFiles(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts'))
    .map((entry) => join(entry.parentPath ?? entry.path, entry.name))
    .sort();
}

/**
 * One file as tsc would emit it (tsconfig.json has isolatedModules and verbatimModuleSyntax, so a file
 * compiles alone to the same JavaScript), as an ES module: the package is `"type": "module"`.
 */
function emit(file, target, options) {
  const { outputText, diagnostics } = ts.transpileModule(readFileSync(file, 'utf8'), {
    fileName: file,
    reportDiagnostics: true,
    compilerOptions: { module: ts.ModuleKind.ESNext, verbatimModuleSyntax: true, ...options },
  });
  if (diagnostics.length > 0) {
    throw new Error(`build: ${relative(root, file)}: ${ts.flattenDiagnosticMessageText(diagnostics[0].messageText, '\n')}`);
  }
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target.replace(/\.ts$/, '.js'), outputText);
}

/** `entry` and the files it imports, relatively, all the way down. */
function importClosure(entry) {
  const files = new Set([entry]);
  for (const file of files) {
    for (const [, specifier] of readFileSync(file, 'utf8').matchAll(/^(?:import|export) (?:[^;]*? from )?'(\.[^']+)\.js';$/gm)) {
      files.add(join(dirname(file), `${specifier}.ts`));
    }
  }
  return [...files];
}

/** Runs a Node script of the repository to its end; rejects on a non-zero exit. */
function run(script, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(root, script), ...args], { cwd: root, stdio: 'inherit' });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`build: ${script} exited ${code}`))));
  });
}

async function timed(phase, fn) {
  const start = performance.now();
  const note = await fn();
  timings.push(`${phase} ${((performance.now() - start) / 1000).toFixed(1)} s${note ? ` (${note})` : ''}`);
}

function bytesOf(files) {
  return files.reduce((sum, file) => sum + statSync(join(dist, file)).size, 0);
}

function directorySize(dir) {
  let bytes = 0;
  let files = 0;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    bytes += statSync(join(entry.parentPath ?? entry.path, entry.name)).size;
    files += 1;
  }
  return { bytes, files };
}
