import { parseArgs, type ParseArgsConfig } from 'node:util';
import { PROGRESS_DETAILS, type ProgressDetails } from '../ci/progress-view.js';
import { parseModelId } from '../definitions/model-id.js';
import type { AgentLimits } from '../definitions/types.js';
import { errorMessage, InputError } from '../errors.js';
import { isRecord } from '../records.js';
import { oneLine } from '../text/index.js';
import type { InitCommand } from './init-command.js';

export interface RunCommand {
  command: 'run';
  agent: string;
  /** Working directory: the repository the agent works on. */
  cwd: string;
  /** `--input` JSON object, given to the agent as inputs. */
  input?: Record<string, unknown>;
  /** A GitHub webhook payload file, as GitHub sends it. */
  eventFile?: string;
  /** The event name when it cannot be inferred from the payload's shape. */
  eventName?: string;
  prompt?: string;
  /** A bare model id (`claude-...`): `--model anthropic/claude-...` is accepted and normalized. */
  model?: string;
  /** Where model calls go after repeated overloads. */
  fallbackModel?: string;
  dryRun: boolean;
  json: boolean;
  /** Replays canned model turns instead of calling the API. */
  scriptedModel?: string;
  /** Runs with the untrusted profile, as CI does for events a stranger can cause. */
  untrusted: boolean;
  logDir?: string;
  maxTurns?: number;
  maxCostUsd?: number;
  timeoutMinutes?: number;
  modelRetryMinutes?: number;
  modelIdleSeconds?: number;
  /** In a GitLab CI job (src/cli/gitlab-job.ts): the gate's and the progress note's settings, as the action's inputs of the same names. */
  triggerPhrase?: string;
  allowedUsers?: string[];
  allowedBots?: string[];
  trustAuthorText?: boolean;
  progressComment?: boolean;
  progressDetails?: ProgressDetails;
  /** With --event: the login the gate simulation takes as the event's sender (default: the payload's `sender`). */
  as?: string;
  /** With --event: the simulated sender's repository permission (default `none`: a stranger, as CI treats one it cannot vouch for). */
  permission?: SimulatedPermission;
  /** An interrupted run's session log to continue (src/cli/resume-command.ts). */
  resume?: string;
}

/** The limits flags of `run`, as the pipeline's `limits` (undefined keeps the agent's own). */
export function commandLimits(command: RunCommand): Partial<AgentLimits> {
  return {
    maxTurns: command.maxTurns,
    maxCostUsd: command.maxCostUsd,
    timeoutMinutes: command.timeoutMinutes,
    modelRetryMinutes: command.modelRetryMinutes,
    modelIdleSeconds: command.modelIdleSeconds,
  };
}

/** What `--permission` can simulate: a writer, a reader, or a stranger. */
export const SIMULATED_PERMISSIONS = ['write', 'read', 'none'] as const;
export type SimulatedPermission = (typeof SIMULATED_PERMISSIONS)[number];

export type CliCommand =
  | RunCommand
  | { command: 'list'; cwd: string; json: boolean }
  | { command: 'check'; cwd: string; json: boolean; strict: boolean }
  | { command: 'view'; log: string; html: boolean; out?: string }
  | InitCommand
  | { command: 'help'; topic?: string }
  | { command: 'version' };

