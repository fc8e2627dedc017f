// Discussions: their number names no issue (`/issues/<n>` is another thread), so comments go through
// GraphQL and everything else is refused, each with one clear message.
import { expect, test } from 'vitest';
import { FLUE_COMMENT_MARKER } from '../../../src/hosts/markers.js';
import { triggerFromGitHubEvent } from '../../../src/trigger/github.js';
import { example } from '../../trigger/examples.js';
import { setup } from './helpers.js';

const NODE_ID = 'MDEwOkRpc2N1c3Npb24zMjk3NDQy';

function discussionComment() {
  const payload = example('discussion_comment', 'created');
  return { payload, trigger: triggerFromGitHubEvent('discussion_comment', payload) };
}

test('add_comment on a discussion is one GraphQL addDiscussionComment with the marker, never a REST issue call', async () => {
  const { github, host } = await setup();
  const { payload, trigger } = discussionComment();
  github.seedFromPayload(payload);
  const applied = await host.applyOutput({ kind: 'add_comment', body: 'Here is the answer.' }, trigger);
  expect(github.calls()).toEqual(['POST /graphql']);
  expect(github.requests[0]?.body).toEqual({
    query:
      'mutation($discussionId: ID!, $body: String!) { addDiscussionComment(input: { discussionId: $discussionId, body: $body }) { comment { url } } }',
    variables: { discussionId: NODE_ID, body: `Here is the answer.\n\n${FLUE_COMMENT_MARKER}` },
  });
  const posted = github.graphql.discussions.get(NODE_ID)?.comments;
  expect(posted?.map((comment) => comment.body)).toEqual([`Here is the answer.\n\n${FLUE_COMMENT_MARKER}`]);
  expect(applied).toEqual({ url: posted?.[0]?.url });
  expect(applied.url).toMatch(/^https:\/\/github\.com\/octo-org\/octo-repo\/discussions\/90#discussioncomment-\d+$/);
});

test.each([
  [{ kind: 'add_labels' as const, labels: ['question'] }, 'add_labels'],
  [{ kind: 'remove_labels' as const, labels: ['question'] }, 'remove_labels'],
  [{ kind: 'submit_review' as const, body: 'x', event: 'COMMENT' as const, comments: [] }, 'submit_review'],
])('%j on a discussion is refused without a call', async (output, kind) => {
  const { github, host } = await setup();
  const { payload, trigger } = discussionComment();
  github.seedFromPayload(payload);
  await expect(host.applyOutput(output, trigger)).rejects.toThrow(
    `${kind}: event 'discussion_comment' is about discussion #90, and on a discussion flue-action posts only comments (add_comment). ` +
      `Remove ${kind} from the agent's outputs, or run it on issue and pull request events.`,
  );
  expect(github.calls()).toEqual([]);
});

test('a discussion GitHub cannot resolve fails with its GraphQL error in one line', async () => {
  const { github, host } = await setup();
  const { trigger } = discussionComment();
  await expect(host.applyOutput({ kind: 'add_comment', body: 'hi' }, trigger)).rejects.toThrow(
    `POST /graphql (addDiscussionComment) failed: Could not resolve to a node with the global id of '${NODE_ID}'`,
  );
  expect(github.calls()).toEqual(['POST /graphql']);
});

test('a discussion gets no progress comment and no issue thread as context: no call at all', async () => {
  const { github, host } = await setup();
  const { payload, trigger } = discussionComment();
  github.seedFromPayload(payload);
  await expect(host.startProgress(trigger, 'answer')).resolves.toBeUndefined();
  await expect(host.fetchContext(trigger)).resolves.toEqual({});
  expect(github.calls()).toEqual([]);
});
