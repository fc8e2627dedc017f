// `npm run bench -- soak`: the reliability soak of issue 11. Not a timed test: it drives the BUILT action
// (dist/index.js) through many scripted sessions with seeded faults from the test suite's fakes of the
// Anthropic and GitHub APIs, and checks what each left behind: the status the fault allows, a complete
// session log, every output the agent proposed applied exactly once (or rejected and absent). Then one
// 200-turn session on the built CLI (dist/cli.js) for wall time, peak RSS and log size.
// Exits 1 when a session duplicated an output, lost or tore its log, or ended with the wrong status.
// See bench/README.md ("Soak") for what each figure means.
//
//   node bench/run.mjs soak [--sessions N] [--fault-rate R] [--seed N] [--concurrency N] [--turns N] [--fault TEXT] [--json] [--dist DIR]
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { loadTestFakes } from './soak-fakes.mjs';
import { startGitHubProxy } from './soak-github-proxy.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const probe = pathToFileURL(join(root, 'bench', 'rss-probe.mjs')).href;
const REPO = 'Codertocat/Hello-World';
const API = `/repos/${REPO}`;
const RUN_ID = '4242';
/** The hidden marker of the agent's answer (src/hosts/markers.ts): one output key per run, agent and output. */
const ANSWER_MARKER = `<!-- flue-action:output agent=triage run=${RUN_ID} key=add_comment.1 -->`;
const PROGRESS_MARKER = `<!-- flue-action:progress agent=triage run=${RUN_ID} -->`;
const TRIAGE = `---
description: Label and answer new issues
tools: [read]
outputs:
  add_comment: { max: 1 }
  add_labels: { allowed: [bug, question], max: 2 }
---
Label the issue and thank its author.
`;
const READER = `---
description: Read the README many times
tools: [read]
---
Read README.md until you are sure of it.
`;
/**
 * Shortened so the soak ends in minutes: a stalled stream is given up after 0.5 s of silence, and one
 * model call retries for 3 s (about three attempts: the backoff starts at 1 s and doubles).
 */
const MODEL_IDLE_SECONDS = '0.5';
const MODEL_RETRY_MINUTES = '0.05';
/** The CLI's exit code for each status (README "Exit codes"). */
const EXIT_CODES = { succeeded: 0, failed: 1, budget_exhausted: 3, cancelled: 4 };

const { values: flags } = parsedArgs({
  args: process.argv.slice(process.argv[2] === 'soak' ? 3 : 2),
  options: {
    json: { type: 'boolean', default: false },
    sessions: { type: 'string', default: '200' },
    'fault-rate': { type: 'string', default: '0.1' },
    seed: { type: 'string', default: '11' },
    concurrency: { type: 'string', default: '4' },
    turns: { type: 'string', default: '200' },
    fault: { type: 'string' },
    dist: { type: 'string', default: join(root, 'dist') },
  },
});
const dist = resolve(flags.dist);
const sessionCount = wholeNumber('sessions', flags.sessions);
const faultRate = Number(flags['fault-rate']);
if (!(faultRate >= 0 && faultRate <= 1)) usage(`invalid --fault-rate '${flags['fault-rate']}'. Expected a number from 0 to 1.`);
const seed = wholeNumber('seed', flags.seed);
const concurrency = Math.max(1, wholeNumber('concurrency', flags.concurrency));
const longTurns = wholeNumber('turns', flags.turns);
for (const file of ['index.js', 'cli.js']) {
  if (!existsSync(join(dist, file))) usage(`${join(dist, file)} is missing. Run \`npm run build\` first: the soak drives the built runner.`);
}

/**
 * The faults a session may draw. `model` is a model turn (from test/fakes/anthropic.ts) put in front of
 * one of the session's three model requests, `repeat` times; `github` fails one write through the proxy.
 * `expect` is the status the fault allows: a fault the runner retries past must end `succeeded`, one
 * beyond its retries `failed`, with the reason matching `cause`.
 */
