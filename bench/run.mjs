// `npm run bench`: measures the built CLI (dist/cli.js) against a zero-latency local fake of the
// Messages API, so every millisecond and byte reported is the runner's own. Plain ESM, no build step:
// it runs as is on Node 20 and 24. See bench/README.md for what each figure means.
//
//   node bench/run.mjs [--json] [--runs N] [--sessions N] [--dist DIR]
//   node bench/run.mjs soak [...]   (bench/soak.mjs)
//
// --dist measures another build (an A/B of a build change) with this repo's examples/triage.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { startFakeModel } from './fake-model.mjs';

// `npm run bench -- soak`: the reliability soak (bench/soak.mjs), its own flags and table.
if (process.argv[2] === 'soak') {
  await import('./soak.mjs');
  process.exit();
}

const root = fileURLToPath(new URL('..', import.meta.url));
const probe = pathToFileURL(join(root, 'bench', 'rss-probe.mjs')).href;

const SESSION_TURNS = 50;
const CHEAP_TOOL_CALL = { type: 'tool_use', name: 'read', input: { path: 'README.md' } };
/**
 * dist/cli.js turns on Node's on-disk compile cache where Node has it (>= 22.1; `module.enableCompileCache`).
 * The bench gives every CLI run an empty cache of its own, so its figures are cold, as in a fresh CI job;
 * one extra row shows the first request with a warm cache (a second run on the same machine).
 */
const COMPILE_CACHE = typeof (await import('node:module')).default.enableCompileCache === 'function';
/** 6 KB read strictly as 6,000 bytes. */
const TARGETS = { firstRequestMs: 150, overheadMsPerTurn: 3, firstRequestBytes: 6000, peakRssMB: 120 };

const { values: flags } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    runs: { type: 'string', default: '15' },
    sessions: { type: 'string', default: '5' },
    dist: { type: 'string', default: join(root, 'dist') },
  },
});
const dist = resolve(flags.dist);
const cli = join(dist, 'cli.js');
const runs = positiveInteger('runs', flags.runs);
const sessions = positiveInteger('sessions', flags.sessions);

await waitForDist();
const work = mkdtempSync(join(tmpdir(), 'flue-bench-'));
const repo = join(work, 'repo');
cpSync(join(root, 'examples', 'triage'), repo, { recursive: true });
// The same session on the scripted model client (no SDK, no HTTP): the runner's own share of a turn.
// Usage as the fake reports it: without it the scripted client estimates tokens, and the cost cap ends the run.
const usage = { input_tokens: 100, output_tokens: 10 };
const scripted = (turns) =>
  [
    ...Array.from({ length: turns - 1 }, () => JSON.stringify({ content: [CHEAP_TOOL_CALL], usage })),
    JSON.stringify({ content: [finish()], usage }),
  ].join('\n');
writeFileSync(join(work, 'session.jsonl'), scripted(SESSION_TURNS));
// An agent with the shell, for the one figure that needs it: what loading just-bash costs.
writeFileSync(join(repo, '.flue', 'agents', 'bench-shell.md'), '---\ndescription: Runs one command\ntools: [bash]\n---\nRun it.\n');
const fake = await startFakeModel();
try {
  const results = await measure();
  process.stdout.write(flags.json ? `${JSON.stringify(results, null, 2)}\n` : table(results));
} finally {
  await fake.close();
  rmSync(work, { recursive: true, force: true });
}

