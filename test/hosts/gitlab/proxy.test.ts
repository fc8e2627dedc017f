// The GitLab host's REST client (src/hosts/gitlab/client.ts, plain fetch) through HTTPS_PROXY /
// HTTP_PROXY (src/net/proxy.ts), against the fake GitLab behind a real local proxy. The fake is named by a
// host only the proxy resolves: a call that reaches it went through the proxy.
import { expect, onTestFinished, test } from 'vitest';
import { proxyEnv, startFakeProxy } from '../../fakes/proxy.js';
import { startFakeGitLab } from '../../fakes/gitlab.js';
import { hostOn, TOKEN, trigger } from './helpers.js';

async function proxiedSetup(credentials?: string) {
  const gitlab = await startFakeGitLab({ token: TOKEN });
  const proxy = await startFakeProxy(credentials === undefined ? {} : { credentials });
  onTestFinished(async () => {
    await gitlab.close();
    await proxy.close();
  });
  const project = gitlab.project('group/sub/app', 42);
  const port = new URL(gitlab.url).port;
  const host = hostOn(gitlab, { baseUrl: gitlab.url.replace('127.0.0.1', 'gitlab.proxied.test'), client: { retryUnitMs: 1, retries: 2 } });
  return { gitlab, proxy, project, host, port };
}

test('notes and labels go through HTTP_PROXY, with the credentials of its URL', async () => {
  const { gitlab, proxy, project, host, port } = await proxiedSetup('squid:s3cr3t-proxy-pass');
  proxyEnv({ HTTP_PROXY: proxy.urlWith('squid:s3cr3t-proxy-pass') });
  project.issue(3);
  await host.applyOutput({ kind: 'add_comment', body: 'Through the proxy.' }, trigger('issue'));
  await host.applyOutput({ kind: 'add_labels', labels: ['bug'] }, trigger('issue'));
  expect(gitlab.calls()).toEqual(['POST /projects/42/issues/3/notes', 'PUT /projects/42/issues/3']);
  expect(new Set(proxy.seen.map((seen) => `${seen.method} ${seen.target}`))).toEqual(new Set([`CONNECT gitlab.proxied.test:${port}`]));
  expect(proxy.seen.every((seen) => seen.authorization === `Basic ${Buffer.from('squid:s3cr3t-proxy-pass').toString('base64')}`)).toBe(true);
});

test('a proxy that refuses fails at once, naming the proxy and not its password', async () => {
  const { gitlab, proxy, project, host } = await proxiedSetup('squid:right-password');
  proxyEnv({ HTTP_PROXY: proxy.urlWith('squid:wrong-password') });
  project.issue(3);
  const failure = host.applyOutput({ kind: 'add_comment', body: 'x' }, trigger('issue'));
  await expect(failure).rejects.toThrow(/proxy http:\/\/127\.0\.0\.1:\d+ \(HTTP_PROXY\).*407/);
  await expect(failure).rejects.not.toThrow(/wrong-password/);
  // Refused once, not retried: the answer would be the same.
  expect(proxy.seen).toHaveLength(1);
  expect(gitlab.calls()).toEqual([]);
});

test('NO_PROXY naming the host goes direct', async () => {
  const gitlab = await startFakeGitLab({ token: TOKEN });
  const proxy = await startFakeProxy();
  onTestFinished(async () => {
    await gitlab.close();
    await proxy.close();
  });
  gitlab.project('group/sub/app', 42).issue(3);
  proxyEnv({ HTTP_PROXY: proxy.url, NO_PROXY: '127.0.0.1' });
  await hostOn(gitlab).applyOutput({ kind: 'add_comment', body: 'Direct.' }, trigger('issue'));
  expect(gitlab.calls()).toEqual(['POST /projects/42/issues/3/notes']);
  expect(proxy.seen).toEqual([]);
});
