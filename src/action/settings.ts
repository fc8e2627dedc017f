/**
 * Every action input, read once, here, into one typed object, from the environment the step started
 * with (src/secrets/start.ts); nothing calls `core.getInput`.
 * The runner does not enforce `required: true` from action.yml, so every check happens here, and each
 * error names the input, the value given and the form expected.
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import * as core from '@actions/core';
import { parseModelId } from '../definitions/model-id.js';
import { errorMessage, InputError } from '../errors.js';
import { DEFAULT_TRIGGER_PHRASE } from '../gate/gate.js';
import { isRecord, nullPrototypeRecord } from '../records.js';
import type { StartedEnvironment } from '../secrets/start.js';
import type { Environment } from '../secrets/variables.js';
import { MIN_SECRET_LENGTH } from '../session-log/redact.js';
import { pathInside } from '../paths.js';
import { oneLine } from '../text/index.js';
import { PROGRESS_DETAILS, type ProgressDetails } from '../ci/progress-view.js';

export const DEFAULT_ARTIFACT_NAME = 'flue-session';

export interface ActionSettings {
  /** Agent name under `.flue/agents/` (or a path to its file). */
  agent: string;
  /** The task; without it the agent is asked to handle the event. */
  prompt?: string;
  /** Extra inputs for the agent, merged over `workflow_dispatch` inputs. Null-prototype: plain data only. */
  input: Record<string, unknown>;
  /** Replaces the agent's `model:`; a bare `claude-...` id. */
  model?: string;
  /** Where model calls go after repeated overloads; a bare `claude-...` id. */
  fallbackModel?: string;
  /** The Anthropic API key: the input, else the ANTHROPIC_API_KEY environment variable. */
  anthropicApiKey: string;
  /** Token for the GitHub API; the workflow's own token by default. */
  githubToken: string;
  /** Absolute path of the checkout the agent works on: `working-directory` under GITHUB_WORKSPACE. */
  workspace: string;
  /**
   * Where `workspace` sits in the repository, '/'-separated, '' at its root (`packages/app`): the folder
   * whose definitions are read when they come from a commit through the API instead of the checkout.
   */
  repositoryFolder: string;
  /** Text a comment must mention to start a run. */
  triggerPhrase: string;
  /** Logins treated as writers by the gate. */
  allowedUsers: string[];
  /** Bots allowed to start runs. */
  allowedBots: string[];
  /** `trust-author-text`: a writer's action on a non-writer's issue, discussion or branch PR vouches for its text (trusted profile). */
  trustAuthorText: boolean;
  /** Replace the agent's own `limits:` values; undefined keeps the agent's. */
  limits: { maxTurns?: number; maxCostUsd?: number; timeoutMinutes?: number; modelRetryMinutes?: number; modelIdleSeconds?: number };
  /** Apply nothing; show what would have been posted. */
  dryRun: boolean;
  /** Prefix of the uploaded artifact's name. */
  artifactName: string;
  /** Keep a live progress comment on the issue or pull request. */
  progressComment: boolean;
  /** `progress-details`: tokens, cost and a JSON result in the progress comment (`auto`: on private and internal repositories only). */
  progressDetails: ProgressDetails;
  /** Fail the step when the run stops at a budget limit. */
  failOnBudget: boolean;
  /** `resume`: on a re-run, continue the previous attempt's session when it was interrupted (`auto`), or always start fresh (`false`). */
  resume: ResumeMode;
  /**
   * Every secret of the step: the two credential inputs and each secret the environment held
   * (ACTIONS_RUNTIME_TOKEN, a token the workflow put in `env:`; see src/secrets/variables.ts).
   * Redacted wherever the run writes, and masked in the job log.
   */
  secrets: string[];
}

/** The `resume` input's values, the default first: resuming reads an artifact, which needs `actions: read`. */
export const RESUME_MODES = ['false', 'auto'] as const;
export type ResumeMode = (typeof RESUME_MODES)[number];

/** How an input is read; returns '' when unset. */
export type InputReader = (name: string) => string;

/**
 * An input as the runner passes it, `INPUT_<NAME>` (upper-cased, spaces as `_`, dashes kept), from the
 * environment the step started with: `core.getInput` would read `process.env`, which holds no input
 * by the time this runs (src/secrets/start.ts).
 */
