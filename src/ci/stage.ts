/**
 * The CI stage every CI front end calls (the GitHub Action, a GitLab job): from the event to the
 * RunReport. Trigger completion, the gate (once, on what the event says), definitions (from a commit
 * writers chose when the checkout may not be), the agent's needs against the decided profile, the
 * progress comment, the thread's context, then the pipeline. The front end reads its settings, makes
 * its host and its console, and reports the outcome (outputs, summary, artifacts, exit code); nothing
 * here asks which platform it is on: what differs is behind `CiHost`.
 */
import { FlueError } from '../errors.js';
import { definitionsSource } from '../gate/definitions-source.js';
import { admitAgent, decideGate, type RunDecision } from '../gate/gate.js';
import { trustedCapabilities, type Profile } from '../gate/profile.js';
import type { AgentLimits, AgentSpec } from '../definitions/types.js';
import { AnthropicModelClient } from '../harness/anthropic/index.js';
import type { CiHost, ProgressReporter } from '../hosts/host.js';
import { FLUE_COMMENT_MARKER } from '../hosts/markers.js';
import {
  agentOnlyInPullRequest,
  loadRunAgent,
  recordSkippedRun,
  runLoadedAgent,
  type PipelineDeps,
  type PipelineSettings,
  type RunReport,
} from '../pipeline.js';
import type { SessionEvent } from '../session-log/events.js';
import type { ParsedSessionLog } from '../session-log/reader.js';
import { createRedactor, type Redactor } from '../session-log/redact.js';
import type { Trigger } from '../trigger/types.js';
import { RUNNER_VERSION } from '../version.js';
import { progressView, type ProgressDetails, type ProgressView } from './progress-view.js';

/** What a CI run is asked to do, whatever the front end read it from (action inputs, CLI flags). */
export interface CiSettings {
  /** Absolute path of the checkout the agent works on. */
  workspace: string;
  /** Where `workspace` sits in the repository, '/'-separated, '' at its root: the folder read when definitions come through the API. */
  repositoryFolder: string;
  agent: string;
  prompt?: string;
  model?: string;
  fallbackModel?: string;
  limits: Partial<AgentLimits>;
  dryRun: boolean;
  /** Every secret of the run: redacted wherever it writes. */
  secrets: string[];
  triggerPhrase: string;
  allowedUsers: string[];
  allowedBots: string[];
  trustAuthorText: boolean;
  progressDetails: ProgressDetails;
  anthropicApiKey: string;
  anthropicBaseUrl?: string;
}

/** What the front end needs after the stage returned or threw: the comment to finish, and how. */
export interface CiRunState {
  /** The live comment, once started: the front end finishes it, also when a later stage throws. */
  progress?: ProgressReporter;
  /** What the comment may show; set before it starts. */
  progressView?: ProgressView;
  /** The run's redactor, built from its secrets (by the front end, or else by the stage): what the front end reports passes it. */
  redactor?: Redactor;
}

export interface CiRunInput {
  settings: CiSettings;
  host: CiHost;
  /** The event as the platform delivered it (a GitHub payload, GitLab's variables re-read through its API). */
  trigger: Trigger;
  /** The commit the CI configuration runs from (`CiHost.platform.workflowCommitVariable`), when the platform says. */
  workflowCommit?: string;
  /** The repository's visibility, for `progress-details: auto` (internal counts as private). */
  visibility: 'private' | 'public';
  logDir: string;
  /** Cancels the run (a job cancelled or timed out). */
  signal?: AbortSignal;
  state: CiRunState;
  /** The front end's job log: one line of information, and each session event as it is recorded. */
  console: { info(message: string): void; event(event: SessionEvent): void };
  /**
   * The model client, when not the Anthropic API with the settings' key: a local `--event` run may replay
   * a scripted model (`flue-action run --scripted-model`).
   */
  createModelClient?: PipelineDeps['createModelClient'];
  /** Told once the progress comment exists, before the agent runs: the action saves it for its post step. */
  onProgressStarted?(progress: ProgressReporter, view: ProgressView): void;
  /**
   * Finds an interrupted attempt's log to continue instead of starting a run (the action's `resume: auto`),
   * matched to this event by the front end; asked only once the gate let the event run and the agent was
   * admitted. Untrusted input: see resumableLog.
   */
  resumeFrom?(agent: string): Promise<ParsedSessionLog | undefined>;
  /** Told why `resumeFrom` is not continued; the run then starts fresh. */
  onResumeRefused?(reason: string): void;
  /** Told the session log's path (and the agent's name) once it is open, before the agent's first turn (a GitLab job seals it as it grows). */
  onLogOpened?(logFile: string, agent: string): void;
}

