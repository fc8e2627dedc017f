// Found by the soak (`npm run bench -- soak --fault "after the"`): GitHub (or a gateway in front of it)
// can answer 502 to a POST it has already committed. The client's retry plugin then posts the comment
// again, so the issue gets the agent's answer, or the progress comment, twice. Issue 11 asks for
// nothing to be posted twice; an output's key is in its marker, so a retry can look before it writes.
//
// The hosts now send such a POST once and look for their marker before sending it again
// (src/hosts/create-once.ts); these failed before that, on GitHub and on GitLab.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, onTestFinished, test } from 'vitest';
import { API, hostOn, issueEvent, setup } from '../hosts/github/helpers.js';
import { hostOn as gitlabHostOn, TOKEN as GITLAB_TOKEN, trigger as gitlabTrigger } from '../hosts/gitlab/helpers.js';
import { startFakeGitLab } from '../fakes/gitlab.js';

/**
 * A proxy in front of the fake that forwards every request, and answers 502 instead of the fake's
 * answer for the `nth` request to `call`: the write happened, the client is told it did not.
 */
async function lostAnswerProxy<T extends { url: string }>(github: T, call: string, nth: number): Promise<T> {
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

test('a 502 to an answer GitHub already posted: the answer is on the issue once', async () => {
  const { github } = await setup();
  const { payload, trigger } = issueEvent();
  const repo = github.seedFromPayload(payload);
  const host = hostOn(await lostAnswerProxy(github, `POST ${API}/issues/1/comments`, 1));
  await host.applyOutput({ kind: 'add_comment', body: 'Thanks!' }, trigger, { agent: 'triage', kind: 'add_comment', index: 1 });
  // Today: two comments, both with the key `add_comment.1`.
  expect(repo.comments(1).filter((comment) => String(comment.body).includes('key=add_comment.1'))).toHaveLength(1);
});

test('a 502 to a progress comment GitHub already posted: one progress comment', async () => {
  const { github } = await setup();
  const { payload, trigger } = issueEvent();
  const repo = github.seedFromPayload(payload);
  const host = hostOn(await lostAnswerProxy(github, `POST ${API}/issues/1/comments`, 1));
  await host.startProgress(trigger, 'triage');
  // Today: two "working" comments; the first is never finished.
  expect(repo.comments(1)).toHaveLength(1);
});

test('GitLab: a 502 to a note GitLab already posted: the answer and the progress note are there once', async () => {
  const gitlab = await startFakeGitLab({ token: GITLAB_TOKEN });
  onTestFinished(() => gitlab.close());
  const project = gitlab.project('group/sub/app', 42);
  project.issue(3);
  const notes = '/projects/42/issues/3/notes';
  const answer = gitlabHostOn(await lostAnswerProxy(gitlab, `POST ${notes}`, 1));
  await answer.applyOutput({ kind: 'add_comment', body: 'Thanks!' }, gitlabTrigger('issue'), { agent: 'triage', kind: 'add_comment', index: 1 });
  expect(project.notes('issues', 3).filter((note) => String(note.body).includes('key=add_comment.1'))).toHaveLength(1);
  const progress = gitlabHostOn(await lostAnswerProxy(gitlab, `POST ${notes}`, 1));
  await progress.startProgress(gitlabTrigger('issue'), 'triage');
  expect(project.notes('issues', 3).filter((note) => String(note.body).includes('flue-action:progress'))).toHaveLength(1);
});
