/**
 * `flue-action run <agent> --event payload.json`: the event gated and run through the CI stage the
 * action calls (src/ci/stage.ts), with a local host (src/hosts/local-ci.ts), so that a local run
 * behaves as CI would: a comment without the trigger phrase is skipped, a stranger's issue runs
 * untrusted, an agent that needs more than its profile gives is refused, not run with less.
 *
 * Who sent the event cannot be asked of GitHub here: it is simulated (`--as`, `--permission`), and a
 * sender nobody vouched for is a stranger (`none`), the safe side, as CI treats an account it cannot
 * read. The run says what it simulated before the gate decides. A local run never posts (dry run).
 */
import type { CiSettings } from '../ci/stage.js';
import { runCiStages } from '../ci/stage.js';
import type { AgentSpec } from '../definitions/types.js';
import { admitAgent, DEFAULT_TRIGGER_PHRASE, type RunDecision } from '../gate/gate.js';
import { sameLogin } from '../gate/people.js';
import { trustedCapabilities } from '../gate/profile.js';
import { LOCAL_CI_PLATFORM, LOCAL_WORKFLOW_COMMIT, LocalCiHost } from '../hosts/local-ci.js';
import type { PipelineDeps, RunReport } from '../pipeline.js';
import type { SessionEvent } from '../session-log/events.js';
import type { Access, Trigger } from '../trigger/types.js';
import { commandLimits, type RunCommand, type SimulatedPermission } from './args.js';

export interface LocalEventRun {
  workspace: string;
  logDir: string;
  secrets: string[];
  signal?: AbortSignal;
  createModelClient: PipelineDeps['createModelClient'];
  onEvent?(event: SessionEvent): void;
  /** One line for the developer (stderr), as it is: the stage's lines name flue-action themselves. */
  print(line: string): void;
}

/** The stage's line naming the commit definitions came from: a local host reads the working tree, and says so itself. */
const STAGE_DEFINITIONS_LINE = 'Agent definitions read from ';

export async function runLocalEvent(command: RunCommand, event: Trigger, run: LocalEventRun): Promise<RunReport> {
  const permission = command.permission ?? 'none';
  const trigger = command.as === undefined || sameLogin(command.as, event.actor) ? event : asSender(event, command.as);
  const say = (line: string) => run.print(`flue-action: ${line}`);
  say(simulationLine(trigger.actor, command));
  const host = new LocalCiHost({ workspace: run.workspace, sender: { login: trigger.actor, access: simulatedAccess(permission) }, say });
  const settings: CiSettings = {
    workspace: run.workspace,
    repositoryFolder: '',
    agent: command.agent,
    prompt: command.prompt,
    model: command.model,
    fallbackModel: command.fallbackModel,
    limits: commandLimits(command),
    // A local run has nowhere to post (LocalHost): its outputs are recorded and shown as a dry run.
    dryRun: true,
    secrets: run.secrets,
    triggerPhrase: command.triggerPhrase ?? DEFAULT_TRIGGER_PHRASE,
    allowedUsers: command.allowedUsers ?? [],
    allowedBots: command.allowedBots ?? [],
    trustAuthorText: command.trustAuthorText ?? false,
    // No progress comment: these two are never read.
    progressDetails: 'auto',
    anthropicApiKey: '',
  };
  return runCiStages({
    settings,
    host,
    trigger,
    workflowCommit: LOCAL_WORKFLOW_COMMIT,
    visibility: 'private',
    logDir: run.logDir,
    signal: run.signal,
    state: {},
    console: {
      info: (message) => {
        if (!message.startsWith(STAGE_DEFINITIONS_LINE)) run.print(message);
      },
      event: (sessionEvent) => run.onEvent?.(sessionEvent),
    },
    createModelClient: run.createModelClient,
  });
}

/**
 * Why an untrusted run without --event (`--untrusted`, or resuming an untrusted run: `because` says which)
 * may not run `spec`: the refusal CI gives an agent that needs more than the untrusted profile
 * (admitAgent), rather than running it without what it expects.
 */
export function untrustedRefusal(spec: AgentSpec, because: string): string | undefined {
  const untrusted: RunDecision = { run: true, profile: 'untrusted', notes: [], because };
  const decision = admitAgent(untrusted, trustedCapabilities(spec), LOCAL_CI_PLATFORM.writers);
  return decision.run ? undefined : decision.reason;
}

/**
 * The event as `--as` sent it: the sender, and whoever the payload names with the sender's login (the
 * author of the comment or issue they wrote), become that login; anyone else stays who they were.
 */
export function asSender(trigger: Trigger, login: string): Trigger {
  const sender = trigger.actor;
  const renamed = (who: string | undefined) => (sender !== '' && sameLogin(who, sender) ? login : who);
  const isBot = login.toLowerCase().endsWith('[bot]');
  const comment = trigger.comment;
  return {
    ...trigger,
    actor: login,
    actorIsBot: isBot,
    author: renamed(trigger.author),
    comment: comment === undefined || renamed(comment.author) === comment.author ? comment : { ...comment, author: login, authorIsBot: isBot },
  };
}

/** GitHub's permission names, as the action's host reads them (src/hosts/github/permission.ts). */
export function simulatedAccess(permission: SimulatedPermission): Access {
  const trust = permission === 'write' ? 'writer' : permission === 'read' ? 'reader' : 'none';
  return { trust, role: `${permission} permission` };
}

function simulationLine(sender: string, command: RunCommand): string {
  const permission = command.permission ?? 'none';
  const who =
    sender === ''
      ? 'The event names no sender (--as LOGIN names one)'
      : `@${sender}, the event's sender${command.as === undefined ? '' : ' (--as)'}, has ${permission} permission` +
        (command.permission === undefined ? ' (the default: a stranger; --permission write|read|none to change it)' : ' (--permission)');
  return `Gate simulated as in CI: ${who}; any other account has none, unless listed in --allowed-users.`;
}