export async function runCiStages(input: CiRunInput): Promise<RunReport> {
  const { settings, host, state, console } = input;
  const pipeline: PipelineSettings = {
    workspace: settings.workspace,
    agent: settings.agent,
    prompt: settings.prompt,
    model: settings.model,
    limits: settings.limits,
    profile: 'untrusted',
    dryRun: settings.dryRun,
    logDir: input.logDir,
    secrets: settings.secrets,
  };
  // The front end may have made it first, for its host's progress comment.
  const redactor = (state.redactor ??= createRedactor(pipeline.secrets));
  const onEvent = (event: SessionEvent) => console.event(event);

  // One decision, on the event alone, before any definition is read: an event that does not run imports
  // no agent code, and what the agent declares can refuse a run but never change its profile. A comment
  // without the phrase does not even read its pull request, so neither a broken agent file nor a token
  // without read access to it can turn every comment in the repository into a failed run.
  const gate = await decideGate(
    input.trigger,
    {
      writers: host.platform.writers,
      triggerPhrase: settings.triggerPhrase,
      allowedUsers: settings.allowedUsers,
      allowedBots: settings.allowedBots,
      selfMarker: FLUE_COMMENT_MARKER,
      selfLogin: () => host.selfLogin(),
      defaultSelfLogin: host.platform.defaultSelfLogin,
      trustAuthorText: settings.trustAuthorText,
    },
    (login) => host.accessOf(login, input.trigger),
  );
  if (!gate.run) return recordSkippedRun(gate.reason, pipeline, { host, trigger: input.trigger, onEvent });

  const trigger = await host.completeTrigger(input.trigger);
  const deps = { host, trigger, onEvent };

  pipeline.definitionsRoot = await readDefinitions(input, trigger, gate.profile);
  const added = await agentOnlyInPullRequest(pipeline, trigger);
  if (added !== undefined) return recordSkippedRun(added, pipeline, deps);
  const spec = await loadRunAgent(pipeline);
  const decision = admitAgent(gate, trustedCapabilities(spec), host.platform.writers);
  if (!decision.run) return recordSkippedRun(decision.reason, pipeline, deps, spec);
  pipeline.profile = decision.profile;
  pipeline.notes = decision.notes;
  const interrupted = await input.resumeFrom?.(spec.name);
  if (interrupted) pipeline.resumeFrom = await resumableLog(input, interrupted, spec, decision, pipeline);
  console.info(
    `flue-action ${RUNNER_VERSION}: agent '${spec.name}' on ${describeEvent(trigger)}, ${pipeline.profile} profile${pipeline.resumeFrom ? ', resuming an interrupted session' : ''}${settings.dryRun ? ', dry run' : ''}.`,
  );

  const view = (state.progressView = progressView(spec, settings.progressDetails, input.visibility));
  // A dry run writes nothing, the progress comment included.
  if (!settings.dryRun) state.progress = await host.startProgress(trigger, spec.name);
  const progress = state.progress;
  // Told at once: a front end killed from here on can still have its comment finished (the action's post step).
  if (progress) input.onProgressStarted?.(progress, view);
  // Loaded only for a progress comment: its lines pass the sanitizer, which loads the markdown parser, and a
  // run without one (a dry run, the CLI's --event) keeps both off its path to the first model request.
  const workingLine = progress ? (await import('./progress-state.js')).workingLine : undefined;
  const context = await host.fetchContext(trigger);
  return runLoadedAgent(spec, pipeline, {
    ...deps,
    context,
    signal: input.signal,
    onLogOpened: input.onLogOpened && ((file) => input.onLogOpened?.(file, spec.name)),
    createModelClient:
      input.createModelClient ??
      (() => new AnthropicModelClient({ apiKey: settings.anthropicApiKey, baseURL: settings.anthropicBaseUrl, fallbackModel: settings.fallbackModel })),
    onEvent: (event) => {
      onEvent(event);
      const line = workingLine?.(event, view, redactor);
      // The reporter throttles and swallows its own failures; the run never waits on it.
      if (line !== undefined) void progress?.update({ phase: 'working', line });
    },
  });
}