export function inputReader(env: Environment): InputReader {
  return (name) => env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '';
}

export function readActionSettings(started: StartedEnvironment): ActionSettings {
  const { env } = started;
  const getInput = inputReader(env);
  const input = (name: string) => getInput(name).trim();
  const agent = input('agent');
  if (agent === '') throw new InputError("Input required and not supplied: agent. Name an agent in .flue/agents/, e.g. 'agent: triage'.");
  const settings: ActionSettings = {
    agent,
    prompt: getInput('prompt').trim() || undefined,
    input: jsonObject(input('input')),
    model: model(input('model')),
    fallbackModel: model(input('fallback-model'), 'fallback-model'),
    anthropicApiKey: anthropicApiKey(input('anthropic-api-key'), env),
    githubToken: githubToken(input('github-token')),
    workspace: workspace(input('working-directory'), env),
    repositoryFolder: '',
    triggerPhrase: input('trigger-phrase') || DEFAULT_TRIGGER_PHRASE,
    allowedUsers: list(getInput('allowed-users')),
    allowedBots: list(getInput('allowed-bots')),
    trustAuthorText: boolean('trust-author-text', input('trust-author-text'), false),
    limits: {
      maxTurns: optional(input('max-turns'), (value) => positiveWhole('max-turns', value)),
      maxCostUsd: optional(input('max-cost-usd'), (value) => positive('max-cost-usd', value)),
      timeoutMinutes: optional(input('timeout-minutes'), (value) => positive('timeout-minutes', value)),
      modelRetryMinutes: optional(input('model-retry-minutes'), (value) => positive('model-retry-minutes', value)),
      modelIdleSeconds: optional(input('model-idle-seconds'), (value) => positive('model-idle-seconds', value)),
    },
    dryRun: boolean('dry-run', input('dry-run'), false),
    artifactName: artifactName(input('artifact-name')),
    progressComment: boolean('progress-comment', input('progress-comment'), true),
    progressDetails: oneOf('progress-details', input('progress-details'), PROGRESS_DETAILS),
    failOnBudget: boolean('fail-on-budget', input('fail-on-budget'), true),
    resume: oneOf('resume', input('resume'), RESUME_MODES),
    secrets: [],
  };
  settings.repositoryFolder = repositoryFolder(settings.workspace, env);
  settings.secrets = [...new Set([settings.anthropicApiKey, settings.githubToken, ...started.secrets])];
  // Masked in every later line of the job log, whatever prints them. A short value is not a credential,
  // and masking "true" would hide every "true" in the log.
  for (const secret of settings.secrets) if (secret.length >= MIN_SECRET_LENGTH) core.setSecret(secret);
  return settings;
}

/** What the post step reads. Only the token and the key, unchecked: a post step must finish its work even when another input is broken. */
export interface PostSettings {
  /** Token for the GitHub API, to finish the progress comment; '' when none is set. */
  githubToken: string;
  /** The API key, only to seal the log it uploads (src/session-log/seal.ts); '' when none is set. */
  anthropicApiKey: string;
}

export function readPostSettings(env: Environment): PostSettings {
  const githubToken = inputReader(env)('github-token').trim();
  if (githubToken !== '') core.setSecret(githubToken);
  // Unchecked, unlike main's: without one the log is uploaded unsealed (src/session-log/seal.ts).
  const anthropicApiKey = inputReader(env)('anthropic-api-key').trim() || env.ANTHROPIC_API_KEY?.trim() || '';
  if (anthropicApiKey !== '') core.setSecret(anthropicApiKey);
  return { githubToken, anthropicApiKey };
}

function anthropicApiKey(given: string, env: Environment): string {
  const key = given || env.ANTHROPIC_API_KEY?.trim() || '';
  if (key !== '') return key;
  throw new InputError(
    'Input required and not supplied: anthropic-api-key. Set it from a secret ' +
      '(anthropic-api-key: ${{ secrets.ANTHROPIC_API_KEY }}) or set ANTHROPIC_API_KEY in the step env. ' +
      'Secrets are empty in workflows started by pull requests from forks.',
  );
}

function githubToken(given: string): string {
  if (given !== '') return given;
  throw new InputError('Input required and not supplied: github-token. Leave it unset for the workflow token, or pass ${{ secrets.YOUR_TOKEN }}.');
}

