import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { pathInside } from './paths.js';
import { loadAgent, locateAgent } from './definitions/index.js';
import { errorMessage, isDefinitionError } from './errors.js';
import type { AgentLimits, AgentSpec } from './definitions/types.js';
import type { Profile } from './gate/profile.js';
import { runAgent } from './harness/index.js';
import type { AgentOutcome, StopCause } from './harness/outcome.js';
import type { ModelClient } from './harness/model.js';
import type { Host } from './hosts/host.js';
import type { PublishReport } from './publish/index.js';
import type { RunStatus, RunTotals } from './session-log/status.js';
import { writeReportFile } from './report/write.js';
import { createSandbox } from './sandbox/index.js';
import { refuseCommandsWhereSecretsAreReadable } from './secrets/exposure.js';
import { createRedactor } from './session-log/redact.js';
import { SessionLog } from './session-log/writer.js';
import type { SessionEvent } from './session-log/events.js';
import type { ParsedSessionLog } from './session-log/reader.js';
import { createAgentTools, OutputCollector } from './tools/index.js';
import { renderRunPrompt, type TriggerContextExtras } from './trigger/prompt.js';
import type { Trigger } from './trigger/types.js';
import { plural } from './text/index.js';
import { RUNNER_VERSION } from './version.js';

export interface PipelineSettings {
  /** Absolute path of the checkout the agent works on. */
  workspace: string;
  /** Agent name (or path) under `.flue/agents/`. */
  agent: string;
  /** Where `.flue/` is read from; a PR run reads it from the base ref. Default: the workspace. */
  definitionsRoot?: string;
  /** The task; without it the agent is asked to handle the event. */
  prompt?: string;
  /** Replaces the agent's `model:`. */
  model?: string;
  /** Replace the agent's own `limits:` values. */
  limits: Partial<AgentLimits>;
  profile: Profile;
  dryRun: boolean;
  /** Folder for the session log and the HTML report. */
  logDir: string;
  /** Values redacted from the log, the outputs and the report (API keys, tokens). */
  secrets: string[];
  /** What the front end decided before the run (the gate's notes: why the profile is untrusted); logged as warnings. */
  notes?: string[];
  /**
   * Continue this interrupted run instead of starting one (`flue-action run --resume`): its log is
   * appended to, its conversation, spending and outputs carry on (src/session-log/resume.ts).
   */
  resumeFrom?: ParsedSessionLog;
}

export interface PipelineDeps {
  host: Host;
  trigger: Trigger;
  /** Chosen after loading, because the model comes from the agent. */
  createModelClient(spec: AgentSpec): ModelClient | Promise<ModelClient>;
  /** Comments and changed files the host fetched for the model. */
  context?: TriggerContextExtras;
  /** Cancels the run (the action's post step, a CLI Ctrl-C). */
  signal?: AbortSignal;
  /** Sees every session event as it is recorded: the CLI's progress lines, the action's log groups. */
  onEvent?(event: SessionEvent): void;
  /** Told the session log's path once it is open (created, or reopened to resume), before the agent's first turn: a GitLab job seals it as it grows. */
  onLogOpened?(logFile: string): void;
}

/** Why a run ended: the harness's StopCause, or an output that passed the policy but could not be applied. */
export type RunCause = StopCause | 'publish_failed';

export interface RunReport {
  status: RunStatus;
  /** Why it stopped, in a word; undefined for a skip. The progress comment tells the runner's reasons from the model's by it. */
  cause?: RunCause;
  reason?: string;
  result?: unknown;
  text?: string;
  totals: RunTotals;
  sessionId: string;
  agent: string;
  model: string;
  modelClient: string;
  logFile: string;
  /** Undefined when the HTML report could not be written (see `warnings`). */
  reportFile?: string;
  publish: PublishReport;
  /**
   * What went wrong around the run without changing how it ended: a session log cut short by a write
   * error, a report file that could not be written. Front ends print each as a warning and in the summary.
   */
  warnings: string[];
}

/** Load, sandbox, harness, session log, publish: the stages every front end drives in this order. */
export async function runPipeline(settings: PipelineSettings, deps: PipelineDeps): Promise<RunReport> {
  return runLoadedAgent(await loadRunAgent(settings), settings, deps);
}

