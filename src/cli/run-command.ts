import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import type { AgentSpec } from '../definitions/types.js';
import { errorMessage, InputError } from '../errors.js';
import { AnthropicModelClient } from '../harness/anthropic/index.js';
import type { ModelClient } from '../harness/model.js';
import { ScriptedModelClient } from '../harness/scripted-client.js';
import { LocalHost } from '../hosts/local.js';
import { loadRunAgent, recordSkippedRun, runLoadedAgent, type PipelineSettings, type RunReport } from '../pipeline.js';
import { nullPrototypeRecord } from '../records.js';
// progress.js, not the report's index: the HTML and transcript renderers load only when used.
import { createProgressPrinter, type LineSink } from '../report/progress.js';
import { terminalSafe, terminalSafeJson } from '../report/terminal.js';
import { secretValues } from '../secrets/variables.js';
import { oneLine } from '../text/index.js';
import { triggerFromGitHubEvent, triggerFromInput } from '../trigger/index.js';
import type { Trigger } from '../trigger/types.js';
import { commandLimits, type RunCommand } from './args.js';
import { batchedOutput } from './batched-output.js';
import { exitCodeFor } from './exit-codes.js';
import { inGitLabJob } from './gitlab-job-detect.js';
import type { LocalEventRun } from './local-event.js';
import type { ResumedRun } from './resume-command.js';
import type { CliIo } from './io.js';

export async function runCommand(command: RunCommand, io: CliIo): Promise<number> {
  const gitLab = inGitLabJob(command, io.env);
  if (command.resume !== undefined && command.resume !== 'auto' && gitLab) {
    throw new InputError(
      `Invalid --resume '${command.resume}' in a GitLab CI job (GITLAB_CI=true): a job resumes only with --resume auto, which continues ` +
        "the interrupted session of the job's previous attempt (a retry). A log file is resumed locally.",
    );
  }
  if (command.resume === 'auto' && !gitLab) {
    throw new InputError(
      '--resume auto continues a retried GitLab job (GITLAB_CI=true) from its previous attempt; a local run resumes a session log: --resume <log> (./auto for a file named auto).',
    );
  }
  if (gitLab) return (await import('./gitlab-job.js')).runGitLabJob(command, io);
  refuseCiFlags(command);
  const workspace = resolve(io.cwd, command.cwd);
  if (!existsSync(workspace)) throw new InputError(`Invalid --cwd '${command.cwd}': no such directory.`);
  // Dynamic, like the log reader it loads: a run that does not resume does not carry them at start-up.
  const resumed =
    command.resume === undefined ? undefined : (await import('./resume-command.js')).readResumedRun({ ...command, resume: command.resume }, io.cwd);
  if (resumed?.notice) io.stderr.write(`${terminalSafe(`flue-action: warning: ${resumed.notice}`)}\n`);
  const trigger = resumed?.trigger ?? readTrigger(command, io);
  // Progress, and the line saying the model is scripted, in order and one write per turn of the loop.
  const progress = batchedOutput(io.stderr);
  const run: LocalEventRun = {
    workspace,
    logDir: command.logDir ? resolve(io.cwd, command.logDir) : join(tmpdir(), 'flue-action', 'sessions'),
    // Every secret of the environment (ANTHROPIC_API_KEY, GITHUB_TOKEN, CI_JOB_TOKEN, ...): see src/secrets/variables.ts.
    secrets: secretValues(io.env),
    signal: io.signal,
    createModelClient: async (spec) => {
      const client = await chooseModelClient(spec, command, workspace, io, progress);
      // A scripted model replays from the turn after the last one the log holds.
      if (resumed && client instanceof ScriptedModelClient) client.skipTurns(resumed.answeredTurns);
      return client;
    },
    onEvent: command.json && !io.isTerminal ? undefined : createProgressPrinter(progress, { color: io.isTerminal }),
    print: (line) => progress.write(`${terminalSafe(line)}\n`),
  };
  let report: RunReport;
  try {
    // With --event, the event is gated as in CI; without (or resuming a run, whose log holds its event and profile),
    // the run is the developer's own, trusted unless --untrusted. Loaded for --event only: the gate and the local
    // CI host stay off the path of a plain run (and out of the action's bundle).
    report =
      command.eventFile === undefined
        ? await runWithoutEvent(command, trigger, run, resumed)
        : await (await import('./local-event.js')).runLocalEvent(command, trigger, run);
  } finally {
    // What the run printed comes before the summary, or before the error line.
    progress.flush();
  }
  await printReport(report, command, io);
  return exitCodeFor(report.status);
}

