// The GitHub client (src/hosts/github/client.ts, Octokit with its retry and throttling plugins) through
// HTTPS_PROXY / HTTP_PROXY (src/net/proxy.ts), against the fake GitHub behind a real local proxy
// (test/fakes/proxy.ts). The fake is named by a host only the proxy resolves: a call that reaches it
// went through the proxy.
import { afterEach, describe, expect, it } from 'vitest';
import { createGitHubClient, type GitHubClient } from '../../../src/hosts/github/client.js';
import { startFakeGitHub, type FakeGitHub } from '../../fakes/github.js';
import { proxyEnv, startFakeProxy, type FakeProxy } from '../../fakes/proxy.js';
import { API, issueEvent } from './helpers.js';

let github: FakeGitHub | undefined;
let proxy: FakeProxy | undefined;
afterEach(async () => {
  await github?.close();
  await proxy?.close();
  github = proxy = undefined;
});

async function fakeGitHub(): Promise<FakeGitHub> {
  github = await startFakeGitHub({ token: 'ghs_test' });
  github.seedFromPayload(issueEvent().payload);
  return github;
}

function client(baseUrl: string, retries = 0): GitHubClient {
  return createGitHubClient({ token: 'ghs_test', baseUrl, userAgent: 'flue-action/test', warn: () => {}, retries, retryUnitMs: 1 });
}

const ISSUE = { owner: 'Codertocat', repo: 'Hello-World', issue_number: 1 };
const port = (url: string) => new URL(url).port;

describe('the GitHub client through a proxy', () => {
  it('reads and writes through HTTP_PROXY, to a host only the proxy knows', async () => {
    const fake = await fakeGitHub();
    proxy = await startFakeProxy();
    proxyEnv({ HTTP_PROXY: proxy.url });
    const octokit = client(fake.url.replace('127.0.0.1', 'api.proxied.test'));
    const { data: issue } = await octokit.rest.issues.get(ISSUE);
    expect(issue.number).toBe(1);
    await octokit.rest.issues.createComment({ ...ISSUE, body: 'Through the proxy.' });
    expect(fake.calls()).toEqual([`GET ${API}/issues/1`, `POST ${API}/issues/1/comments`]);
    expect(fake.requests.map((request) => request.authorization)).toEqual(['token ghs_test', 'token ghs_test']);
    // One tunnel, kept alive for the second call, or one each: every one to the fake's name.
    expect(proxy.seen.length).toBeGreaterThanOrEqual(1);
    expect(new Set(proxy.seen.map((seen) => `${seen.method} ${seen.target}`))).toEqual(new Set([`CONNECT api.proxied.test:${port(fake.url)}`]));
  });

  it('takes a loopback API through the proxy too, and goes direct when NO_PROXY names it', async () => {
    const fake = await fakeGitHub();
    proxy = await startFakeProxy();
    proxyEnv({ http_proxy: proxy.url });
    await client(fake.url).rest.issues.get(ISSUE);
    expect(proxy.seen).toEqual([{ method: 'CONNECT', target: `127.0.0.1:${port(fake.url)}` }]);

    for (const noProxy of ['127.0.0.1', `127.0.0.1:${port(fake.url)}`, '*']) {
      process.env.NO_PROXY = noProxy;
      await client(fake.url).rest.issues.get(ISSUE);
    }
    expect(proxy.seen).toHaveLength(1);
    expect(fake.calls()).toHaveLength(4);
  });

  it('sends the proxy credentials, and the GitHub token only to GitHub', async () => {
    const fake = await fakeGitHub();
    proxy = await startFakeProxy({ credentials: 'runner:s3cret pass' });
    proxyEnv({ HTTP_PROXY: proxy.urlWith('runner:s3cret%20pass') });
    await client(fake.url.replace('127.0.0.1', 'api.proxied.test')).rest.issues.get(ISSUE);
    expect(proxy.seen).toEqual([
      {
        method: 'CONNECT',
        target: `api.proxied.test:${port(fake.url)}`,
        authorization: `Basic ${Buffer.from('runner:s3cret pass').toString('base64')}`,
      },
    ]);
    expect(fake.requests[0]?.authorization).toBe('token ghs_test');
  });

  it('names the proxy, never its password, when the proxy refuses', async () => {
    const fake = await fakeGitHub();
    proxy = await startFakeProxy({ credentials: 'runner:right' });
    proxyEnv({ HTTP_PROXY: proxy.urlWith('runner:wrong-e0c1') });
    const base = fake.url.replace('127.0.0.1', 'api.proxied.test');
    const failure = await client(base)
      .rest.issues.get(ISSUE)
      .catch((error: Error) => error);
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).message).toBe(
      `the proxy ${proxy.url} (HTTP_PROXY) refused to connect to api.proxied.test:${port(fake.url)}: ` +
        'it answered 407 (Proxy Authentication Required: check the user and password in the URL)',
    );
    expect(JSON.stringify(failure, Object.getOwnPropertyNames(failure))).not.toContain('wrong-e0c1');
    expect(fake.calls()).toEqual([]);
  });
});