/**
 * The load stage alone, with the `model` and `limits` overrides applied. A front end that gates on
 * what the agent needs (the action) loads first, gates, then calls runLoadedAgent.
 */
export async function loadRunAgent(
  settings: Pick<PipelineSettings, 'workspace' | 'agent' | 'definitionsRoot' | 'model' | 'limits'>,
): Promise<AgentSpec> {
  const loaded = await loadAgent(settings.workspace, settings.agent, { definitionsRoot: settings.definitionsRoot });
  return withOverrides(loaded, settings);
}

/**
 * Why the run is skipped when the agent is one a pull request adds: its definitions are the base
 * commit's (`definitionsRoot`), which has no such agent, while the pull request's checkout has. Adding
 * an agent by pull request is the normal way to add one; it runs once merged. Undefined otherwise.
 */
export async function agentOnlyInPullRequest(
  settings: Pick<PipelineSettings, 'workspace' | 'agent' | 'definitionsRoot'>,
  trigger: Pick<Trigger, 'isPullRequest'>,
): Promise<string | undefined> {
  const { definitionsRoot, workspace, agent } = settings;
  if (!trigger.isPullRequest || definitionsRoot === undefined) return undefined;
  if ((await agentAt(definitionsRoot, agent)) !== undefined) return undefined;
  const file = await agentAt(workspace, agent);
  if (file === undefined) return undefined;
  return (
    `agent '${agent}' is defined only in this pull request (${file}): a pull request's agents come from its base ` +
    'commit, so that a pull request cannot bring the agent that reviews it. It runs once the pull request is merged.'
  );
}

/** The repository-relative file of the agent under `root`; undefined when there is none. */
async function agentAt(root: string, agent: string): Promise<string | undefined> {
  try {
    return (await locateAgent(root, agent)).file;
  } catch (error) {
    if (isDefinitionError(error)) return undefined;
    throw error;
  }
}

