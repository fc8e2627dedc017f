/**
 * The action's stages, from the event to the RunReport: trigger, host, gate (once, on the payload),
 * definitions (from a commit writers chose when the checkout may not be), the agent's needs against the
 * decided profile, progress comment, context, then the pipeline. Reporting the outcome (outputs,
 * summary, artifact, exit) is main.ts's job.
 */
import * as core from '@actions/core';
import { FlueError } from '../errors.js';
import { definitionsSource } from '../gate/definitions-source.js';
import { admitAgent, decideGate } from '../gate/gate.js';
import { trustedCapabilities, type Profile } from '../gate/profile.js';
import { AnthropicModelClient } from '../harness/anthropic/index.js';
import type { CiHost, ProgressReporter } from '../hosts/host.js';
import { FLUE_COMMENT_MARKER } from '../hosts/github/index.js';
import { agentOnlyInPullRequest, loadRunAgent, recordSkippedRun, runLoadedAgent, type PipelineSettings, type RunReport } from '../pipeline.js';
import { nullPrototypeRecord } from '../records.js';
import { createRedactor, type Redactor } from '../session-log/redact.js';
import type { Trigger } from '../trigger/types.js';
import { parseRepository, triggerFromGitHubEvent } from '../trigger/index.js';
import { RUNNER_VERSION } from '../version.js';
import { createActionsProgress } from './console.js';
import { readEventPayload, type RunnerEnvironment } from './environment.js';
import { createActionHost } from './host.js';
import { progressView, type ProgressView } from './progress-view.js';
import { workingLine } from './report.js';
import type { ActionSettings } from './settings.js';
import { STATE } from './state.js';

export interface ActionRunState {
  /** The live comment, once started: main finishes it, also when a later stage throws. */
  progress?: ProgressReporter;
  /** What the comment may show; set before it starts. */
  progressView?: ProgressView;
  /** The run's redactor, built from its secrets: what main reports passes it. */
  redactor?: Redactor;
}

export interface ActionRunInput {
  settings: ActionSettings;
  environment: RunnerEnvironment;
  logDir: string;
  signal: AbortSignal;
  state: ActionRunState;
}

export async function runActionStages({ settings, environment, logDir, signal, state }: ActionRunInput): Promise<RunReport> {
  const payloadTrigger = readTrigger(settings, environment);
  const repository = environment.repository ? parseRepository(environment.repository) : payloadTrigger.repository;
  const pipeline: PipelineSettings = {
    workspace: settings.workspace,
    agent: settings.agent,
    prompt: settings.prompt,
    model: settings.model,
    limits: settings.limits,
    profile: 'untrusted',
    dryRun: settings.dryRun,
    logDir,
    secrets: settings.secrets,
  };
  const redactor = (state.redactor = createRedactor(pipeline.secrets));
  const host = createActionHost({ token: settings.githubToken, environment, repository, progressComment: settings.progressComment, redactor });
  const printer = createActionsProgress({ write: (text) => process.stdout.write(text) });

  // One decision, on the payload alone, before any definition is read: an event that does not run imports
  // no agent code, and what the agent declares can refuse a run but never change its profile. A comment
  // without the phrase does not even read its PR, so neither a broken agent file nor a token without
  // `pull-requests: read` can turn every comment in the repository into a failed run.
  const gate = await decideGate(
    payloadTrigger,
    {
      triggerPhrase: settings.triggerPhrase,
      allowedUsers: settings.allowedUsers,
      allowedBots: settings.allowedBots,
      selfMarker: FLUE_COMMENT_MARKER,
      selfLogin: () => host.selfLogin(),
      trustAuthorText: settings.trustAuthorText,
    },
    (login) => host.permissionOf(login, payloadTrigger),
  );
  if (!gate.run) return recordSkippedRun(gate.reason, pipeline, { host, trigger: payloadTrigger, onEvent: printer });

  const trigger = await host.completeTrigger(payloadTrigger);
  const deps = { host, trigger, onEvent: printer };

  pipeline.definitionsRoot = await readDefinitions(host, trigger, gate.profile, environment, settings.repositoryFolder);
  const added = await agentOnlyInPullRequest(pipeline, trigger);
  if (added !== undefined) return recordSkippedRun(added, pipeline, deps);
  const spec = await loadRunAgent(pipeline);
  const decision = admitAgent(gate, trustedCapabilities(spec));
  if (!decision.run) return recordSkippedRun(decision.reason, pipeline, deps, spec);
  pipeline.profile = decision.profile;
  pipeline.notes = decision.notes;
  core.info(
    `flue-action ${RUNNER_VERSION}: agent '${spec.name}' on ${describeEvent(trigger)}, ${decision.profile} profile${settings.dryRun ? ', dry run' : ''}.`,
  );

  const view = (state.progressView = progressView(spec, settings.progressDetails, readEventPayload(environment)));
  // A dry run writes nothing, the progress comment included.
  if (!settings.dryRun) state.progress = await host.startProgress(trigger, spec.name);
  const progress = state.progress;
  // Written to the runner's state file at once: a main step killed from here on still has its comment finished by the post step.
  if (progress) {
    core.saveState(STATE.progressView, JSON.stringify(view));
    core.saveState(STATE.progressComment, progress.handle);
  }
  const context = await host.fetchContext(trigger);
  return runLoadedAgent(spec, pipeline, {
    ...deps,
    context,
    signal,
    createModelClient: () =>
      new AnthropicModelClient({ apiKey: settings.anthropicApiKey, baseURL: environment.anthropicBaseUrl, fallbackModel: settings.fallbackModel }),
    onEvent: (event) => {
      printer(event);
      const line = progress ? workingLine(event, view, redactor) : undefined;
      // The reporter throttles and swallows its own failures; the run never waits on it.
      if (line !== undefined) void progress?.update({ phase: 'working', line });
    },
  });
}