/**
 * The log to continue, or undefined (after telling why) to start fresh. The log comes from an artifact, so
 * nothing in it may widen the run: the gate decided on the real event, the agent and its definition files
 * must be the ones it ran with, the stricter profile of the two wins, and its `output_applied` lines are
 * dropped: every output is applied again and the host's OutputKey markers (re-run idempotency) keep it
 * once, so a forged line cannot suppress a real output.
 */
async function resumableLog(
  input: CiRunInput,
  log: ParsedSessionLog,
  spec: AgentSpec,
  decision: RunDecision,
  pipeline: PipelineSettings,
): Promise<ParsedSessionLog | undefined> {
  const refuse = (reason: string) => void input.onResumeRefused?.(reason);
  const { checkResumable } = await import('../session-log/resume.js');
  try {
    checkResumable(log, { agent: spec.name, files: spec.files, runsCode: spec.run !== undefined });
  } catch (error) {
    if (!(error instanceof FlueError)) throw error;
    return refuse(error.message);
  }
  if (log.header.profile === 'untrusted' && decision.profile === 'trusted') {
    const because = 'the attempt it continues ran with the untrusted profile';
    const strict = admitAgent(
      { run: true, profile: 'untrusted', notes: decision.notes, because },
      trustedCapabilities(spec),
      input.host.platform.writers,
    );
    if (!strict.run) return refuse(strict.reason);
    pipeline.profile = 'untrusted';
  }
  return { ...log, events: log.events.filter((event) => event.type !== 'output_applied') };
}

function describeEvent(trigger: Trigger): string {
  const event = trigger.action ? `${trigger.eventName}.${trigger.action}` : trigger.eventName;
  return trigger.number === undefined ? event : `${event} #${trigger.number}`;
}

/**
 * The folder to read definitions from, when not the checkout (see definitionsSource): a commit writers
 * chose, through the API. Never a fallback to the checkout, which whoever shaped the run may have chosen.
 */
async function readDefinitions(input: CiRunInput, trigger: Trigger, profile: Profile): Promise<string | undefined> {
  const { host, console } = input;
  const { change, workflowCommitVariable } = host.platform;
  const folder = input.settings.repositoryFolder;
  const source = definitionsSource(trigger, profile, input.workflowCommit);
  if (source.from === 'checkout') return undefined;
  // A host that always serves the checkout (a local run) needs no commit: it says where CI would read them.
  if (host.checkoutDefinitions === true) return host.definitionsAt(source.commit ?? '', folder);
  if (source.from === 'pull-request-base') {
    if (source.commit === undefined) {
      throw new FlueError(
        `Event '${trigger.eventName}' is about a ${change}, but its base commit is unknown, so the agent definitions ` +
          `cannot be read from it. Run on an event that names the ${change}'s base (its own event, or a comment on it).`,
      );
    }
    const root = await host.definitionsAt(source.commit, folder);
    console.info(`Agent definitions read from the base commit ${source.commit}: a ${change} cannot change the agent that reviews it.`);
    return root;
  }
  if (source.commit === undefined) {
    throw new FlueError(
      `${workflowCommitVariable} is not set, so the agent definitions of this ${trigger.eventName} run cannot be read from the commit ` +
        "the CI configuration runs from, and the checkout may hold someone else's. Run in CI, which sets it.",
    );
  }
  const root = await host.definitionsAt(source.commit, folder);
  const why = profile === 'untrusted' ? 'the run is untrusted' : `a ${trigger.eventName} run may check out what a fork pushed`;
  console.info(
    `Agent definitions read from ${source.commit}, the commit the CI configuration runs from (${workflowCommitVariable}): ${why}, so the checkout's are not used.`,
  );
  return root;
}