async function measure() {
  progress(`node ${process.version}; ${runs} start-up runs, ${sessions} sessions of ${SESSION_TURNS} turns`);
  const bareNode = [];
  const version = [];
  for (let i = 0; i < runs; i++) {
    bareNode.push((await runNode(['-e', '0'])).wallMs);
    version.push((await runCli(['--version'])).wallMs);
  }

  // Start-up: the model answers the first request with `finish`, so the run ends after one turn.
  const firstRequest = [];
  let first;
  for (let i = 0; i < runs; i++) {
    fake.reset(() => [finish()]);
    const run = await runCli(agentArgs(), { requests: 1 });
    firstRequest.push(run.firstRequestMs);
    first ??= fake.requests[0];
    if (fake.requests[0].bytes !== first.bytes) throw new Error('bench: the first request changed size between runs');
  }

  // The same run with Node's compile cache warm (dist/cli.js turns it on; Node >= 22.1): what a second
  // run on the same machine sees. Every other figure is cold, as in a fresh CI job.
  const warmFirstRequest = [];
  if (COMPILE_CACHE) {
    const cache = join(work, 'warm-compile-cache');
    fake.reset(() => [finish()]);
    await runCli(agentArgs(), { requests: 1, compileCache: cache });
    for (let i = 0; i < runs; i++) {
      fake.reset(() => [finish()]);
      warmFirstRequest.push((await runCli(agentArgs(), { requests: 1, compileCache: cache })).firstRequestMs);
    }
  }

  // Sessions: 49 cheap tool calls (`read` of the 8-line README.md), then `finish` on turn 50.
  const overhead = [];
  const between = [];
  const fakeMs = [];
  const modelMs = [];
  const toolMs = [];
  const firstToolMs = [];
  const rssMB = [];
  for (let i = 0; i < sessions; i++) {
    fake.reset((index) => (index < SESSION_TURNS - 1 ? [CHEAP_TOOL_CALL] : [finish()]));
    const logDir = join(work, `session-${i}`);
    const run = await runCli(agentArgs(['--max-turns', '60'], logDir), { requests: SESSION_TURNS, rss: true });
    const requests = fake.requests;
    overhead.push((run.wallMs - run.firstRequestMs) / SESSION_TURNS);
    between.push((requests.at(-1).at - requests[0].at) / (SESSION_TURNS - 1));
    fakeMs.push(requests.reduce((sum, request) => sum + request.serveMs, 0) / SESSION_TURNS);
    const log = sessionDurations(logDir);
    modelMs.push(log.modelMs / SESSION_TURNS);
    toolMs.push(log.toolMs / (SESSION_TURNS - 1));
    firstToolMs.push(log.firstToolMs);
    rssMB.push((run.maxRssKiB * 1024) / 1e6);
  }

  // The runner's own share: the same session on the scripted model, first to last model request by
  // the session log's clock (what the loop, the tool, the log and the progress lines take a turn).
  const scriptedPerTurn = [];
  fake.reset(() => [finish()]); // no request may reach it
  for (let i = 0; i < sessions; i++) {
    const logDir = join(work, `scripted-${i}`);
    await runCli([...agentArgs(['--max-turns', '60'], logDir), '--scripted-model', join(work, 'session.jsonl')]);
    const requests = sessionEvents(logDir)
      .filter((event) => event.type === 'model_request')
      .map((event) => Date.parse(event.time));
    scriptedPerTurn.push((requests.at(-1) - requests[0]) / (SESSION_TURNS - 1));
  }

  // The shell: an agent with `bash` runs `echo hi`, then answers. Its first shell call builds the
  // sandbox, loading just-bash; an agent that only reads (the sessions above) never does.
  const firstShellMs = [];
  for (let i = 0; i < sessions; i++) {
    fake.reset((index) => (index === 0 ? [{ type: 'tool_use', name: 'bash', input: { command: 'echo hi' } }] : [{ type: 'text', text: 'done' }]));
    const logDir = join(work, `shell-${i}`);
    await runCli(['run', 'bench-shell', '--cwd', repo, '--log-dir', logDir], { requests: 2 });
    firstShellMs.push(sessionDurations(logDir).firstToolMs);
  }

  const body = first.body;
  return {
    node: process.version,
    runs,
    sessions,
    sessionTurns: SESSION_TURNS,
    targets: TARGETS,
    firstRequestMs: stats(firstRequest),
    warmFirstRequestMs: COMPILE_CACHE ? stats(warmFirstRequest) : null,
    overheadMsPerTurn: stats(overhead),
    betweenRequestsMs: stats(between),
    fakeModelMsPerTurn: stats(fakeMs),
    modelCallMsPerTurn: stats(modelMs),
    toolCallMs: stats(toolMs),
    firstToolCallMs: stats(firstToolMs),
    firstShellCallMs: stats(firstShellMs),
    scriptedMsPerTurn: stats(scriptedPerTurn),
    firstRequestBytes: first.bytes,
    toolsBytes: bytes(JSON.stringify(body.tools ?? [])),
    systemPromptBytes: bytes(systemText(body.system)),
    tools: (body.tools ?? []).map((tool) => tool.name),
    peakRssMB: stats(rssMB),
    versionMs: stats(version),
    bareNodeMs: stats(bareNode),
    dist: distSize(),
  };
}