/** Sandbox, harness, session log, publish, for an agent loadRunAgent loaded. */
export async function runLoadedAgent(spec: AgentSpec, settings: PipelineSettings, deps: PipelineDeps): Promise<RunReport> {
  // A real command can read the environment its parents started with: refused before anything is spent.
  if (settings.profile === 'trusted' && spec.commands.length > 0) refuseCommandsWhereSecretsAreReadable(spec.name, settings.secrets);
  // A resume is checked and read before anything is spent.
  const resuming = settings.resumeFrom === undefined ? undefined : await loadResumeSteps();
  const resume = settings.resumeFrom && resuming?.planResume(settings.resumeFrom, spec);
  const model = await deps.createModelClient(spec);
  const { log, sessionId, logFile } = resume && resuming ? resuming.reopenLog(resume, settings, deps) : openLog(spec, model.label, settings, deps);
  deps.onLogOpened?.(logFile);
  // A resumed run's log has them from its first attempt.
  if (!resume) for (const message of [...spec.warnings, ...(settings.notes ?? [])]) log.record({ type: 'warning', message });

  const sandbox = createSandbox({
    workspace: settings.workspace,
    profile: settings.profile,
    allowWrite: spec.tools.includes('write'),
    commands: spec.commands,
    networkAllow: spec.network.allow,
    // A pull-request run's definitions are the base commit's: the sandbox serves that copy in place of the PR's.
    definitionsRoot: settings.definitionsRoot,
  });
  // just-bash checks a network allow-list as it builds the shell: build that shell now, so a bad entry
  // stops the run before the model is called.
  if (settings.profile === 'trusted' && spec.network.allow.length > 0) await sandbox.load();
  const proposalContext = {
    isPullRequest: deps.trigger.isPullRequest,
    trusted: settings.profile === 'trusted',
    runnerPaths: [...insideWorkspace(settings.workspace, settings.logDir), CONTEXT_FOLDER],
  };
  const collector = new OutputCollector(spec.outputs, proposalContext, log);
  if (resume) collector.restore(resume.outputs.proposals, resume.outputs.lastNumbers);
  const tools = createAgentTools(spec, sandbox, collector, proposalContext);
  const outcome = await runAgent({
    spec,
    model,
    tools,
    workspace: settings.workspace,
    event: deps.trigger,
    context: deps.context,
    // A resumed run's first message is in its log, with the rest of the conversation.
    prompt: resume ? '' : await renderRunPrompt({ trigger: deps.trigger, userPrompt: settings.prompt, context: deps.context }),
    resume: resume && { conversation: resume.conversation, spent: resume.spent },
    recorder: log,
    outputs: collector,
    shell: (command, signal) => sandbox.exec(command, { signal }),
    signal: deps.signal,
    loadSubagent: async (name) => {
      const sub = withOverrides(await loadAgent(settings.workspace, name, { definitionsRoot: settings.definitionsRoot }), {
        ...settings,
        limits: {},
      });
      return { spec: sub, tools: createAgentTools(sub, sandbox, collector, proposalContext) };
    },
  });

  // Only a run that succeeded publishes: a failed or exhausted run's proposals were never finished.
  const proposals = collector.list();
  const publishable = outcome.status === 'succeeded' ? proposals : [];
  if (publishable.length === 0) {
    for (const proposal of proposals) {
      log.record({ type: 'output_rejected', id: proposal.id, kind: proposal.output.kind, reason: `the run ${outcome.status}` });
    }
  }
  const { applySafeOutputs } = await endOfRun.publish();
  const publish = await applySafeOutputs({
    agent: spec.name,
    proposals: publishable,
    policy: spec.outputs,
    trigger: deps.trigger,
    host: deps.host,
    recorder: log,
    dryRun: settings.dryRun,
    secrets: settings.secrets,
    trusted: settings.profile === 'trusted',
    alreadyApplied: resume?.outputs.applied,
  });
  const end = settleStatus(outcome, publish);
  log.record({ type: 'end', status: end.status, reason: end.reason, result: outcome.result, text: outcome.text, totals: outcome.totals });
  const warnings = closeLog(log);
  const reportFile = await writeReport(logFile, warnings);
  // Redacted as the log is: front ends print these and set them as outputs (the CLI's stdout, the action's `result`).
  const redactor = createRedactor(settings.secrets);
  return {
    status: end.status,
    cause: end.cause,
    reason: end.reason === undefined ? undefined : redactor.text(end.reason),
    result: redactor.value(outcome.result),
    text: outcome.text === undefined ? undefined : redactor.text(outcome.text),
    totals: outcome.totals,
    sessionId,
    agent: spec.name,
    model: spec.model,
    modelClient: model.label,
    logFile,
    reportFile,
    publish,
    warnings,
  };
}

/**
 * The run's one terminal status, after publish: a run whose outputs could not all be applied did not
 * succeed, whatever the model did (the step fails on it, so its `status`, summary and log say so too).
 */
function settleStatus(outcome: AgentOutcome, publish: PublishReport): { status: RunStatus; cause: RunCause; reason?: string } {
  const { failed } = publish;
  if (failed.length === 0) return { status: outcome.status, cause: outcome.cause, reason: outcome.reason };
  const messages = failed.map((entry) => entry.message).join('; ');
  return { status: 'failed', cause: 'publish_failed', reason: `${failed.length} ${plural(failed.length, 'output')} could not be applied: ${messages}` };
}

/** Closes the log; a log the disk cut short is a warning, never a silent green with half a record. */
function closeLog(log: SessionLog): string[] {
  log.close();
  if (log.writeError === undefined) return [];
  return [
    `The session log ${log.path} is incomplete: writing it failed (${errorMessage(log.writeError)}), so the events after that are missing from it and from the reports made from it.`,
  ];
}

/**
 * A run the gate refused: no model client is made and no tool runs, but the skip leaves what every run
 * leaves (a session log ending `skipped` with the reason, its HTML report), so it is never a silent green.
 * `spec` is undefined when the run was refused before the agent was loaded.
 */
