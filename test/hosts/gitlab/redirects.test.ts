/**
 * Redirects the GitLab API answers with: a job's artifacts are often served from object storage through a
 * signed URL on another host. fetch drops only `Authorization` on a redirect that leaves the origin, so
 * the client follows them itself and keeps PRIVATE-TOKEN to the API's own origin.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, expect, test } from 'vitest';
import { GitLabClient } from '../../../src/hosts/gitlab/client.js';

const TOKEN = 'glpat-redirect-test-0001';
const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
});

async function serve(answer: (url: string, headers: IncomingHttpHeaders) => { status: number; location?: string; body?: string }) {
  const seen: Array<{ url: string; token: string | undefined }> = [];
  const server = createServer((request, response) => {
    seen.push({ url: request.url ?? '', token: request.headers['private-token'] as string | undefined });
    const { status, location, body } = answer(request.url ?? '', request.headers);
    response.writeHead(status, location === undefined ? {} : { location }).end(body ?? '');
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as AddressInfo).port, seen };
}

const client = (port: number) =>
  new GitLabClient({ baseUrl: `http://127.0.0.1:${port}/api/v4`, token: TOKEN, tokenKind: 'private', warn: () => {}, retries: 0 });

test('an artifact served from another host gets its bytes, and that host never sees the token', async () => {
  const storage = await serve(() => ({ status: 200, body: '{"type":"session"}\n' }));
  const api = await serve((url) =>
    url.startsWith('/api/v4/projects/1/jobs/9/artifacts/')
      ? { status: 302, location: `http://localhost:${storage.port}/bucket/log.jsonl?X-Amz-Signature=abc` }
      : { status: 404, body: '{"message":"404 Not Found"}' },
  );
  const bytes = await client(api.port).raw('/projects/1/jobs/9/artifacts/.flue/logs/x.jsonl', {}, 1_000);
  expect(bytes?.toString()).toBe('{"type":"session"}\n');
  expect(api.seen).toEqual([{ url: '/api/v4/projects/1/jobs/9/artifacts/.flue/logs/x.jsonl', token: TOKEN }]);
  expect(storage.seen).toEqual([{ url: '/bucket/log.jsonl?X-Amz-Signature=abc', token: undefined }]);
});

test("a redirect within the API's origin keeps the token", async () => {
  const api = await serve((url) =>
    url === '/api/v4/projects/group%2Fold' ? { status: 301, location: '/api/v4/projects/group%2Fnew' } : { status: 200, body: '{"id":1}' },
  );
  expect(await client(api.port).request('GET', '/projects/group%2Fold')).toEqual({ id: 1 });
  expect(api.seen).toEqual([
    { url: '/api/v4/projects/group%2Fold', token: TOKEN },
    { url: '/api/v4/projects/group%2Fnew', token: TOKEN },
  ]);
});

test('a write that is redirected is not followed: it fails naming the call, and nothing reaches the other host', async () => {
  const elsewhere = await serve(() => ({ status: 201, body: '{}' }));
  const api = await serve(() => ({ status: 307, location: `http://localhost:${elsewhere.port}/notes` }));
  await expect(client(api.port).request('POST', '/projects/1/issues/3/notes', { body: { body: 'hi' } })).rejects.toThrow(
    /^GitLab API POST \/projects\/1\/issues\/3\/notes failed: 307/,
  );
  expect(elsewhere.seen).toEqual([]);
});