function model(given: string, name = 'model'): string | undefined {
  if (given === '') return undefined;
  const parsed = parseModelId(given);
  if (parsed.ok) return parsed.model;
  throw new InputError(`Invalid ${name} '${given}': ${parsed.problem}. Expected anthropic/claude-... or claude-..., e.g. claude-sonnet-4-6.`);
}

function workspace(given: string, env: Environment): string {
  const root = resolve(env.GITHUB_WORKSPACE || process.cwd());
  const dir = resolve(root, given || '.');
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new InputError(
      `Invalid working-directory '${given}'. Expected a directory, relative to the workspace ${root}; is the repository checked out (actions/checkout)?`,
    );
  }
  return dir;
}

/**
 * `workspace` relative to the repository's root: the nearest folder above it holding `.git` (a checkout
 * with `path:` puts the repository below GITHUB_WORKSPACE), else GITHUB_WORKSPACE (a checkout without git).
 */
function repositoryFolder(workspace: string, env: Environment): string {
  let root = workspace;
  while (!existsSync(join(root, '.git'))) {
    const parent = dirname(root);
    if (parent === root) {
      root = resolve(env.GITHUB_WORKSPACE || process.cwd());
      break;
    }
    root = parent;
  }
  return pathInside(root, workspace) ?? '';
}

function jsonObject(given: string): Record<string, unknown> {
  const expected = `Expected a JSON object, e.g. '{"severity": "high"}'.`;
  if (given === '') return nullPrototypeRecord();
  let parsed: unknown;
  try {
    parsed = JSON.parse(given);
  } catch (error) {
    // V8 quotes the text in some messages, newlines included: the error must stay one line.
    throw new InputError(`Invalid input '${quoted(given)}': not JSON (${oneLine(errorMessage(error))}). ${expected}`);
  }
  if (!isRecord(parsed)) {
    throw new InputError(`Invalid input '${quoted(given)}'. ${expected}`);
  }
  // Null prototype: `{"__proto__": ...}` stays plain data.
  return Object.assign(nullPrototypeRecord(), parsed);
}

/** Comma- or newline-separated, as workflow YAML writes lists: `a, b` or a block scalar. */
function list(given: string): string[] {
  return given
    .split(/[,\n]/)
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
}

function optional<T>(given: string, parse: (value: string) => T): T | undefined {
  return given === '' ? undefined : parse(given);
}

function positiveWhole(name: string, given: string): number {
  const value = Number(given);
  if (/^\d+$/.test(given) && Number.isSafeInteger(value) && value > 0) return value;
  throw new InputError(`Invalid ${name} '${given}'. Expected a positive whole number.`);
}

function positive(name: string, given: string): number {
  const value = Number(given);
  if (/^\d*\.?\d+$/.test(given) && Number.isFinite(value) && value > 0) return value;
  throw new InputError(`Invalid ${name} '${given}'. Expected a positive number, e.g. 1.5.`);
}

/** YAML 1.2 core booleans, as `core.getBooleanInput` reads them, with an error that names the input. */
function boolean(name: string, given: string, fallback: boolean): boolean {
  if (given === '') return fallback;
  if (['true', 'True', 'TRUE'].includes(given)) return true;
  if (['false', 'False', 'FALSE'].includes(given)) return false;
  throw new InputError(`Invalid ${name} '${given}'. Expected true or false.`);
}

/** One of `choices`, the first when unset; the error lists them all. */
function oneOf<T extends string>(name: string, given: string, choices: readonly [T, ...T[]]): T {
  if (given === '') return choices[0];
  const found = choices.find((choice) => choice === given);
  if (found !== undefined) return found;
  throw new InputError(`Invalid ${name} '${quoted(given)}'. Expected ${choices.join(', ')}.`);
}

/** Characters the artifact service refuses in a name. */
const ARTIFACT_NAME_FORBIDDEN = /[":<>|*?\r\n\\/]/;

function artifactName(given: string): string {
  if (given === '') return DEFAULT_ARTIFACT_NAME;
  if (!ARTIFACT_NAME_FORBIDDEN.test(given)) return given;
  throw new InputError(`Invalid artifact-name '${quoted(given)}'. Expected a name without " : < > | * ? \\ / or line breaks.`);
}

/** A given value as an error quotes it: on one line, 80 characters and an ellipsis at most. */
const quoted = (given: string): string => oneLine(given, 81);
