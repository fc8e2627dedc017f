// Found by the soak (`npm run bench -- soak --fault "after the"`): GitHub (or a gateway in front of it)
// can answer 502 to a POST it has already committed. The client's retry plugin then posts the comment
// again, so the issue gets the agent's answer, or the progress comment, twice. Issue 11 asks for
// nothing to be posted twice; an output's key is in its marker, so a retry can look before it writes.
//
// These are `test.fails`: they pass while the bug is there. When the host looks for its marker before
// retrying a POST, they fail: turn them into plain `test`s then.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, onTestFinished, test } from 'vitest';
import type { FakeGitHub } from '../fakes/github.js';
import { API, hostOn, issueEvent, setup } from '../hosts/github/helpers.js';

/**
 * A proxy in front of the fake that forwards every request, and answers 502 instead of the fake's
 * answer for the `nth` request to `call`: the write happened, the client is told it did not.
 */
async function lostAnswerProxy(github: FakeGitHub, call: string, nth: number): Promise<FakeGitHub> {
  let seen = 0;
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', async () => {
      const body = Buffer.concat(chunks);
      const headers = Object.fromEntries(
        Object.entries(request.headers).filter(([name]) => !['host', 'content-length', 'connection'].includes(name)),
      ) as Record<string, string>;
      const answer = await fetch(`${github.url}${request.url}`, { method: request.method, headers, body: body.length ? body : undefined });
      const text = await answer.text();
      const lost = `${request.method} ${new URL(request.url ?? '/', github.url).pathname}` === call && ++seen === nth;
      if (lost) {
        response.writeHead(502, { 'content-type': 'application/json' }).end(JSON.stringify({ message: 'Bad Gateway' }));
        return;
      }
      response.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' }).end(text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onTestFinished(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return { ...github, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

test.fails('a 502 to an answer GitHub already posted: the answer is on the issue once', async () => {
  const { github } = await setup();
  const { payload, trigger } = issueEvent();
  const repo = github.seedFromPayload(payload);
  const host = hostOn(await lostAnswerProxy(github, `POST ${API}/issues/1/comments`, 1));
  await host.applyOutput({ kind: 'add_comment', body: 'Thanks!' }, trigger, { agent: 'triage', kind: 'add_comment', index: 1 });
  // Today: two comments, both with the key `add_comment.1`.
  expect(repo.comments(1).filter((comment) => String(comment.body).includes('key=add_comment.1'))).toHaveLength(1);
});

test.fails('a 502 to a progress comment GitHub already posted: one progress comment', async () => {
  const { github } = await setup();
  const { payload, trigger } = issueEvent();
  const repo = github.seedFromPayload(payload);
  const host = hostOn(await lostAnswerProxy(github, `POST ${API}/issues/1/comments`, 1));
  await host.startProgress(trigger, 'triage');
  // Today: two "working" comments; the first is never finished.
  expect(repo.comments(1)).toHaveLength(1);
});