/**
 * A run on `--input` alone, or resumed from its log. The untrusted profile (`--untrusted`, or the one the
 * resumed run had) refuses an agent that needs more (write tools, commands, network) as CI refuses it
 * (admitAgent), rather than running it without what it expects.
 */
async function runWithoutEvent(command: RunCommand, trigger: Trigger, run: LocalEventRun, resumed?: ResumedRun): Promise<RunReport> {
  const untrusted = command.untrusted || resumed?.untrusted === true;
  const settings: PipelineSettings = {
    workspace: run.workspace,
    agent: command.agent,
    prompt: command.prompt,
    model: command.model ?? resumed?.model,
    limits: commandLimits(command),
    profile: untrusted ? 'untrusted' : 'trusted',
    // A local run has nowhere to post (LocalHost): its outputs are recorded and shown as a dry run,
    // never as applied, with or without --dry-run.
    dryRun: true,
    logDir: run.logDir,
    secrets: run.secrets,
    resumeFrom: resumed?.log,
  };
  const deps = { host: new LocalHost(), trigger, createModelClient: run.createModelClient, signal: run.signal, onEvent: run.onEvent };
  const spec = await loadRunAgent(settings);
  // The gate loads for --untrusted only, as it loads in CI: a plain run's start-up stays lean.
  const because = command.untrusted ? 'the --untrusted option was given' : 'the run it resumes had the untrusted profile';
  const refused = untrusted ? (await import('./local-event.js')).untrustedRefusal(spec, because) : undefined;
  if (refused !== undefined) return recordSkippedRun(refused, settings, deps, spec);
  return runLoadedAgent(spec, settings, deps);
}

/** Gate settings mean something only where there is an event to gate: said, not ignored. */
function refuseCiFlags(command: RunCommand): void {
  const posting = (
    [
      ['progress-comment', command.progressComment],
      ['progress-details', command.progressDetails],
    ] as const
  ).find(([, value]) => value !== undefined);
  if (posting !== undefined) {
    throw new InputError(`Option '--${posting[0]}' applies in a GitLab CI job (GITLAB_CI=true), where run posts; a local run posts nothing.`);
  }
  if (command.eventFile !== undefined) {
    if (command.untrusted) {
      throw new InputError(
        "Option '--untrusted' does not combine with --event: the gate decides the event's profile, as in CI. " +
          'A sender with no permission (the default; --permission none) gets the untrusted profile wherever CI would give it.',
      );
    }
    return;
  }
  const gating = (
    [
      ['trigger-phrase', command.triggerPhrase],
      ['allowed-users', command.allowedUsers],
      ['allowed-bots', command.allowedBots],
      ['trust-author-text', command.trustAuthorText],
      ['as', command.as],
      ['permission', command.permission],
    ] as const
  ).find(([, value]) => value !== undefined);
  if (gating === undefined) return;
  throw new InputError(
    `Option '--${gating[0]}' applies to a run with --event, which is gated as in CI (or in a GitLab CI job); a run without --event has no event to gate.`,
  );
}

function readTrigger(command: RunCommand, io: CliIo): Trigger {
  if (command.eventFile === undefined) return triggerFromInput(command.input ?? {});
  const trigger = triggerFromGitHubEvent(command.eventName, readEventFile(command.eventFile, io.cwd), {
    source: command.eventFile,
    // A hand-written payload may lack `repository`; the trigger's error tells the user to set this.
    repository: io.env.GITHUB_REPOSITORY || undefined,
  });
  // Null prototype: `--input '{"__proto__": ...}'` stays plain data.
  return command.input ? { ...trigger, inputs: Object.assign(nullPrototypeRecord(), trigger.inputs, command.input) } : trigger;
}