function agentArgs(extra = [], logDir = join(work, 'logs')) {
  return ['run', 'triage', '--cwd', repo, '--event', join(repo, 'event.json'), '--dry-run', '--log-dir', logDir, ...extra];
}

/** The events of the one session log (DESIGN.md §4) a run wrote into `logDir`. */
function sessionEvents(logDir) {
  const file = readdirSync(logDir).find((name) => name.endsWith('.jsonl'));
  return readFileSync(join(logDir, file), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
}

/** Summed `durationMs` of the model calls and tool calls in the session log of one run. */
function sessionDurations(logDir) {
  const events = sessionEvents(logDir);
  const total = (type) => events.filter((event) => event.type === type).reduce((sum, event) => sum + (event.durationMs ?? 0), 0);
  const firstTool = events.find((event) => event.type === 'tool_result');
  return { modelMs: total('model_response'), toolMs: total('tool_result'), firstToolMs: firstTool?.durationMs ?? 0 };
}

function finish() {
  return { type: 'tool_use', name: 'finish', input: { category: 'documentation', summary: 'A benchmark run.' } };
}

/**
 * Spawns the CLI (under the RSS probe when `rss`) and resolves when it has exited. `wallMs` runs from just before spawn to the exit
 * event; `firstRequestMs` from the same instant to the arrival of the fake's first request.
 */
function runCli(args, { requests = 0, rss = false, compileCache } = {}) {
  // Cold unless told otherwise: an empty compile cache of its own for each run (see COMPILE_CACHE).
  const cache = compileCache ?? mkdtempSync(join(work, 'compile-cache-'));
  return runNode(rss ? ['--import', probe, cli, ...args] : [cli, ...args], { requests, rss, env: { NODE_COMPILE_CACHE: cache } });
}

function runNode(nodeArgs, { requests = 0, rss = false, env: extraEnv = {} } = {}) {
  const rssFile = join(work, 'rss.txt');
  rmSync(rssFile, { force: true });
  const env = { ...process.env, ANTHROPIC_API_KEY: 'bench-key', ANTHROPIC_BASE_URL: fake.url, FLUE_BENCH_RSS_FILE: rssFile, ...extraEnv };
  // The fake speaks plain HTTP, so no run needs an extra CA; Node 20 reads such a bundle eagerly at
  // start (~50 ms for a system-wide one), which would be measured as the runner's start-up.
  delete env.NODE_EXTRA_CA_CERTS;
  return new Promise((resolve, reject) => {
    const startedAt = performance.now();
    const child = spawn(process.execPath, nodeArgs, { cwd: repo, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let exitedAt = 0;
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('exit', () => (exitedAt = performance.now()));
    child.on('close', (code) => {
      const seen = fake.requests.length;
      if (code !== 0 || seen !== requests) {
        reject(new Error(`bench: node ${nodeArgs.join(' ')} exited ${code} after ${seen} model requests (expected ${requests}):\n${output}`));
        return;
      }
      resolve({
        wallMs: exitedAt - startedAt,
        firstRequestMs: requests > 0 ? fake.requests[0].at - startedAt : undefined,
        maxRssKiB: rss ? Number(readFileSync(rssFile, 'utf8')) : undefined,
      });
    });
  });
}

/** A rebuild empties dist/ and writes cli.js last, so a missing cli.js next to other files means "wait". */
async function waitForDist() {
  for (let waited = 0; waited <= 30; waited++) {
    if (existsSync(cli) && existsSync(join(dist, 'core.js'))) return;
    if (!existsSync(dist) && waited === 0) break;
    if (waited === 0) progress('dist/ looks mid-rebuild; waiting up to 30 s');
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  process.stderr.write(`bench: ${cli} is missing. Run \`npm run build\` first: the bench measures the built CLI.\n`);
  process.exit(2);
}

function distSize() {
  let total = 0;
  let files = 0;
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else {
        total += statSync(path).size;
        files += 1;
      }
    }
  };
  walk(dist);
  return { bytes: total, files };
}

function systemText(system) {
  if (typeof system === 'string') return system;
  return (system ?? []).map((block) => block.text ?? '').join('');
}

function stats(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  return { median: round(median), min: round(sorted[0]), max: round(sorted.at(-1)), n: sorted.length };
}

function table(r) {
  const t = r.targets;
  const row = (metric, s, target, ok) => `| ${metric} | ${s.median} | ${s.min} | ${s.max} | ${target} | ${ok === undefined ? '' : ok ? '✓' : '✗'} |`;
  const one = (value) => ({ median: value, min: value, max: value });
  const lines = [
    `flue-action bench: node ${r.node}, ${r.runs} start-up runs, ${r.sessions} sessions of ${r.sessionTurns} turns, zero-latency fake model`,
    '',
    '| metric | median | min | max | target | ✓/✗ |',
    '|---|---:|---:|---:|---|:-:|',
    row(
      'first model request after process start (ms, cold)',
      r.firstRequestMs,
      `≤ ${t.firstRequestMs} ms`,
      r.firstRequestMs.median <= t.firstRequestMs,
    ),
    r.warmFirstRequestMs
      ? row('  the same, compile cache warm (ms)', r.warmFirstRequestMs, '', undefined)
      : '|   the same, compile cache warm (ms) | n/a | | | Node < 22.1 has no compile cache | |',
    row(
      `harness overhead per turn (ms, ${r.sessionTurns}-turn session)`,
      r.overheadMsPerTurn,
      `< ${t.overheadMsPerTurn} ms`,
      r.overheadMsPerTurn.median < t.overheadMsPerTurn,
    ),
    row('  first to last request, per turn (ms)', r.betweenRequestsMs, '', undefined),
    row('  model call in the SDK, per turn (ms, session log)', r.modelCallMsPerTurn, '', undefined),
    row('  `read` tool call (ms, session log)', r.toolCallMs, '', undefined),
    row('    the first one (ms)', r.firstToolCallMs, '', undefined),
    row('  first `bash` call of a run, which loads just-bash (ms)', r.firstShellCallMs, '', undefined),
    row("  fake model's own time, per turn (ms)", r.fakeModelMsPerTurn, '', undefined),
    row('  the same session on the scripted model: the runner without SDK or HTTP (ms)', r.scriptedMsPerTurn, '', undefined),
    row('first request body (bytes)', one(r.firstRequestBytes), `< ${t.firstRequestBytes} B`, r.firstRequestBytes < t.firstRequestBytes),
    row(`  tool list JSON (bytes, ${r.tools.length} tools)`, one(r.toolsBytes), '', undefined),
    row('  system prompt text (bytes)', one(r.systemPromptBytes), '', undefined),
    row('peak RSS of the CLI (MB)', r.peakRssMB, `< ${t.peakRssMB} MB`, r.peakRssMB.median < t.peakRssMB),
    row('`dist/cli.js --version` (ms)', r.versionMs, '', undefined),
    row('bare `node -e 0` on this machine (ms)', r.bareNodeMs, '', undefined),
    row(`dist/ size (bytes, ${r.dist.files} files)`, one(r.dist.bytes), '', undefined),
    '',
    `tools: ${r.tools.join(', ')}`,
  ];
  return `${lines.join('\n')}\n`;
}

function round(value) {
  return Math.round(value * 100) / 100;
}

function bytes(text) {
  return Buffer.byteLength(text, 'utf8');
}

function positiveInteger(flag, value) {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) {
    process.stderr.write(`bench: invalid --${flag} '${value}'. Expected a positive integer.\n`);
    process.exit(2);
  }
  return number;
}

function progress(line) {
  if (!flags.json || process.stderr.isTTY) process.stderr.write(`bench: ${line}\n`);
}