const FAULTS = [
  {
    name: 'model 429, retry-after 1 s',
    model: () => A.apiError(429, 'Number of request tokens has exceeded your rate limit', { retryAfter: 1 }),
    expect: 'succeeded',
  },
  { name: 'model 529 overloaded', model: () => A.apiError(529, 'Overloaded'), expect: 'succeeded' },
  { name: 'model 500', model: () => A.apiError(500, 'Internal server error'), expect: 'succeeded' },
  { name: 'overloaded_error mid-stream', model: () => A.streamError('overloaded_error', 'Overloaded'), expect: 'succeeded' },
  { name: 'stream reset mid-answer', model: () => A.brokenStream('reset'), expect: 'succeeded' },
  { name: 'stream truncated', model: () => A.brokenStream('truncate'), expect: 'succeeded' },
  { name: 'stream malformed JSON', model: () => A.brokenStream('malformed'), expect: 'succeeded' },
  { name: 'connection reset before headers', model: () => A.brokenStream('drop'), expect: 'succeeded' },
  { name: 'stream stalls after headers', model: () => A.hang('mid-stream'), expect: 'succeeded' },
  {
    name: 'model 529 beyond retries',
    model: () => A.apiError(529, 'Overloaded'),
    repeat: 10,
    expect: 'failed',
    cause: /529 overloaded_error.*gave up/,
  },
  { name: 'stream stalls beyond retries', model: () => A.hang('mid-stream'), repeat: 10, expect: 'failed', cause: /silent.*gave up/ },
  { name: 'GitHub 502 on the answer', github: { call: `POST ${API}/issues/1/comments`, nth: 2, mode: 'instead', status: 502 }, expect: 'succeeded' },
  {
    name: 'GitHub secondary limit on the answer',
    github: {
      call: `POST ${API}/issues/1/comments`,
      nth: 2,
      mode: 'instead',
      status: 403,
      headers: { 'retry-after': '1' },
      message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
    },
    expect: 'succeeded',
  },
  { name: 'GitHub 502 on the labels', github: { call: `POST ${API}/issues/1/labels`, nth: 1, mode: 'instead', status: 502 }, expect: 'succeeded' },
  {
    name: 'GitHub 502 on the progress update',
    github: { call: `PATCH ${API}/issues/comments/5001`, nth: 1, mode: 'instead', status: 502 },
    expect: 'succeeded',
  },
  {
    name: 'GitHub 404 on the labels',
    github: { call: `POST ${API}/issues/1/labels`, nth: 1, mode: 'instead', status: 404 },
    expect: 'failed',
    cause: /labels.*404|404.*labels/i,
  },
  {
    name: 'GitHub 502 on the answer beyond retries',
    github: { call: `POST ${API}/issues/1/comments`, nth: 2, times: 4, mode: 'instead', status: 502 },
    expect: 'failed',
    cause: /comments.*502|502.*comments/i,
  },
  {
    name: 'GitHub 502 after the answer was written',
    github: { call: `POST ${API}/issues/1/comments`, nth: 2, mode: 'after', status: 502 },
    expect: 'succeeded',
  },
  {
    name: 'GitHub 502 after the labels were written',
    github: { call: `POST ${API}/issues/1/labels`, nth: 1, mode: 'after', status: 502 },
    expect: 'succeeded',
  },
  {
    name: 'GitHub 502 after the progress comment was written',
    github: { call: `POST ${API}/issues/1/comments`, nth: 1, mode: 'after', status: 502 },
    expect: 'succeeded',
  },
];
/** `--fault TEXT`: only the faults whose name contains it, to reproduce one. */
const catalog = flags.fault === undefined ? FAULTS : FAULTS.filter((fault) => fault.name.includes(flags.fault));
if (catalog.length === 0) usage(`no fault's name contains '${flags.fault}'. Faults: ${FAULTS.map((fault) => fault.name).join('; ')}`);

const work = mkdtempSync(join(tmpdir(), 'flue-soak-'));
const { anthropic: A, github: G } = await loadTestFakes(root, join(work, 'fakes'));
const issuesOpened = createRequire(join(root, 'package.json'))('@octokit/webhooks-examples')
  .find((definition) => definition.name === 'issues')
  .examples.find((payload) => payload.action === 'opened');
const compileCache = join(work, 'compile-cache');

const started = performance.now();
try {
  const plan = planSessions();
  progress(`node ${process.version}; ${sessionCount} sessions, fault rate ${faultRate}, seed ${seed}, ${concurrency} at a time`);
  const results = await pool(plan, concurrency, runSession);
  const long = longTurns > 0 ? await longSession(longTurns) : undefined;
  const report = summarize(results, long);
  process.stdout.write(flags.json ? `${JSON.stringify(report, null, 2)}\n` : table(report));
  process.exitCode = report.duplicated > 0 || report.lostLogs > 0 || report.wrongStatus > 0 || report.outputMismatch > 0 ? 1 : 0;
} finally {
  rmSync(work, { recursive: true, force: true });
}

