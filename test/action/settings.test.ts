import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { readActionSettings, readPostSettings } from '../../src/action/settings.js';
import { secretValues } from '../../src/secrets/variables.js';

let workspace: string;
beforeAll(async () => {
  workspace = await mkdtemp(path.join(os.tmpdir(), 'flue-settings-'));
  await mkdir(path.join(workspace, 'packages', 'app'), { recursive: true });
});
afterAll(() => rm(workspace, { recursive: true, force: true }));

const KEY = 'sk-ant-test-0123456789';
const TOKEN = 'ghs_test_0123456789abcdef';

/** Inputs as the runner passes them (`INPUT_<NAME>`, dashes kept): every declared input is set, '' when the workflow gives none. */
function stepEnvironment(inputs: Record<string, string>, env: Record<string, string> = {}): Record<string, string> {
  const table: Record<string, string> = { agent: 'triage', 'anthropic-api-key': KEY, 'github-token': TOKEN, ...inputs };
  const variables: Record<string, string> = { GITHUB_WORKSPACE: workspace, ...env };
  for (const [name, value] of Object.entries(table)) variables[`INPUT_${name.toUpperCase()}`] = value;
  return variables;
}

/** As src/secrets/start.ts hands it over: the environment, and the secrets in it. */
function read(inputs: Record<string, string>, env: Record<string, string> = {}) {
  const variables = stepEnvironment(inputs, env);
  return readActionSettings({ env: variables, secrets: secretValues(variables) });
}

function quietly<T>(run: () => T): { value: T; printed: string } {
  const printed: string[] = [];
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    printed.push(String(chunk));
    return true;
  });
  try {
    return { value: run(), printed: printed.join('') };
  } finally {
    spy.mockRestore();
  }
}