export const USAGE = `Usage: flue-action <command> [options]

Commands:
  run <agent>     Run an agent from .flue/agents/ on this checkout
  list            List the agents, roles and skills found
  check           Validate every agent, role and skill (exit 2 on errors; --strict: on warnings too)
  view <log>      Print a session log as a transcript (--html for the report)
  init [template] Add a ready-made agent: .flue/ files and the GitHub or GitLab CI file

Options for every command:
  --debug                Print the stack trace of an error, not only its message
  --help, -h             Print this help

Options for list, check and view:
  --cwd DIR              Repository to read (list, check; default: current directory)
  --json                 Print JSON on stdout (list, check)
  --strict               Fail on warnings too, as CI should (check)
  --html                 The self-contained HTML report instead of the transcript (view)
  --out FILE             Write to FILE instead of stdout (view)

Options for run:
  --cwd DIR              Repository to work on (default: current directory)
  --event FILE           A GitHub webhook payload, as GitHub sends it
  --event-name NAME      Event name when it cannot be inferred (issues, issue_comment, ...)
  --input JSON           Inputs for the agent, a JSON object
  --prompt TEXT          The task, instead of the agent's default
  --model M              Model override (anthropic/claude-... or claude-...)
  --fallback-model M     Model to switch to after repeated overloads (529)
  --dry-run              Print the outputs instead of posting them (a local run never posts)
  --json                 Print one JSON envelope on stdout
  --scripted-model FILE  Replay canned model turns (default without ANTHROPIC_API_KEY:
                         .flue/scripted/<agent>.jsonl when it exists)
  --untrusted            Run with the untrusted profile (read-only, no commands, no network);
                         an agent that needs more is refused, as CI refuses it (not with --event)
  --log-dir DIR          Where the session log goes (default: the system temp folder)
  --resume LOG           Continue an interrupted run from its session log (appended to);
                         in a GitLab job, --resume auto continues the previous attempt's (a retry)
  --max-turns N  --max-cost-usd N  --timeout-minutes N
  --model-retry-minutes N  --model-idle-seconds N

With --event, run gates the event as the action does and says what it decided (a skip
exits 0 with the reason). The event's sender has no permission unless you say otherwise:
  --as LOGIN             Simulate this login as the sender (default: the payload's sender)
  --permission P         The sender's permission: write, read or none (default: none)
  --trigger-phrase TEXT  --allowed-users a,b  --allowed-bots a,b  --trust-author-text
                         The action's inputs of the same names
A pull request event's diff is read with git diff base...head in --cwd.

In a GitLab CI job (GITLAB_CI=true), run is the GitLab front end: it reads the job's
variables and TRIGGER_PAYLOAD, gates, posts through the GitLab API (FLUE_GITLAB_TOKEN or
GITLAB_TOKEN) and writes the log to --log-dir (default .flue/logs). There also:
  --trigger-phrase TEXT  --allowed-users a,b  --allowed-bots a,b  --trust-author-text
  --progress-comment true|false  --progress-details auto|full|minimal

Options for init:
  --github  --gitlab     CI to write for (default: from the origin remote, else asked, else GitHub)
  --yes                  Ask nothing: take every default and keep existing files
  --force                Overwrite existing files
  --templates DIR        Templates folder (default: the package's templates/agents/)
  --cwd DIR              Repository to set up (default: current directory)

Exit codes: 0 succeeded or skipped, 1 failed, 2 bad usage or definitions,
3 budget exhausted, 4 cancelled.
Environment: ANTHROPIC_API_KEY, ANTHROPIC_BASE_URL.`;

function positiveNumber(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0) {
    throw new InputError(`Invalid --${flag} '${value}'. Expected a positive number.`);
  }
  return number;
}

/** A turn count: 2.5 turns is not a limit anyone means, as the action's `max-turns` input says too. */
function positiveWhole(flag: string, value: string | undefined): number | undefined {
  const number = positiveNumber(flag, value);
  if (number !== undefined && !Number.isInteger(number)) {
    throw new InputError(`Invalid --${flag} '${value}'. Expected a positive whole number.`);
  }
  return number;
}

