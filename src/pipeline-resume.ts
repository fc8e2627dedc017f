/**
 * Where a resumed run (`flue-action run --resume`) differs from a fresh one in the pipeline: the log is
 * checked and read before anything is spent, and appended to, after a `resume` event, instead of created.
 * Loaded only for a resume (src/pipeline.ts), like everything it reads with: start-up is a headline figure.
 * What is read from it: src/session-log/resume.ts (checks, spending, outputs), src/harness/resume.ts (the
 * conversation).
 */
import type { AgentSpec } from './definitions/types.js';
import { conversationFromLog, type LoopResume } from './harness/resume.js';
import type { Host } from './hosts/host.js';
import type { SessionEvent } from './session-log/events.js';
import type { ParsedSessionLog } from './session-log/reader.js';
import { checkResumable, lastEventType, restoredOutputs, type RestoredOutputs } from './session-log/resume.js';
import { spentSoFar, type SpentSoFar } from './session-log/spent.js';
import { SessionLog } from './session-log/writer.js';
import { RUNNER_VERSION } from './version.js';

/** An interrupted run, checked and read for resuming; throws a FlueError when it cannot be resumed. */
export interface ResumePlan {
  log: ParsedSessionLog;
  conversation: LoopResume;
  spent: SpentSoFar;
  outputs: RestoredOutputs;
}

export function planResume(log: ParsedSessionLog, spec: AgentSpec): ResumePlan {
  checkResumable(log, { agent: spec.name, files: spec.files, runsCode: spec.run !== undefined });
  return { log, conversation: conversationFromLog(log.events), spent: spentSoFar(log), outputs: restoredOutputs(log) };
}

/** Appends to the interrupted run's log, starting with the `resume` event that says where it picked up. */
export function reopenLog(
  plan: ResumePlan,
  settings: { secrets: string[] },
  deps: { host: Pick<Host, 'name'>; onEvent?: (event: SessionEvent) => void },
): { log: SessionLog; sessionId: string; logFile: string } {
  const { header, path, events } = plan.log;
  const { log, lines, torn } = SessionLog.reopen(path, header, { secrets: settings.secrets });
  if (deps.onEvent) log.subscribe(deps.onEvent);
  log.record({
    type: 'resume',
    runner: { version: RUNNER_VERSION, node: process.version, host: deps.host.name },
    afterLine: lines,
    afterEvent: lastEventType(events),
    rerun: plan.conversation.rerun,
    spent: plan.spent.totals,
    ...(torn === undefined ? {} : { torn }),
  });
  for (const { id, kind } of plan.outputs.abandoned) {
    log.record({ type: 'output_rejected', id, kind, reason: 'the call that proposed it was interrupted before it finished; it runs again' });
  }
  return { log, sessionId: header.id, logFile: path };
}
