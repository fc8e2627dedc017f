// Module boundaries of src/, checked by `npm run lint:deps` (dependency-cruiser) in CI.
//
// The pipeline (DESIGN.md section 2) is the architecture, and the folders show it. This file says which
// way imports may point, in the order the code actually depends on itself, lowest layer first. That is not
// quite the numbered list of stages: the harness writes the session log, so the session log (stage 6) sits
// below the harness (stage 5); the load stage's definitions are named by the gate, so they sit below it;
// markdown and the redactor serve every stage, so they sit below the first one.
//
// A module may import its own layer and the layers below it, never a layer above. One exception: a
// stage's contract types (CONTRACTS below) may be imported with `import type` from any layer. Type
// imports leave nothing at run time, and a contract is the vocabulary two stages share: a definition
// names the tool type it declares, a tool records into the session log's recorder type.
//
// Tests, benchmarks and scripts are not cruised: they may import anything.
import { readdirSync } from 'node:fs';

/** One path regular expression from several. */
const any = (...patterns) => `(${patterns.join('|')})`;

/**
 * The layers, lowest first. `path`: what belongs to the layer; `why`: the reason it sits where it
 * does, printed with every violation of its rule.
 */
const LAYERS = [
  {
    name: 'shared',
    path: any(
      '^src/(errors|limits|version|records|paths)\\.ts$',
      '^src/(patterns|text|lib|net)/',
      // Leaves that live in a stage folder but serve every stage: text primitives (invisible and control
      // characters) and the one redactor. They import nothing above this layer.
      '^src/trigger/text\\.ts$',
      '^src/session-log/(redact|secret-forms|hidden-split)\\.ts$',
    ),
    why:
      'errors, limits, version, record, path and text helpers, patterns, the public API types (lib), the redactor and ' +
      'the proxy choice every HTTP client makes (net) are ' +
      'used by every stage, so they import no stage (a stage contract type, with `import type`, is allowed).',
  },
  {
    name: 'markdown-secrets',
    path: any('^src/markdown/', '^src/secrets/'),
    why:
      'markdown (the CommonMark/GFM judge of hidden text and mentions) serves trigger, gate and publish; ' +
      'secrets are read before any stage runs. Both import only shared modules.',
  },
  {
    name: 'trigger',
    path: '^src/trigger/',
    why: 'trigger (stage 1) turns the event into a Trigger: it reads markdown, nothing of a later stage.',
  },
  {
    name: 'definitions',
    path: '^src/definitions/',
    why: 'definitions (stage 3, load) validate the agent files; the gate names their types, so they sit below it.',
  },
  {
    name: 'gate',
    path: '^src/gate/',
    why: 'gate (stage 2) decides on the trigger and the capabilities an agent declares (definitions).',
  },
  {
    name: 'sandbox',
    path: '^src/sandbox/',
    why: 'sandbox (stage 4) checks command entries from the definitions, and knows no tool, log or host.',
  },
  {
    name: 'tools',
    path: '^src/tools/',
    why: 'the model-facing tools run in the sandbox; the harness calls them and the session log records them.',
  },
  {
    name: 'session-log',
    path: '^src/session-log/',
    why: 'session log (stage 6) records what the tools and the harness do, so it imports neither.',
  },
  {
    name: 'harness',
    path: '^src/harness/',
    why: 'harness (stage 5) runs the agent loop over tools, writing the session log; it never publishes.',
  },
  {
    name: 'publish',
    path: '^src/publish/',
    why: 'publish (stage 7) applies the outputs the harness collected, through the Host interface (a contract).',
  },
  {
    name: 'report',
    path: '^src/report/',
    why: 'report (stage 8) renders a finished session log; no stage below needs it, and it needs none above the log.',
  },
  {
    name: 'pipeline',
    path: any('^src/pipeline(-resume)?\\.ts$', '^src/hosts/host\\.ts$'),
    why: 'pipeline.ts drives every stage, host-neutral, through the Host interface (hosts/host.ts); no stage ' + 'imports the pipeline.',
  },
  {
    name: 'hosts',
    path: '^src/hosts/',
    why: 'hosts (GitHub, GitLab, local) implement the Host interface with the stages; no stage imports a host.',
  },
  {
    name: 'ci',
    path: '^src/ci/',
    why: 'the CI stage (gate, definitions, progress comment, pipeline) is what every CI front end calls, through the CiHost interface; it imports no host.',
  },
  {
    name: 'front-ends',
    path: any('^src/action/', '^src/cli/'),
    why: 'front ends (the action, the CLI) read their settings and pick a host; nothing but the entry points imports them.',
  },
  {
    name: 'entry',
    path: '^src/bundle\\.ts$',
    why: 'bundle.ts is what the bundler starts from; nothing imports it.',
  },
];

/**
 * The contract types of stages: `import type` of these may point up. Every other import, and any
 * import of a value from these files, follows the layers.
 */
const CONTRACTS = any('^src/[^/]+/types\\.ts$', '^src/session-log/(events|status)\\.ts$', '^src/hosts/host\\.ts$');