/** One fault (or none) per session, from a fixed-seed PRNG: the same seed gives the same soak. */
function planSessions() {
  const random = mulberry32(seed);
  return Array.from({ length: sessionCount }, (_, index) => {
    const faulty = random() < faultRate;
    const fault = faulty ? catalog[Math.floor(random() * catalog.length)] : undefined;
    // Which of the three model requests (read, propose the outputs, answer) a model fault hits.
    const request = faulty ? Math.floor(random() * 3) : 0;
    return { index, fault, request };
  });
}

/** Runs one session of the built action against fresh fakes; returns what it checked. */
async function runSession({ index, fault, request }) {
  const dir = join(work, `session-${index}`);
  const workspace = join(dir, 'workspace');
  mkdirSync(join(workspace, '.flue', 'agents'), { recursive: true });
  writeFileSync(join(workspace, '.flue', 'agents', 'triage.md'), TRIAGE);
  writeFileSync(join(workspace, 'README.md'), '# Hello World\n\nA repository for the soak.\n');

  const script = [
    A.toolUse('read', { path: 'README.md' }),
    A.turn([A.toolBlock('add_labels', { labels: ['question'] }), A.toolBlock('add_comment', { body: `Thanks! Session ${index}.` })]),
    A.text('Labelled and answered.'),
  ];
  if (fault?.model) script.splice(request, 0, ...Array.from({ length: fault.repeat ?? 1 }, fault.model));
  const model = await A.startFakeAnthropic({ turns: script });
  const github = await G.startFakeGitHub();
  const repo = github.seedFromPayload(structuredClone(issuesOpened));
  repo.permission('Codertocat', 'write');
  const proxy = await startGitHubProxy(github.url, fault?.github);
  try {
    const run = await runAction(dir, workspace, proxy.url, model.url);
    return { index, fault: fault?.name ?? 'none', ...check(run, fault, repo, proxy), wallMs: run.wallMs };
  } finally {
    await Promise.all([model.close(), proxy.close(), github.close()]);
  }
}

/** dist/index.js as the runner starts it (test/action/harness.ts): INPUT_* variables and the runner's files. */
function runAction(dir, workspace, githubUrl, anthropicUrl) {
  const runnerTemp = join(dir, 'runner-temp');
  mkdirSync(runnerTemp);
  const files = Object.fromEntries(['event.json', 'output', 'summary', 'state'].map((name) => [name, join(dir, name)]));
  writeFileSync(files['event.json'], JSON.stringify(issuesOpened));
  for (const name of ['output', 'summary', 'state']) writeFileSync(files[name], '');
  const inputs = {
    agent: 'triage',
    'anthropic-api-key': 'sk-ant-soak-0123456789abcdef',
    'github-token': 'ghs_soak0123456789abcdefghij',
    'model-idle-seconds': MODEL_IDLE_SECONDS,
    'model-retry-minutes': MODEL_RETRY_MINUTES,
  };
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: 'issues',
    GITHUB_EVENT_PATH: files['event.json'],
    GITHUB_WORKSPACE: workspace,
    GITHUB_REPOSITORY: REPO,
    GITHUB_SHA: 'c0ffee'.padEnd(40, '0'),
    GITHUB_RUN_ID: RUN_ID,
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_JOB: 'triage',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: githubUrl,
    RUNNER_TEMP: runnerTemp,
    ANTHROPIC_BASE_URL: anthropicUrl,
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_STATE: files.state,
    NODE_COMPILE_CACHE: compileCache,
  };
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value;
  return new Promise((resolvePromise, reject) => {
    const begun = performance.now();
    const child = spawn(process.execPath, [join(dist, 'index.js')], { cwd: workspace, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const outputs = parseCommandFile(readFileSync(files.output, 'utf8'));
      resolvePromise({ code: code ?? signal, output, outputs, runnerTemp, wallMs: performance.now() - begun });
    });
  });
}