/** The event's Trigger, with the `input` input merged over `workflow_dispatch` inputs. */
function readTrigger(settings: ActionSettings, environment: RunnerEnvironment): Trigger {
  const trigger = triggerFromGitHubEvent(environment.eventName, readEventPayload(environment), {
    repository: environment.repository,
    source: `GITHUB_EVENT_PATH (${environment.eventPath})`,
  });
  // Null prototype: `{"__proto__": ...}` stays plain data.
  const inputs = Object.assign(nullPrototypeRecord(), trigger.inputs, settings.input);
  return { ...trigger, inputs };
}

function describeEvent(trigger: Trigger): string {
  const event = trigger.action ? `${trigger.eventName}.${trigger.action}` : trigger.eventName;
  return trigger.number === undefined ? event : `${event} #${trigger.number}`;
}

/**
 * The folder to read definitions from, when not the checkout (see definitionsSource): a commit writers
 * chose, through the API. Never a fallback to the checkout, which whoever shaped the run may have chosen.
 */
async function readDefinitions(
  host: CiHost,
  trigger: Trigger,
  profile: Profile,
  environment: RunnerEnvironment,
  folder: string,
): Promise<string | undefined> {
  const source = definitionsSource(trigger, profile, environment.sha);
  if (source.from === 'checkout') return undefined;
  if (source.from === 'pull-request-base') {
    if (source.commit === undefined) {
      throw new FlueError(
        `Event '${trigger.eventName}' is about a pull request, but its base commit is unknown, so the agent definitions ` +
          'cannot be read from it. Run on a pull_request, issue_comment or pull_request_review_comment event.',
      );
    }
    const root = await host.definitionsAt(source.commit, folder);
    core.info(`Agent definitions read from the base commit ${source.commit}: a pull request cannot change the agent that reviews it.`);
    return root;
  }
  if (source.commit === undefined) {
    throw new FlueError(
      `GITHUB_SHA is not set, so the agent definitions of this ${trigger.eventName} run cannot be read from the commit ` +
        "the workflow runs from, and the checkout may hold someone else's. Run in GitHub Actions, which sets it.",
    );
  }
  const root = await host.definitionsAt(source.commit, folder);
  const why = profile === 'untrusted' ? 'the run is untrusted' : `a ${trigger.eventName} run may check out what a fork pushed`;
  core.info(`Agent definitions read from ${source.commit}, the commit the workflow runs from (GITHUB_SHA): ${why}, so the checkout's are not used.`);
  return root;
}