function jsonObject(value: string | undefined): Record<string, unknown> | undefined {
  if (value === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch (error) {
    // V8 quotes the input in some messages, newlines included: the error must stay one line.
    const why = oneLine(errorMessage(error));
    throw new InputError(`Invalid --input: ${why}. Expected a JSON object, e.g. '{"issue": 12}'.`);
  }
  if (!isRecord(parsed)) {
    throw new InputError(`Invalid --input '${value}'. Expected a JSON object, e.g. '{"issue": 12}'.`);
  }
  return parsed;
}

/** Checked here, not after loading: a typo should fail before the agent is read, with the flag named. */
function modelFlag(value: string | undefined, flag = 'model'): string | undefined {
  if (value === undefined) return undefined;
  const parsed = parseModelId(value);
  if (!parsed.ok) {
    throw new InputError(`Invalid --${flag} '${value}': ${parsed.problem}. Expected anthropic/claude-... or claude-..., e.g. claude-sonnet-4-6.`);
  }
  return parsed.model;
}

/** The CI flags, checked like the action's inputs of the same names; only those given are set. */
function ciFlags(values: Partial<Record<Flag, string | boolean>>): Partial<RunCommand> {
  const flags: Partial<RunCommand> = {};
  const text = (flag: Flag) => (typeof values[flag] === 'string' ? (values[flag] as string) : undefined);
  const list = (flag: Flag) =>
    text(flag)
      ?.split(',')
      .map((entry) => entry.trim())
      .filter(Boolean);
  if (text('trigger-phrase') !== undefined) {
    const phrase = (text('trigger-phrase') as string).trim();
    if (phrase === '') throw new InputError("Invalid --trigger-phrase '': expected the text a comment must mention, e.g. @flue.");
    flags.triggerPhrase = phrase;
  }
  if (text('allowed-users') !== undefined) flags.allowedUsers = list('allowed-users');
  if (text('allowed-bots') !== undefined) flags.allowedBots = list('allowed-bots');
  if (values['trust-author-text'] === true) flags.trustAuthorText = true;
  const comment = text('progress-comment');
  if (comment !== undefined) {
    if (comment !== 'true' && comment !== 'false') throw new InputError(`Invalid --progress-comment '${comment}'. Expected true or false.`);
    flags.progressComment = comment === 'true';
  }
  const details = text('progress-details');
  if (details !== undefined) {
    if (!(PROGRESS_DETAILS as readonly string[]).includes(details)) {
      throw new InputError(`Invalid --progress-details '${details}'. Expected one of: ${PROGRESS_DETAILS.join(', ')}.`);
    }
    flags.progressDetails = details as ProgressDetails;
  }
  const as = text('as');
  if (as !== undefined) {
    if (as.trim() === '') throw new InputError("Invalid --as '': expected the login to simulate as the event's sender, e.g. --as octocat.");
    flags.as = as.trim();
  }
  const permission = text('permission');
  if (permission !== undefined) {
    if (!(SIMULATED_PERMISSIONS as readonly string[]).includes(permission)) {
      throw new InputError(`Invalid --permission '${permission}'. Expected one of: ${SIMULATED_PERMISSIONS.join(', ')}.`);
    }
    flags.permission = permission as SimulatedPermission;
  }
  return flags;
}

export function parseCliArgs(argv: string[], cwd: string): CliCommand {
  const [command, ...rest] = argv;
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    return { command: 'help' };
  }
  if (command === 'version' || command === '--version' || command === '-v') return { command: 'version' };
  const parsed = parseOrExplain(command, rest);
  const { values, positionals } = parsed;
  if (values.help) return { command: 'help', topic: command };
  const dir = values.cwd ?? cwd;
  switch (command) {
    case 'run': {
      const agent = positionals[0];
      if (agent === undefined) throw new InputError('Missing agent name. Usage: flue-action run <agent> [options]');
      extraPositionals(command, positionals.slice(1));
      return {
        command,
        agent,
        cwd: dir,
        input: jsonObject(values.input),
        eventFile: values.event,
        eventName: values['event-name'],
        prompt: values.prompt,
        model: modelFlag(values.model),
        fallbackModel: modelFlag(values['fallback-model'], 'fallback-model'),
        dryRun: values['dry-run'] ?? false,
        json: values.json ?? false,
        scriptedModel: values['scripted-model'],
        untrusted: values.untrusted ?? false,
        logDir: values['log-dir'],
        maxTurns: positiveWhole('max-turns', values['max-turns']),
        maxCostUsd: positiveNumber('max-cost-usd', values['max-cost-usd']),
        timeoutMinutes: positiveNumber('timeout-minutes', values['timeout-minutes']),
        modelRetryMinutes: positiveNumber('model-retry-minutes', values['model-retry-minutes']),
        modelIdleSeconds: positiveNumber('model-idle-seconds', values['model-idle-seconds']),
        ...ciFlags(values),
        resume: values.resume,
      };
    }
    case 'list':
      extraPositionals(command, positionals);
      return { command, cwd: dir, json: values.json ?? false };
    case 'check':
      extraPositionals(command, positionals);
      return { command, cwd: dir, json: values.json ?? false, strict: values.strict ?? false };
    case 'view': {
      const log = positionals[0];
      if (log === undefined) throw new InputError('Missing log file. Usage: flue-action view <log> [--html] [--out FILE]');
      extraPositionals(command, positionals.slice(1));
      return { command, log, html: values.html ?? false, out: values.out };
    }
    case 'init':
      return initArgs(values, positionals, dir);
    default:
      // parseOrExplain has refused every other command.
      throw new InputError(`Unknown command '${command}'.`);
  }
}