describe('readActionSettings', () => {
  test('defaults: every optional input unset', () => {
    const { value, printed } = quietly(() => read({}));
    expect({ ...value, input: { ...value.input } }).toEqual({
      agent: 'triage',
      prompt: undefined,
      input: {},
      model: undefined,
      anthropicApiKey: KEY,
      githubToken: TOKEN,
      workspace,
      repositoryFolder: '',
      triggerPhrase: '@flue',
      allowedUsers: [],
      allowedBots: [],
      trustAuthorText: false,
      limits: { maxTurns: undefined, maxCostUsd: undefined, timeoutMinutes: undefined, modelRetryMinutes: undefined, modelIdleSeconds: undefined },
      dryRun: false,
      artifactName: 'flue-session',
      progressComment: true,
      progressDetails: 'auto',
      failOnBudget: true,
      resume: 'false',
      secrets: [KEY, TOKEN],
    });
    // Both secrets are masked in every later line of the job log.
    expect(printed).toBe(`::add-mask::${KEY}\n::add-mask::${TOKEN}\n`);
  });

  test('every input given', () => {
    const { value } = quietly(() =>
      read({
        prompt: '  Label this issue.\n',
        input: '{"severity": "high", "__proto__": {"polluted": true}}',
        model: 'anthropic/claude-haiku-4-5',
        'fallback-model': 'claude-haiku-3-5',
        'working-directory': 'packages/app',
        'trigger-phrase': '/flue',
        'allowed-users': 'alice, bob\ncarol\n',
        'allowed-bots': 'dependabot[bot],renovate',
        'trust-author-text': 'true',
        'max-turns': '12',
        'max-cost-usd': '0.50',
        'timeout-minutes': '2.5',
        'model-retry-minutes': '15',
        'model-idle-seconds': '120',
        'dry-run': 'true',
        'artifact-name': 'triage-log',
        'progress-comment': 'False',
        'progress-details': 'full',
        'fail-on-budget': 'FALSE',
        resume: 'auto',
      }),
    );
    expect(Object.getPrototypeOf(value.input)).toBe(null);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect({ ...value, input: { ...value.input } }).toEqual({
      agent: 'triage',
      prompt: 'Label this issue.',
      input: { severity: 'high', ['__proto__']: { polluted: true } },
      model: 'claude-haiku-4-5',
      fallbackModel: 'claude-haiku-3-5',
      anthropicApiKey: KEY,
      githubToken: TOKEN,
      workspace: path.join(workspace, 'packages', 'app'),
      repositoryFolder: 'packages/app',
      triggerPhrase: '/flue',
      allowedUsers: ['alice', 'bob', 'carol'],
      allowedBots: ['dependabot[bot]', 'renovate'],
      trustAuthorText: true,
      limits: { maxTurns: 12, maxCostUsd: 0.5, timeoutMinutes: 2.5, modelRetryMinutes: 15, modelIdleSeconds: 120 },
      dryRun: true,
      artifactName: 'triage-log',
      progressComment: false,
      progressDetails: 'full',
      failOnBudget: false,
      resume: 'auto',
      secrets: [KEY, TOKEN],
    });
  });

  test("every secret in the step's environment joins the run's secrets and is masked; a short value is not masked", () => {
    const runtime = 'eyJhbGciOiJSUzI1NiJ9.eyJzY3AiOiJBY3Rpb25zIn0.c2lnbmF0dXJl';
    const deploy = 'ghp_' + 'D3pl0yK3y'.repeat(4);
    const { value, printed } = quietly(() =>
      read(
        { input: '{"note": "plain"}' },
        { ACTIONS_RUNTIME_TOKEN: runtime, ACTIONS_ID_TOKEN_REQUEST_TOKEN: `${runtime}2`, HAS_TOKEN: 'true', DEPLOY: deploy, LANG: 'C.UTF-8' },
      ),
    );
    expect(value.secrets).toEqual([KEY, TOKEN, runtime, `${runtime}2`, 'true', deploy]);
    expect(printed).toBe([KEY, TOKEN, runtime, `${runtime}2`, deploy].map((secret) => `::add-mask::${secret}\n`).join(''));
  });

  test('the API key falls back to ANTHROPIC_API_KEY in the environment', () => {
    const { value } = quietly(() => read({ 'anthropic-api-key': '' }, { ANTHROPIC_API_KEY: 'sk-from-env-123456' }));
    expect(value.anthropicApiKey).toBe('sk-from-env-123456');
  });

  test.each([
    [{ agent: '' }, "Input required and not supplied: agent. Name an agent in .flue/agents/, e.g. 'agent: triage'."],
    [
      { 'anthropic-api-key': '' },
      'Input required and not supplied: anthropic-api-key. Set it from a secret (anthropic-api-key: ${{ secrets.ANTHROPIC_API_KEY }}) ' +
        'or set ANTHROPIC_API_KEY in the step env. Secrets are empty in workflows started by pull requests from forks.',
    ],
    [
      { 'github-token': '' },
      'Input required and not supplied: github-token. Leave it unset for the workflow token, or pass ${{ secrets.YOUR_TOKEN }}.',
    ],
    [{ 'max-turns': 'abc' }, "Invalid max-turns 'abc'. Expected a positive whole number."],
    [{ 'max-turns': '2.5' }, "Invalid max-turns '2.5'. Expected a positive whole number."],
    [{ 'max-turns': '0' }, "Invalid max-turns '0'. Expected a positive whole number."],
    [{ 'max-cost-usd': '-1' }, "Invalid max-cost-usd '-1'. Expected a positive number, e.g. 1.5."],
    [{ 'max-cost-usd': '$2' }, "Invalid max-cost-usd '$2'. Expected a positive number, e.g. 1.5."],
    [{ 'timeout-minutes': '0' }, "Invalid timeout-minutes '0'. Expected a positive number, e.g. 1.5."],
    [
      { 'fallback-model': 'openai/gpt-4o' },
      `Invalid fallback-model 'openai/gpt-4o': provider "openai" is not supported (got "openai/gpt-4o"). Expected anthropic/claude-... or claude-..., e.g. claude-sonnet-4-6.`,
    ],
    [{ 'model-retry-minutes': '-1' }, "Invalid model-retry-minutes '-1'. Expected a positive number, e.g. 1.5."],
    [{ 'model-idle-seconds': 'soon' }, "Invalid model-idle-seconds 'soon'. Expected a positive number, e.g. 1.5."],
    [{ 'dry-run': 'yes' }, "Invalid dry-run 'yes'. Expected true or false."],
    [{ 'progress-comment': '1' }, "Invalid progress-comment '1'. Expected true or false."],
    [{ 'progress-details': 'yes' }, "Invalid progress-details 'yes'. Expected auto, full, minimal."],
    [{ 'progress-details': 'Full' }, "Invalid progress-details 'Full'. Expected auto, full, minimal."],
    [{ 'fail-on-budget': 'no' }, "Invalid fail-on-budget 'no'. Expected true or false."],
    [{ resume: 'true' }, "Invalid resume 'true'. Expected false, auto."],
    [{ input: '[1, 2]' }, `Invalid input '[1, 2]'. Expected a JSON object, e.g. '{"severity": "high"}'.`],
    [{ input: 'severity=high' }, /^Invalid input 'severity=high': not JSON \(.+\)\. Expected a JSON object, e\.g\. '\{"severity": "high"\}'\.$/],
    [
      { model: 'openai/gpt-5' },
      `Invalid model 'openai/gpt-5': provider "openai" is not supported (got "openai/gpt-5"). Expected anthropic/claude-... or claude-..., e.g. claude-sonnet-4-6.`,
    ],
    [{ 'artifact-name': 'logs/triage' }, `Invalid artifact-name 'logs/triage'. Expected a name without " : < > | * ? \\ / or line breaks.`],
  ])('%j is refused with a message naming the input', (inputs, message) => {
    expect(() => quietly(() => read(inputs))).toThrow(message);
  });

  test('the post step reads its token from the environment the step started with', () => {
    const { value, printed } = quietly(() => readPostSettings(stepEnvironment({ 'github-token': ` ${TOKEN}\n` })));
    expect(value).toEqual({ githubToken: TOKEN, anthropicApiKey: KEY });
    expect(printed).toBe(`::add-mask::${TOKEN}\n::add-mask::${KEY}\n`);
  });

  test('the repository folder is the working-directory below the nearest .git (a checkout with `path:`)', async () => {
    await mkdir(path.join(workspace, 'checkout', '.git'), { recursive: true });
    await mkdir(path.join(workspace, 'checkout', 'packages', 'app'), { recursive: true });
    expect(quietly(() => read({ 'working-directory': 'checkout/packages/app' })).value.repositoryFolder).toBe('packages/app');
    expect(quietly(() => read({ 'working-directory': 'checkout' })).value.repositoryFolder).toBe('');
  });

  test('a working-directory that does not exist is refused, naming the workspace', () => {
    expect(() => quietly(() => read({ 'working-directory': 'nope' }))).toThrow(
      `Invalid working-directory 'nope'. Expected a directory, relative to the workspace ${workspace}; is the repository checked out (actions/checkout)?`,
    );
  });
});