function readEventFile(given: string, cwd: string): unknown {
  const expected = 'Expected a GitHub webhook payload (JSON), as GitHub sends it.';
  let text: string;
  try {
    text = readFileSync(resolve(cwd, given), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : (error as Error).message;
    throw new InputError(`Invalid --event '${given}': ${why}. ${expected}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    // V8 quotes the start of the text in the message, newlines included: the error must stay one line.
    throw new InputError(`Invalid --event '${given}': not JSON (${oneLine(errorMessage(error))}). ${expected}`);
  }
}

/**
 * The real API when a key is set; otherwise a scripted model, so an agent can be tried offline.
 * A scripted run is labelled as such everywhere it is reported.
 */
async function chooseModelClient(
  spec: AgentSpec,
  command: RunCommand,
  workspace: string,
  io: Pick<CliIo, 'env' | 'cwd'>,
  stderr: LineSink,
): Promise<ModelClient> {
  if (command.scriptedModel !== undefined) {
    const file = isAbsolute(command.scriptedModel) ? command.scriptedModel : resolve(io.cwd, command.scriptedModel);
    return ScriptedModelClient.load(file, command.scriptedModel);
  }
  const apiKey = io.env.ANTHROPIC_API_KEY;
  if (apiKey) return new AnthropicModelClient({ apiKey, baseURL: io.env.ANTHROPIC_BASE_URL || undefined, fallbackModel: command.fallbackModel });
  const canned = join(workspace, '.flue', 'scripted', `${spec.name}.jsonl`);
  if (existsSync(canned)) {
    stderr.write(`flue-action: ANTHROPIC_API_KEY is not set: replaying the scripted model in .flue/scripted/${spec.name}.jsonl\n`);
    return ScriptedModelClient.load(canned, `.flue/scripted/${spec.name}.jsonl`);
  }
  throw new InputError(
    'ANTHROPIC_API_KEY is not set. Export it (and ANTHROPIC_BASE_URL for a gateway), or pass --scripted-model FILE to replay canned model turns.',
  );
}

/** Everything here came from the model, the event or the workspace: it is printed terminal-safe. */
async function printReport(report: RunReport, command: RunCommand, io: CliIo): Promise<void> {
  for (const warning of report.warnings) io.stderr.write(`${terminalSafe(`flue-action: warning: ${warning}`)}\n`);
  if (command.json) {
    io.stdout.write(`${terminalSafeJson(envelope(report, true))}\n`);
    return;
  }
  // Loaded after the run, and only the formatter: the publish stage's sanitizer loads the markdown parser.
  const { formatOutputsForConsole } = await import('../publish/console.js');
  const outputs = formatOutputsForConsole(report.publish, { dryRun: true });
  if (outputs !== '') io.stderr.write(`\n${terminalSafe(outputs)}\n`);
  if (outputs !== '' && !command.dryRun) io.stderr.write('(flue-action run posts nothing from this machine: in CI, the action posts these.)\n');
  const model = report.modelClient === 'anthropic' ? report.model : `${report.model} via ${report.modelClient}`;
  io.stderr.write(terminalSafe(`model: ${model}\nlog: ${report.logFile}\nview: flue-action view ${report.logFile}\n`));
  if (report.result !== undefined) io.stdout.write(`${terminalSafeJson(report.result)}\n`);
  else if (report.text) io.stdout.write(`${terminalSafe(report.text)}\n`);
}

/** The one JSON shape every outcome is reported in (`--json`). */
export function envelope(report: RunReport, dryRun: boolean) {
  return {
    status: report.status,
    error: null as 'usage' | 'internal' | null,
    reason: report.reason ?? null,
    result: report.result ?? null,
    text: report.text ?? null,
    agent: report.agent,
    model: report.model,
    modelClient: report.modelClient,
    turns: report.totals.turns,
    costUsd: report.totals.costUsd,
    usage: {
      inputTokens: report.totals.inputTokens,
      outputTokens: report.totals.outputTokens,
      cacheReadTokens: report.totals.cacheReadTokens,
      cacheWriteTokens: report.totals.cacheWriteTokens,
    },
    durationMs: report.totals.durationMs,
    dryRun,
    outputs: report.publish,
    sessionId: report.sessionId,
    logFile: report.logFile,
    reportFile: report.reportFile ?? null,
  };
}

/**
 * What `--json` prints when the command did not get to run (a bad flag, a malformed agent, a missing
 * key: `error: "usage"`, exit 2; a bug: `error: "internal"`, exit 1). For `run`, the run envelope's
 * keys with nothing spent; for `list` and `check`, the error alone.
 */
export function notStartedEnvelope(argv: string[], reason: string, error: 'usage' | 'internal') {
  if (argv[0] !== 'run') return { error, reason };
  const agent = argv[1] !== undefined && !argv[1].startsWith('-') ? argv[1] : null;
  return {
    status: 'failed' as const,
    error,
    reason,
    result: null,
    text: null,
    agent,
    model: null,
    modelClient: null,
    turns: 0,
    costUsd: 0,
    usage: { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 },
    durationMs: 0,
    // A local run never posts (LocalHost), started or not.
    dryRun: true,
    outputs: { applied: [], rejected: [], failed: [] },
    sessionId: null,
    logFile: null,
    reportFile: null,
  };
}