export const OPTIONS = {
  cwd: { type: 'string' },
  input: { type: 'string' },
  event: { type: 'string' },
  'event-name': { type: 'string' },
  prompt: { type: 'string' },
  model: { type: 'string' },
  'fallback-model': { type: 'string' },
  'dry-run': { type: 'boolean' },
  json: { type: 'boolean' },
  'scripted-model': { type: 'string' },
  untrusted: { type: 'boolean' },
  'log-dir': { type: 'string' },
  'max-turns': { type: 'string' },
  'max-cost-usd': { type: 'string' },
  'timeout-minutes': { type: 'string' },
  'model-retry-minutes': { type: 'string' },
  'model-idle-seconds': { type: 'string' },
  resume: { type: 'string' },
  html: { type: 'boolean' },
  out: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  debug: { type: 'boolean' },
  strict: { type: 'boolean' },
  'trigger-phrase': { type: 'string' },
  'allowed-users': { type: 'string' },
  'allowed-bots': { type: 'string' },
  'trust-author-text': { type: 'boolean' },
  'progress-comment': { type: 'string' },
  'progress-details': { type: 'string' },
  as: { type: 'string' },
  permission: { type: 'string' },
  github: { type: 'boolean' },
  gitlab: { type: 'boolean' },
  yes: { type: 'boolean', short: 'y' },
  force: { type: 'boolean' },
  templates: { type: 'string' },
} as const satisfies NonNullable<ParseArgsConfig['options']>;

type Flag = keyof typeof OPTIONS;

/** Each command takes only its own flags: `view --dry-run` or `run --html` is an error, not a silent no-op. */
export const COMMAND_FLAGS: Record<string, readonly Flag[]> = {
  run: [
    'cwd',
    'input',
    'event',
    'event-name',
    'prompt',
    'model',
    'fallback-model',
    'dry-run',
    'json',
    'scripted-model',
    'untrusted',
    'log-dir',
    'max-turns',
    'max-cost-usd',
    'timeout-minutes',
    'model-retry-minutes',
    'model-idle-seconds',
    'trigger-phrase',
    'allowed-users',
    'allowed-bots',
    'trust-author-text',
    'progress-comment',
    'progress-details',
    'as',
    'permission',
    'resume',
    'help',
    'debug',
  ],
  list: ['cwd', 'json', 'help', 'debug'],
  check: ['cwd', 'json', 'strict', 'help', 'debug'],
  view: ['html', 'out', 'help', 'debug'],
  init: ['cwd', 'github', 'gitlab', 'yes', 'force', 'templates', 'help', 'debug'],
};

function parseOrExplain(command: string, args: string[]) {
  const flags = COMMAND_FLAGS[command];
  if (flags === undefined) {
    throw new InputError(`Unknown command '${command}'. Expected one of: run, list, check, view, init, help.`);
  }
  let parsed: ReturnType<typeof parseArgs<{ args: string[]; allowPositionals: true; strict: true; options: typeof OPTIONS }>>;
  try {
    parsed = parseArgs({ args, allowPositionals: true, strict: true, options: OPTIONS });
  } catch (error) {
    const { code, message } = error as { code?: string; message: string };
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      // Node's own text is about passing positionals after `--`, which misleads more than it helps.
      const flag = /'([^']+)'/.exec(message)?.[1] ?? message;
      throw new InputError(`Unknown option '${flag}' for flue-action ${command}. See flue-action --help.`);
    }
    // Node explains a missing or dash-led value over several lines; they read well as one.
    throw new InputError(`${message.replace(/\s*\n\s*/g, ' ')} (flue-action ${command}; see flue-action --help)`);
  }
  const misplaced = Object.keys(parsed.values).find((name) => !flags.includes(name as Flag));
  if (misplaced !== undefined) {
    throw new InputError(`Option '--${misplaced}' does not apply to flue-action ${command}. See flue-action --help.`);
  }
  return parsed;
}

function extraPositionals(command: string, extra: string[]): void {
  if (extra.length > 0) {
    throw new InputError(`Unexpected argument '${extra[0]}' for flue-action ${command}. See flue-action --help.`);
  }
}

function initArgs(values: Partial<Record<Flag, string | boolean>>, positionals: string[], cwd: string): InitCommand {
  extraPositionals('init', positionals.slice(1));
  if (values.github && values.gitlab) throw new InputError('Options --github and --gitlab exclude each other: pass one of them.');
  const platform = values.github ? 'github' : values.gitlab ? 'gitlab' : undefined;
  return {
    command: 'init',
    cwd,
    ...(positionals[0] === undefined ? {} : { template: positionals[0] }),
    ...(platform === undefined ? {} : { platform }),
    yes: values.yes === true,
    force: values.force === true,
    ...(typeof values.templates === 'string' ? { templatesDir: values.templates } : {}),
  };
}
