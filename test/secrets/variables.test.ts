import { describe, expect, test } from 'vitest';
import { isKept, keptVariables, secretValues } from '../../src/secrets/variables.js';

/** A step's environment on a GitHub-hosted runner, shortened: what the runner keeps and what it does not. */
const STEP = {
  PATH: '/usr/local/bin:/usr/bin:/bin',
  HOME: '/home/runner',
  LANG: 'C.UTF-8',
  LC_ALL: 'C.UTF-8',
  CI: 'true',
  GITHUB_ACTIONS: 'true',
  GITHUB_EVENT_PATH: '/home/runner/work/_temp/_github_workflow/event.json',
  GITHUB_OUTPUT: '/home/runner/work/_temp/_runner_file_commands/set_output_1',
  GITHUB_STATE: '/home/runner/work/_temp/_runner_file_commands/save_state_1',
  GITHUB_TOKEN: 'ghs_fromTheWorkflowEnv0123456789',
  RUNNER_TEMP: '/home/runner/work/_temp',
  STATE_logDir: '/home/runner/work/_temp/flue-action/session-1',
  NODE_OPTIONS: '--max-old-space-size=4096',
  NODE_AUTH_TOKEN: 'npm_0123456789abcdefghijklmnopqrstuvwxyz',
  FLUE_BENCH_RSS_FILE: '/tmp/flue-bench-1/rss.txt',
  HTTPS_PROXY: 'http://proxy.internal:3128',
  http_proxy: 'http://builder:s3cr%40t-pass@proxy.internal:3128',
  'INPUT_ANTHROPIC-API-KEY': 'sk-ant-api03-0123456789abcdefghij',
  'INPUT_GITHUB-TOKEN': 'ghs_0123456789abcdefghijklmn',
  INPUT_AGENT: 'triage',
  ACTIONS_RUNTIME_TOKEN: 'eyJhbGciOiJSUzI1NiJ9.eyJzY3AiOiJBY3Rpb25zIn0.c2lnbmF0dXJl',
  ACTIONS_RESULTS_URL: 'https://results-receiver.actions.githubusercontent.com/',
  CI_JOB_TOKEN: 'glcbt-64_0123456789abcdef',
  CI_REPOSITORY_URL: 'https://gitlab-ci-token:glcbt-64_0123456789abcdef@gitlab.com/group/project.git',
  DEPLOY: 'ghp_D3pl0yK3yD3pl0yK3yD3pl0yK3y',
  AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  PRIVATE_KEY: '-----BEGIN KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END KEY-----',
  JAVA_HOME: '/usr/lib/jvm/temurin-17-jdk-amd64',
};

describe('the variables the runner keeps', () => {
  test('paths, locale, CI, GITHUB_*, RUNNER_*, STATE_*, NODE_* and a proxy without a password; nothing that authenticates', () => {
    expect(Object.keys(keptVariables(STEP, 'linux'))).toEqual([
      'PATH',
      'HOME',
      'LANG',
      'LC_ALL',
      'CI',
      'GITHUB_ACTIONS',
      'GITHUB_EVENT_PATH',
      'GITHUB_OUTPUT',
      'GITHUB_STATE',
      'RUNNER_TEMP',
      'STATE_logDir',
      'NODE_OPTIONS',
      'FLUE_BENCH_RSS_FILE',
      'HTTPS_PROXY',
    ]);
  });

  test('a credential name is never kept, under a kept prefix too; a token-shaped value neither', () => {
    expect(isKept('GITHUB_TOKEN', 'x', 'linux')).toBe(false);
    expect(isKept('GITHUB_PAT', 'x', 'linux')).toBe(false);
    expect(isKept('NODE_AUTH_TOKEN', 'x', 'linux')).toBe(false);
    expect(isKept('RUNNER_SECRET', 'x', 'linux')).toBe(false);
    expect(isKept('GITHUB_PATH', '/tmp/path', 'linux')).toBe(true);
    expect(isKept('GITHUB_REF_NAME', 'ghp_D3pl0yK3yD3pl0yK3yD3pl0yK3y', 'linux')).toBe(false);
  });

  test('Windows keeps what it needs to start a program, whatever the case of the name', () => {
    expect(isKept('SystemRoot', 'C:\\Windows', 'win32')).toBe(true);
    expect(isKept('ComSpec', 'C:\\Windows\\system32\\cmd.exe', 'win32')).toBe(true);
    expect(isKept('Path', 'C:\\Windows', 'win32')).toBe(true);
    expect(isKept('SystemRoot', 'C:\\Windows', 'linux')).toBe(false);
  });
});

describe('secretValues', () => {
  test('by name, by token shape and a proxy password; each line of a multi-line value too', () => {
    expect(secretValues(STEP)).toEqual([
      'ghs_fromTheWorkflowEnv0123456789',
      'npm_0123456789abcdefghijklmnopqrstuvwxyz',
      's3cr@t-pass',
      'sk-ant-api03-0123456789abcdefghij',
      'ghs_0123456789abcdefghijklmn',
      'eyJhbGciOiJSUzI1NiJ9.eyJzY3AiOiJBY3Rpb25zIn0.c2lnbmF0dXJl',
      'glcbt-64_0123456789abcdef',
      'ghp_D3pl0yK3yD3pl0yK3yD3pl0yK3y',
      'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      '-----BEGIN KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END KEY-----',
      '-----BEGIN KEY-----',
      'MIIEvQIBADANBgkqhkiG9w0BAQEFAASC',
      '-----END KEY-----',
    ]);
  });

  test('a value that is only whitespace, or unset, is no secret', () => {
    expect(secretValues({ API_TOKEN: '  ', GH_TOKEN: undefined, EMPTY_SECRET: '' })).toEqual([]);
  });
});
