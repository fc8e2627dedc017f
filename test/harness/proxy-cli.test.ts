// The built CLI behind a corporate proxy: an HTTPS model endpoint only the proxy can reach (a name no
// resolver knows), HTTPS_PROXY with a user and password, no NODE_USE_ENV_PROXY. On Node 24 the runner
// restarts itself without secrets in its environment (src/secrets/start.ts): the proxy URL, which
// holds a password, is then in its memory only, and the model requests must still take it.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startFakeAnthropic, text, toolUse, type FakeAnthropic } from '../fakes/anthropic.js';
import { startFakeProxy, type FakeProxy } from '../fakes/proxy.js';
import { cleanEnv, HELLO_AGENT, makeTempDir, removeTempDirs, requireBuiltCli, runBuiltCli } from '../cli/helpers.js';

/** Node can replace the process in place (>= 22.15): the runner restarts without secrets. */
const CAN_RESTART = typeof process.execve === 'function';
const PASSWORD = 'proxy-pw-5f0e9a';
const CREDENTIALS = `runner:${PASSWORD}`;
const AUTHORIZATION = `Basic ${Buffer.from(CREDENTIALS).toString('base64')}`;

/** Writes the runner's environment block, as a command it starts can read it, to `out`. */
const ENV_SCRIPT = (out: string) => `tr '\\0' '\\n' < /proc/$PPID/environ > '${out}'\necho dumped\n`;

const COMMAND_AGENT = `---
description: Run the repository's checks
tools: [bash]
commands: [sh env.sh]
---
Run the checks.
`;

let tls: { key: string; cert: string; certFile: string };
let model: FakeAnthropic | undefined;
let proxy: FakeProxy | undefined;

beforeAll(async () => {
  requireBuiltCli();
  // A self-signed certificate for the model's name, made for this run: no key is committed.
  const dir = await makeTempDir({}, 'flue-proxy-tls-');
  const [keyFile, certFile] = [path.join(dir, 'key.pem'), path.join(dir, 'cert.pem')];
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=model.proxied.test',
      '-addext',
      'subjectAltName=DNS:model.proxied.test',
      '-keyout',
      keyFile,
      '-out',
      certFile,
    ],
    { stdio: 'ignore' },
  );
  tls = { key: readFileSync(keyFile, 'utf8'), cert: readFileSync(certFile, 'utf8'), certFile };
});
afterEach(async () => {
  await model?.close();
  await proxy?.close();
  model = proxy = undefined;
});
afterAll(removeTempDirs);

/** The environment of a CLI run against `model` through `proxy`, its CA trusted the standard way. */
function proxiedEnv(): NodeJS.ProcessEnv {
  return cleanEnv({
    ANTHROPIC_API_KEY: 'sk-ant-proxy-test',
    ANTHROPIC_BASE_URL: model!.url.replace('127.0.0.1', 'model.proxied.test'),
    NODE_EXTRA_CA_CERTS: tls.certFile,
    HTTPS_PROXY: proxy!.urlWith(CREDENTIALS),
  });
}

/** Every file the run wrote under `dir` (the session log, its report), as one text. */
function written(dir: string): string {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => readFileSync(path.join(entry.parentPath, entry.name), 'utf8'))
    .join('\n');
}

describe('the built CLI behind an HTTPS_PROXY with a password', () => {
  it('reaches an HTTPS model only the proxy can reach, tunnelled with the proxy credentials', async () => {
    model = await startFakeAnthropic({ turns: [text('Hello through the proxy.')], tls });
    proxy = await startFakeProxy({ credentials: CREDENTIALS });
    const repo = await makeTempDir({ '.flue/agents/hello.md': HELLO_AGENT });
    const run = await runBuiltCli(['run', 'hello', '--cwd', repo, '--log-dir', path.join(repo, 'logs')], { env: proxiedEnv(), cwd: repo });
    expect(run.stderr).not.toContain('error');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('Hello through the proxy.\n');
    expect(proxy.seen).toEqual([{ method: 'CONNECT', target: `model.proxied.test:${new URL(model.url).port}`, authorization: AUTHORIZATION }]);
    expect(model.requests).toHaveLength(1);
    expect(written(path.join(repo, 'logs'))).not.toContain(PASSWORD);
  });

  it.runIf(CAN_RESTART)('keeps the proxy in memory across the restart without secrets: proxied, and out of the environment block', async () => {
    model = await startFakeAnthropic({ turns: [toolUse('bash', { command: 'sh env.sh' }), text('Checked.')], tls });
    proxy = await startFakeProxy({ credentials: CREDENTIALS });
    const out = path.join(await makeTempDir(), 'environ.txt');
    const repo = await makeTempDir({ '.flue/agents/check.md': COMMAND_AGENT, 'env.sh': ENV_SCRIPT(out) });
    const run = await runBuiltCli(['run', 'check', '--cwd', repo, '--log-dir', path.join(repo, 'logs')], { env: proxiedEnv(), cwd: repo });
    expect(run.stderr).not.toContain('error');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('Checked.\n');
    // Both model requests went through the proxy, from the restarted process.
    expect(model.requests).toHaveLength(2);
    expect(proxy.seen.length).toBeGreaterThanOrEqual(1);
    for (const seen of proxy.seen)
      expect(seen).toEqual({ method: 'CONNECT', target: `model.proxied.test:${new URL(model.url).port}`, authorization: AUTHORIZATION });
    // The runner restarted (the hand-off variable is in its block), and its block has no proxy URL with the password.
    const block = readFileSync(out, 'utf8');
    expect(block).toContain('FLUE_ACTION_ENV_HANDOFF=');
    expect(block).not.toContain('HTTPS_PROXY');
    expect(block).not.toContain(PASSWORD);
    expect(written(path.join(repo, 'logs'))).not.toContain(PASSWORD);
  });

  it('names the proxy, not its password, when the proxy refuses the credentials', async () => {
    model = await startFakeAnthropic({ turns: [text('unreachable')], tls });
    proxy = await startFakeProxy({ credentials: 'runner:another-password' });
    const repo = await makeTempDir({ '.flue/agents/hello.md': HELLO_AGENT });
    const run = await runBuiltCli(['run', 'hello', '--cwd', repo, '--log-dir', path.join(repo, 'logs')], { env: proxiedEnv(), cwd: repo });
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain(
      `the proxy ${proxy.url} (HTTPS_PROXY) refused to connect to model.proxied.test:${new URL(model.url).port}: it answered 407 (Proxy Authentication Required`,
    );
    expect(run.stderr + run.stdout).not.toContain(PASSWORD);
    expect(written(path.join(repo, 'logs'))).not.toContain(PASSWORD);
    expect(model.requests).toHaveLength(0);
  });
});
