/**
 * The action's run: its settings, its GitHub host, the event's Trigger and the Actions console, handed
 * to the CI stage (src/ci/stage.ts) that every CI front end shares. Reporting the outcome (outputs,
 * summary, artifact, exit) is main.ts's job.
 */
import { rmSync } from 'node:fs';
import * as core from '@actions/core';
import { runCiStages, type CiRunState } from '../ci/stage.js';
import type { RunReport } from '../pipeline.js';
import { nullPrototypeRecord } from '../records.js';
import { repositoryVisibility } from '../ci/progress-view.js';
import { terminalSafe } from '../report/terminal.js';
import type { ParsedSessionLog } from '../session-log/reader.js';
import { createRedactor } from '../session-log/redact.js';
import type { Trigger } from '../trigger/types.js';
import { parseRepository, triggerFromGitHubEvent } from '../trigger/index.js';
import { createActionsProgress } from './console.js';
import { readEventPayload, type RunnerEnvironment } from './environment.js';
import { createActionHost } from './host.js';
import type { ActionSettings } from './settings.js';
import { sealKey } from '../session-log/seal.js';
import { STATE } from './state.js';

export type ActionRunState = CiRunState;

export interface ActionRunInput {
  settings: ActionSettings;
  environment: RunnerEnvironment;
  logDir: string;
  signal: AbortSignal;
  state: ActionRunState;
}

export async function runActionStages({ settings, environment, logDir, signal, state }: ActionRunInput): Promise<RunReport> {
  const payload = readEventPayload(environment);
  const trigger = readTrigger(settings, environment, payload);
  const repository = environment.repository ? parseRepository(environment.repository) : trigger.repository;
  const printer = createActionsProgress({ write: (text) => process.stdout.write(text) });
  const redactor = (state.redactor = createRedactor(settings.secrets));
  let taken: ParsedSessionLog | undefined;
  return runCiStages({
    settings: { ...settings, anthropicBaseUrl: environment.anthropicBaseUrl },
    host: createActionHost({ token: settings.githubToken, environment, repository, progressComment: settings.progressComment, redactor }),
    trigger,
    workflowCommit: environment.sha,
    visibility: repositoryVisibility(payload),
    logDir,
    signal,
    state,
    console: { info: (message) => core.info(message), event: printer },
    // Written to the runner's state file at once: a main step killed from here on still has its comment finished by the post step.
    onProgressStarted(progress, view) {
      core.saveState(STATE.progressView, JSON.stringify(view));
      core.saveState(STATE.progressComment, progress.handle);
    },
    resumeFrom: async () => (taken = await previousAttempt(settings, environment, { repository, trigger, logDir })),
    onResumeRefused(reason) {
      core.warning(terminalSafe(`resume: ${reason} This attempt starts a fresh run.`));
      // Not left in the log folder, where the post step would take it for this attempt's.
      if (taken) rmSync(taken.path, { force: true });
    },
  });
}

/**
 * `resume: auto` on a re-run: the previous attempt's interrupted log, once the gate let the event run
 * (src/action/resume.ts, loaded only here: a first attempt, or a run without the input, never loads it
 * nor the artifact client).
 */
async function previousAttempt(
  settings: ActionSettings,
  environment: RunnerEnvironment,
  run: { repository: Trigger['repository']; trigger: Trigger; logDir: string },
) {
  if (settings.resume !== 'auto' || !(Number(environment.runAttempt) >= 2)) return undefined;
  const { previousAttemptLog } = await import('./resume.js');
  const seal = sealKey(settings.anthropicApiKey, environment);
  return previousAttemptLog({ token: settings.githubToken, prefix: settings.artifactName, sealKey: seal, environment, ...run });
}

/** The event's Trigger, with the `input` input merged over `workflow_dispatch` inputs. */
function readTrigger(settings: ActionSettings, environment: RunnerEnvironment, payload: unknown): Trigger {
  const trigger = triggerFromGitHubEvent(environment.eventName, payload, {
    repository: environment.repository,
    source: `GITHUB_EVENT_PATH (${environment.eventPath})`,
  });
  // Null prototype: `{"__proto__": ...}` stays plain data.
  const inputs = Object.assign(nullPrototypeRecord(), trigger.inputs, settings.input);
  return { ...trigger, inputs };
}