/** Every check of one session: its problems by kind, and the facts the table counts. */
function check(run, fault, repo, proxy) {
  const problems = [];
  const status = run.outputs.status;
  const log = readLog(run);
  if (log.problem) problems.push({ kind: 'lostLog', detail: log.problem });
  const end = log.events?.find((event) => event.type === 'end');
  const reason = end?.reason ?? '';

  const expected = fault?.expect ?? 'succeeded';
  if (status !== expected) problems.push({ kind: 'wrongStatus', detail: `status ${status}, expected ${expected}: ${reason}` });
  else if (expected === 'failed' && !fault.cause.test(reason))
    problems.push({ kind: 'wrongStatus', detail: `failed without naming the cause: ${reason}` });
  if (run.code !== EXIT_CODES[status]) problems.push({ kind: 'wrongStatus', detail: `exit code ${run.code} for status ${status}` });
  if (end && end.status !== status) problems.push({ kind: 'wrongStatus', detail: `the log ends ${end.status}, the step says ${status}` });

  // What reached GitHub: comments carrying the answer's marker, label requests the fake applied.
  const comments = repo.comments(1);
  const answers = comments.filter((comment) => comment.body.includes(ANSWER_MARKER)).length;
  const progressComments = comments.filter((comment) => comment.body.includes(PROGRESS_MARKER));
  // A label request sent again after the client was told the first one failed is a retry (the label is
  // on the issue once, as GitHub keeps a set); sent again after a success, it is a duplicate.
  const labelRequests = proxy.writes.filter((write) => write.call === `POST ${API}/issues/1/labels` && write.status < 300);
  const labelWrites = labelRequests.length;
  const labelRepeats = labelRequests.filter((write) => write.answered < 300).length;
  if (answers > 1) problems.push({ kind: 'duplicated', detail: `${answers} answer comments` });
  if (labelRepeats > 1) problems.push({ kind: 'duplicated', detail: `${labelRepeats} label requests applied and answered as applied` });
  if (progressComments.length > 1) problems.push({ kind: 'duplicated', detail: `${progressComments.length} progress comments` });
  if (progressComments.length === 1 && status && !progressComments[0].body.includes(`**${status}**`)) {
    problems.push({ kind: 'wrongStatus', detail: `the progress comment does not say ${status}` });
  }

  // Every output the agent proposed: applied once on GitHub and logged so, or rejected and absent.
  if (log.events) {
    const applied = new Set(log.events.filter((event) => event.type === 'output_applied').map((event) => event.kind));
    const onGitHub = { add_comment: answers, add_labels: labelWrites };
    for (const proposed of log.events.filter((event) => event.type === 'output_proposed')) {
      const kind = proposed.output.kind;
      const landed = Math.min(onGitHub[kind], 1);
      if (applied.has(kind) && landed === 0) problems.push({ kind: 'outputMismatch', detail: `${kind} logged as applied, absent on GitHub` });
      if (!applied.has(kind) && landed === 1) problems.push({ kind: 'outputMismatch', detail: `${kind} on GitHub, not logged as applied` });
    }
    if (status === 'succeeded' && (answers !== 1 || labelWrites === 0 || !repo.labels(1).includes('question'))) {
      problems.push({ kind: 'outputMismatch', detail: `succeeded with ${answers} answers and ${labelWrites} label writes` });
    }
  }
  return { status, reason, problems, logBytes: log.bytes ?? 0, injected: proxy.injected };
}

/** The session log named by the `log-file` output, parsed line by line (DESIGN.md §4). */
function readLog(run) {
  const file = run.outputs['log-file'];
  if (!file) return { problem: 'no log-file output' };
  if (!existsSync(file)) return { problem: `log-file ${file} does not exist` };
  return parseLog(readFileSync(file, 'utf8'), run.outputs['session-id']);
}

/** A complete session log: whole lines of JSON, a version 1 header with the session's id, one `end`, last. */
function parseLog(text, sessionId) {
  if (!text.endsWith('\n')) return { problem: 'the log does not end with a newline (torn last line)' };
  const events = [];
  const lines = text.slice(0, -1).split('\n');
  for (const [number, line] of lines.entries()) {
    try {
      events.push(JSON.parse(line));
    } catch {
      return { problem: `line ${number + 1} is not JSON` };
    }
  }
  const header = events[0];
  if (header?.type !== 'session' || header.version !== 1) return { problem: 'the first line is not a version 1 session header' };
  if (sessionId !== undefined && header.id !== sessionId) return { problem: `the header's id ${header.id} is not the session-id output` };
  const ends = events.filter((event) => event.type === 'end').length;
  if (ends !== 1) return { problem: `${ends} end events` };
  if (events.at(-1).type !== 'end') return { problem: 'events after the end event' };
  return { events, bytes: Buffer.byteLength(text) };
}

