// The login the token writes as: the gate never answers a comment by it.
import { expect, test } from 'vitest';
import { startFakeGitHub } from '../../fakes/github.js';
import { hostOn, setup } from './helpers.js';

test('the token’s login comes from GraphQL viewer (a personal token’s user, an app’s bot), asked once a run', async () => {
  const github = await startFakeGitHub({ actor: { login: 'release-bot-user', type: 'User' } });
  try {
    const host = hostOn(github);
    await expect(host.selfLogin()).resolves.toBe('release-bot-user');
    await expect(host.selfLogin()).resolves.toBe('release-bot-user');
    expect(github.calls()).toEqual(['POST /graphql']);
    expect(github.requests[0]?.body).toEqual({ query: 'query { viewer { login } }' });
  } finally {
    await github.close();
  }
});

test.each([
  ['a 403', { status: 403 }],
  ['a 502', { status: 502 }],
])('when GitHub refuses (%s) the login is unknown, without a throw', async (_name, failure) => {
  const { github, host } = await setup({}, { retries: 0 });
  github.fail('POST /graphql', failure);
  await expect(host.selfLogin()).resolves.toBeUndefined();
});
