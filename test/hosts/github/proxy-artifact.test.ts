// The session log's artifact upload (src/action/artifact.ts) behind a proxy. The runner does nothing of
// its own here: @actions/artifact's Twirp calls go through @actions/http-client, and its blob upload
// through Azure's storage client, each of which reads HTTP_PROXY / HTTPS_PROXY / NO_PROXY per request.
// This test holds them to it, against the fake artifact service named by a host only the proxy knows.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { uploadSessionArtifact } from '../../../src/action/artifact.js';
import { startFakeArtifacts, type FakeArtifacts } from '../../fakes/artifacts.js';
import { proxyEnv, startFakeProxy, type FakeProxy } from '../../fakes/proxy.js';

let artifacts: FakeArtifacts | undefined;
let proxy: FakeProxy | undefined;
let dir: string | undefined;
afterEach(async () => {
  await artifacts?.close();
  await proxy?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
  artifacts = proxy = dir = undefined;
});

describe('the artifact upload behind a proxy', () => {
  it('reaches the results service only through HTTP_PROXY, with the proxy credentials', async () => {
    artifacts = await startFakeArtifacts();
    proxy = await startFakeProxy({ credentials: 'runner:artifact-pw' });
    proxyEnv({ HTTP_PROXY: proxy.urlWith('runner:artifact-pw') });
    dir = await mkdtemp(path.join(tmpdir(), 'flue-proxy-artifact-'));
    const log = path.join(dir, 'session.jsonl');
    await writeFile(log, '{"type":"session_start"}\n');
    const results = new URL(artifacts.env.ACTIONS_RESULTS_URL!);
    const service = { ...artifacts.env, ACTIONS_RESULTS_URL: results.href.replace('127.0.0.1', 'artifacts.proxied.test') };

    const uploaded = await uploadSessionArtifact(log, 'flue-session-proxy', service);

    expect(uploaded).toEqual({ name: 'flue-session-proxy', id: 9001 });
    expect(artifacts.uploads.map((upload) => upload.name)).toEqual(['flue-session-proxy']);
    expect(artifacts.uploads[0]!.zip.toString('latin1')).toContain('session.jsonl');
    const basic = `Basic ${Buffer.from('runner:artifact-pw').toString('base64')}`;
    const port = results.port;
    // The two Twirp calls (CreateArtifact, FinalizeArtifact): @actions/http-client tunnels (CONNECT).
    const twirp = proxy.seen.filter((seen) => seen.method === 'CONNECT');
    expect(twirp.length).toBeGreaterThanOrEqual(1);
    for (const seen of twirp) expect(seen).toEqual({ method: 'CONNECT', target: `artifacts.proxied.test:${port}`, authorization: basic });
    // The blob upload to the signed URL the service answered (on 127.0.0.1): Azure's storage client
    // forwards through the proxy (absolute-form), and unlike @actions/http-client it does not exempt loopback.
    const blob = proxy.seen.filter((seen) => seen.method !== 'CONNECT');
    expect(
      blob.map(
        (seen) => `${seen.method} ${new URL(seen.target).pathname}${new URL(seen.target).searchParams.get('comp') === 'blocklist' ? ' blocklist' : ''}`,
      ),
    ).toContain('PUT /blob/flue-session-proxy.zip blocklist');
    for (const seen of blob)
      expect(seen).toMatchObject({
        method: 'PUT',
        target: expect.stringMatching(new RegExp(`^http://127\\.0\\.0\\.1:${port}/blob/`)),
        authorization: basic,
      });
  });
});