/**
 * The long session: a scripted model that calls `read` `turns - 1` times and then answers, on the built
 * CLI under the RSS probe. Reports wall time, peak RSS, the log's size and the last request's bytes.
 */
async function longSession(turns) {
  progress(`one ${turns}-turn session on dist/cli.js`);
  const repo = join(work, 'long');
  mkdirSync(join(repo, '.flue', 'agents'), { recursive: true });
  writeFileSync(join(repo, '.flue', 'agents', 'reader.md'), READER);
  writeFileSync(join(repo, 'README.md'), '# Hello World\n\nA repository for the soak.\n');
  const model = await A.startFakeAnthropic({
    handler: (_request, index) => (index < turns - 1 ? A.toolUse('read', { path: 'README.md' }) : A.text('I am sure of it now.')),
  });
  const logDir = join(repo, 'logs');
  const rssFile = join(work, 'long-rss.txt');
  const env = {
    ...process.env,
    ANTHROPIC_API_KEY: 'soak-key',
    ANTHROPIC_BASE_URL: model.url,
    FLUE_BENCH_RSS_FILE: rssFile,
    NODE_COMPILE_CACHE: compileCache,
  };
  delete env.NODE_EXTRA_CA_CERTS; // as bench/run.mjs: the fake needs no extra CA
  const args = ['--import', probe, join(dist, 'cli.js'), 'run', 'reader', '--cwd', repo, '--log-dir', logDir, '--max-turns', String(turns + 10)];
  try {
    const begun = performance.now();
    const { code, output } = await new Promise((resolvePromise, reject) => {
      const child = spawn(process.execPath, args, { cwd: repo, env, stdio: ['ignore', 'pipe', 'pipe'] });
      let text = '';
      child.stdout.on('data', (chunk) => (text += chunk));
      child.stderr.on('data', (chunk) => (text += chunk));
      child.on('error', reject);
      child.on('close', (exitCode) => resolvePromise({ code: exitCode, output: text }));
    });
    const wallMs = performance.now() - begun;
    if (code !== 0 || model.requests.length !== turns) {
      throw new Error(`soak: the ${turns}-turn session exited ${code} after ${model.requests.length} model requests:\n${output}`);
    }
    const logFile = readdirSync(logDir).find((name) => name.endsWith('.jsonl'));
    const log = parseLog(readFileSync(join(logDir, logFile), 'utf8'));
    const end = log.events?.at(-1);
    if (log.problem || end.status !== 'succeeded' || end.totals.turns !== turns) {
      throw new Error(`soak: the ${turns}-turn session's log: ${log.problem ?? `ends ${end.status} after ${end.totals.turns} turns`}`);
    }
    return {
      turns,
      wallMs: round(wallMs),
      peakRssMB: round((Number(readFileSync(rssFile, 'utf8')) * 1024) / 1e6),
      logBytes: statSync(join(logDir, logFile)).size,
      lastRequestBytes: model.requests.at(-1).rawBytes,
      firstRequestBytes: model.requests[0].rawBytes,
    };
  } finally {
    await model.close();
  }
}

function summarize(results, long) {
  const count = (kind) => results.filter((result) => result.problems.some((problem) => problem.kind === kind)).length;
  const failedBy = {};
  for (const result of results.filter((entry) => entry.status === 'failed')) {
    failedBy[result.fault] ??= { sessions: 0, reason: result.reason };
    failedBy[result.fault].sessions += 1;
  }
  const faults = {};
  for (const result of results) {
    faults[result.fault] ??= { sessions: 0, succeeded: 0, failed: 0 };
    faults[result.fault].sessions += 1;
    if (result.status === 'succeeded') faults[result.fault].succeeded += 1;
    if (result.status === 'failed') faults[result.fault].failed += 1;
  }
  const walls = results.map((result) => result.wallMs).sort((a, b) => a - b);
  return {
    node: process.version,
    seed,
    faultRate,
    concurrency,
    sessions: results.length,
    succeeded: results.filter((result) => result.status === 'succeeded').length,
    failed: results.filter((result) => result.status === 'failed').length,
    otherStatus: results.filter((result) => result.status !== 'succeeded' && result.status !== 'failed').length,
    failedByCause: failedBy,
    faults,
    duplicated: count('duplicated'),
    lostLogs: count('lostLog'),
    wrongStatus: count('wrongStatus'),
    outputMismatch: count('outputMismatch'),
    p50WallMs: round(percentile(walls, 0.5)),
    p95WallMs: round(percentile(walls, 0.95)),
    soakSeconds: round((performance.now() - started) / 1000),
    problems: results
      .filter((result) => result.problems.length > 0)
      .map((result) => ({ session: result.index, fault: result.fault, problems: result.problems })),
    long,
  };
}

