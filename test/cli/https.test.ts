// The built CLI talks to an HTTPS model endpoint (a gateway, a proxy with its own CA) over the
// runner's node:https transport, trusting a CA given the standard way: NODE_EXTRA_CA_CERTS.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startFakeAnthropic, text, type FakeAnthropic } from '../fakes/anthropic.js';
import { cleanEnv, HELLO_AGENT, makeTempDir, removeTempDirs, requireBuiltCli, runBuiltCli } from './helpers.js';

let tls: { key: string; cert: string; certFile: string };
let fake: FakeAnthropic | undefined;

beforeAll(async () => {
  requireBuiltCli();
  // A self-signed certificate for 127.0.0.1, made for this run: no key is committed.
  const dir = await makeTempDir({}, 'flue-tls-');
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
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
      '-keyout',
      keyFile,
      '-out',
      certFile,
    ],
    { stdio: 'ignore' },
  );
  tls = { key: readFileSync(keyFile, 'utf8'), cert: readFileSync(certFile, 'utf8'), certFile };
});
afterEach(() => fake?.close());
afterAll(removeTempDirs);

describe('an HTTPS model endpoint', () => {
  it('is reached when its CA is trusted through NODE_EXTRA_CA_CERTS', async () => {
    fake = await startFakeAnthropic({ turns: [text('Hello over TLS.')], tls });
    const repo = await makeTempDir({ '.flue/agents/hello.md': HELLO_AGENT });
    const env = cleanEnv({ ANTHROPIC_API_KEY: 'sk-test', ANTHROPIC_BASE_URL: fake.url, NODE_EXTRA_CA_CERTS: tls.certFile });
    const run = await runBuiltCli(['run', 'hello', '--cwd', repo, '--log-dir', path.join(repo, 'logs')], { env, cwd: repo });
    expect(run.stderr).not.toContain('error');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('Hello over TLS.\n');
    expect(fake.url).toMatch(/^https:/);
    expect(fake.requests).toHaveLength(1);
  });

  it('is refused, with the TLS reason, when its certificate is not trusted', async () => {
    fake = await startFakeAnthropic({ turns: [text('unreachable')], tls });
    const repo = await makeTempDir({ '.flue/agents/hello.md': HELLO_AGENT });
    const env = cleanEnv({ ANTHROPIC_API_KEY: 'sk-test', ANTHROPIC_BASE_URL: fake.url });
    const run = await runBuiltCli(['run', 'hello', '--cwd', repo, '--log-dir', path.join(repo, 'logs')], { env, cwd: repo });
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain(`could not reach the model API at ${fake.url}: self-signed certificate`);
    expect(fake.requests).toHaveLength(0);
  });
});