export async function recordSkippedRun(
  reason: string,
  settings: Pick<PipelineSettings, 'agent' | 'model' | 'logDir' | 'secrets'>,
  deps: Pick<PipelineDeps, 'host' | 'trigger' | 'onEvent'>,
  spec?: AgentSpec,
): Promise<RunReport> {
  const agent = { name: spec?.name ?? settings.agent, model: spec?.model ?? settings.model ?? '-', files: spec?.files ?? {} };
  const { log, sessionId, logFile } = openLog(agent, 'not called', settings, deps);
  const totals: RunTotals = { turns: 0, inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0, costUsd: 0, durationMs: 0 };
  log.record({ type: 'end', status: 'skipped', reason, totals });
  const warnings = closeLog(log);
  const reportFile = await writeReport(logFile, warnings);
  return {
    status: 'skipped',
    reason,
    totals,
    sessionId,
    agent: agent.name,
    model: agent.model,
    modelClient: 'not called',
    logFile,
    reportFile,
    publish: { applied: [], rejected: [], failed: [] },
    warnings,
  };
}

function openLog(
  agent: Pick<AgentSpec, 'name' | 'model' | 'files'>,
  modelClient: string,
  settings: Pick<PipelineSettings, 'logDir' | 'secrets'> & Partial<Pick<PipelineSettings, 'profile'>>,
  deps: Pick<PipelineDeps, 'host' | 'trigger' | 'onEvent'>,
): { log: SessionLog; sessionId: string; logFile: string } {
  const sessionId = randomUUID();
  const logFile = join(settings.logDir, `${sessionFileStem(agent.name, sessionId)}.jsonl`);
  const log = SessionLog.open(
    logFile,
    {
      id: sessionId,
      agent: agent.name,
      model: agent.model,
      modelClient,
      trigger: deps.trigger,
      files: agent.files,
      runner: { version: RUNNER_VERSION, node: process.version, host: deps.host.name },
      ...(settings.profile === 'untrusted' ? { profile: 'untrusted' as const } : {}),
    },
    { secrets: settings.secrets },
  );
  if (deps.onEvent) log.subscribe(deps.onEvent);
  return { log, sessionId, logFile };
}

/**
 * What only the end of a run needs: loaded then, not before the first model request (start-up is a
 * headline figure). These, the resume steps and the sandbox's just-bash are the pipeline's only dynamic imports.
 */
const endOfRun = {
  publish: () => import('./publish/index.js'),
  report: () => Promise.all([import('./report/html.js'), import('./session-log/reader.js')]),
};

/** What only a resumed run needs (`--resume`), loaded only for one: the same start-up reason. */
const loadResumeSteps = () => import('./pipeline-resume.js');

/** The self-contained HTML report beside the log; best-effort (writeReportFile): a failure is one of `warnings`. */
async function writeReport(logFile: string, warnings: string[]): Promise<string | undefined> {
  const [{ renderHtml }, { readSessionLog }] = await endOfRun.report();
  const reportFile = logFile.replace(/\.jsonl$/, '.html');
  const failure = writeReportFile(reportFile, () => renderHtml(readSessionLog(logFile)), logFile);
  if (failure === undefined) return reportFile;
  warnings.push(failure);
  return undefined;
}

function withOverrides(spec: AgentSpec, settings: Pick<PipelineSettings, 'model' | 'limits'>): AgentSpec {
  const limits = { ...spec.limits };
  for (const [key, value] of Object.entries(settings.limits) as Array<[keyof AgentLimits, number | undefined]>) {
    if (value !== undefined) limits[key] = value;
  }
  return { ...spec, model: settings.model ?? spec.model, limits };
}

/**
 * Where the ready-made workflows' steps write what the agent reads (recent issues, a failed job's log):
 * material for the run, never part of a change set.
 */
const CONTEXT_FOLDER = '.flue-context';

/** The log folder, workspace-relative, when the front end put it in the checkout (a GitLab job's artifacts). */
function insideWorkspace(workspace: string, logDir: string): string[] {
  const inside = pathInside(workspace, logDir);
  return inside === undefined || inside === '' ? [] : [inside];
}

/** `triage-20261122-021115-1a2b3c4d`: sortable, and says which agent without opening the file. */
function sessionFileStem(agent: string, id: string): string {
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `${agent.replace(/[^\w.-]/g, '_')}-${stamp}-${id.slice(0, 8)}`;
}