function table(r) {
  const lines = [
    `flue-action soak: node ${r.node}, ${r.sessions} sessions of the built action, fault rate ${r.faultRate}, seed ${r.seed}, ${r.concurrency} at a time, ${r.soakSeconds} s`,
    '',
    '| figure | value | must be |',
    '|---|---:|---|',
    `| sessions | ${r.sessions} | |`,
    `| succeeded | ${r.succeeded} | |`,
    `| failed | ${r.failed} | only where a fault is beyond retries |`,
    ...Object.entries(r.failedByCause).map(([fault, { sessions, reason }]) => `|   ${fault} | ${sessions} | ${cell(reason)} |`),
    ...(r.otherStatus ? [`| another status | ${r.otherStatus} | 0 |`] : []),
    `| duplicated outputs (sessions) | ${r.duplicated} | 0 |`,
    `| lost or torn logs | ${r.lostLogs} | 0 |`,
    `| wrong status, exit code or cause | ${r.wrongStatus} | 0 |`,
    `| output on GitHub and in the log disagree | ${r.outputMismatch} | 0 |`,
    `| session wall time p50 (ms) | ${r.p50WallMs} | |`,
    `| session wall time p95 (ms) | ${r.p95WallMs} | |`,
    '',
    '| fault | sessions | succeeded | failed |',
    '|---|---:|---:|---:|',
    ...Object.entries(r.faults)
      .sort(([a], [b]) => (a === 'none' ? -1 : b === 'none' ? 1 : a.localeCompare(b)))
      .map(([fault, f]) => `| ${fault} | ${f.sessions} | ${f.succeeded} | ${f.failed} |`),
  ];
  if (r.long) {
    const l = r.long;
    lines.push(
      '',
      `| ${l.turns}-turn session (dist/cli.js) | value |`,
      '|---|---:|',
      `| wall time (ms) | ${l.wallMs} |`,
      `| peak RSS (MB) | ${l.peakRssMB} |`,
      `| session log (bytes) | ${l.logBytes} |`,
      `| first request body (bytes) | ${l.firstRequestBytes} |`,
      `| last request body (bytes) | ${l.lastRequestBytes} |`,
    );
  }
  if (r.problems.length > 0) {
    lines.push('', 'Problems:');
    for (const { session, fault, problems } of r.problems) {
      for (const problem of problems) lines.push(`- session ${session} (${fault}): ${problem.kind}: ${problem.detail}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** Runs `work` over `items`, `limit` at a time, in order of the items; a progress line every 20. */
async function pool(items, limit, work) {
  const results = new Array(items.length);
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++];
      results[item.index] = await work(item);
      done += 1;
      if (done % 20 === 0 || done === items.length) progress(`${done}/${items.length} sessions`);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** `name<<delimiter\nvalue\ndelimiter` entries, as @actions/core writes GITHUB_OUTPUT. */
function parseCommandFile(text) {
  const values = {};
  for (const match of text.matchAll(/^(.+?)<<(\S+)\n([\s\S]*?)\n\2$/gm)) values[match[1]] = match[3];
  return values;
}

/** A small, well-known 32-bit PRNG: enough to make the fault plan reproducible from one seed. */
function mulberry32(state) {
  let a = state >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function percentile(sorted, p) {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
}

function round(value) {
  return Math.round(value * 100) / 100;
}

function cell(text) {
  return String(text).replaceAll('|', '\\|').replaceAll('\n', ' ');
}

function wholeNumber(flag, value) {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0) usage(`invalid --${flag} '${value}'. Expected a whole number.`);
  return number;
}

/** parseArgs, with an unknown or malformed flag said in one line (exit 2) instead of a stack. */
function parsedArgs(config) {
  try {
    return parseArgs(config);
  } catch (error) {
    return usage(error.message);
  }
}

function usage(message) {
  process.stderr.write(`bench soak: ${message}\n`);
  process.exit(2);
}

function progress(line) {
  if (!flags.json || process.stderr.isTTY) process.stderr.write(`bench soak: ${line}\n`);
}