/** Two rules a layer: no import from above, and no value from a contract above. A module is in the first layer its path matches. */
function layerRules() {
  return LAYERS.slice(0, -1).flatMap((layer, index) => {
    const lower = LAYERS.slice(0, index).map((below) => below.path);
    const above = LAYERS.slice(index + 1).map((higher) => higher.path);
    const from = lower.length > 0 ? { path: layer.path, pathNot: any(...lower) } : { path: layer.path };
    const notHere = any(layer.path, ...lower);
    return [
      {
        name: `layer-${layer.name}`,
        comment: `${layer.why} It imports a module of a higher layer.`,
        severity: 'error',
        from,
        to: { path: any(...above), pathNot: any(notHere, CONTRACTS) },
      },
      {
        name: `layer-${layer.name}-contract-values`,
        comment: `${layer.why} It imports a value (not \`import type\`) from a contract of a higher layer.`,
        severity: 'error',
        from,
        to: { path: CONTRACTS, pathNot: notHere, dependencyTypesNot: ['type-only'] },
      },
    ];
  });
}

// Every folder and file of src/ has a layer: a new one is placed on purpose, here, with its reason.
const KNOWN_TOP_LEVEL =
  /^(errors|limits|version|records|paths|pipeline|pipeline-resume|bundle)\.ts$|^(patterns|text|lib|net|trigger|markdown|secrets|definitions|gate|sandbox|tools|session-log|report|harness|publish|hosts|ci|action|cli)$/;
const unplaced = readdirSync(new URL('./src/', import.meta.url)).filter((name) => !KNOWN_TOP_LEVEL.test(name));
if (unplaced.length > 0) {
  throw new Error(
    `.dependency-cruiser.js: src/${unplaced.join(', src/')} has no layer. Add it to LAYERS (where its imports put it) and to KNOWN_TOP_LEVEL.`,
  );
}

/** @type {import('dependency-cruiser').IConfiguration} */
export default {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'Modules import each other in a cycle: one of them belongs lower, or a shared piece belongs in its own module.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    ...layerRules(),
    {
      name: 'front-ends-apart',
      comment: 'The action and the CLI are two front ends over the same pipeline: what both need belongs in a stage or a host.',
      severity: 'error',
      from: { path: '^src/(action|cli)/' },
      to: { path: '^src/(action|cli)/', pathNot: '^src/$1/' },
    },
    {
      name: 'hosts-apart',
      comment: 'A host implements the Host interface on its own; what two hosts share belongs in a stage or hosts/host.ts.',
      severity: 'error',
      from: { path: '^src/hosts/(github|gitlab|local)' },
      to: { path: '^src/hosts/(github|gitlab|local)', pathNot: '^src/hosts/$1' },
    },
    {
      name: 'ci-host-neutral',
      comment: 'The CI stage is the same for every platform: it reaches a host only through CiHost (hosts/host.ts) and the shared markers.',
      severity: 'error',
      from: { path: '^src/ci/' },
      to: { path: '^src/hosts/(github|gitlab|local)' },
    },
    {
      name: 'lib-is-types',
      comment:
        "src/lib is what `import ... from 'flue-action'` gives a TS agent, bundled on its own: types and two identity " +
        'functions. A value imported from the rest of src/ would drag a stage into it.',
      severity: 'error',
      from: { path: '^src/lib/' },
      to: { path: '^src/', pathNot: '^src/lib/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'not-to-tests-or-tools',
      comment: 'The runner must not import tests, fakes, benchmarks or build scripts: they are not bundled.',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^(test|bench|scripts)/' },
    },
    {
      name: 'sdk-through-one-file',
      comment:
        "The Anthropic SDK's code is imported in one file, src/harness/anthropic/sdk.ts, by deep paths: its package " +
        'entry loads every resource the runner never calls, on the start-up path (test/build/start-up.test.ts measures it).',
      severity: 'error',
      from: { pathNot: '^src/harness/anthropic/sdk\\.ts$' },
      to: { path: 'node_modules/@anthropic-ai/sdk/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'no-orphans',
      comment: 'A module nothing imports is dead code, or an entry point that belongs in the list below.',
      severity: 'error',
      from: {
        orphan: true,
        // Entry points: the bundle, and the valibot copy a TS agent's `import 'valibot'` resolves to.
        pathNot: ['^src/bundle\\.ts$', '^src/lib/valibot\\.ts$', '\\.d\\.ts$'],
      },
      to: {},
    },
    {
      name: 'not-to-unresolvable',
      comment: 'An import that resolves to nothing: a typo, or a package missing from package.json.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: 'no-non-package-json',
      comment: 'A package imported but not in package.json works only while something else pulls it in.',
      severity: 'error',
      from: {},
      to: { dependencyTypes: ['npm-no-pkg', 'npm-unknown'] },
    },
  ],
  options: {
    // `npm run lint:deps` cruises src/ alone: tests, benchmarks and scripts may import anything, and are
    // not followed when src/ (wrongly) imports them.
    doNotFollow: { path: ['node_modules', '^(test|bench|scripts)/'] },
    // `import type` lines count: with them the contract rule can tell a type from a value.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    reporterOptions: {
      text: { highlightFocused: true },
    },
  },
};
