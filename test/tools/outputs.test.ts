import { describe, expect, test } from 'vitest';
import type { OutputPolicy } from '../../src/definitions/types.js';
import { LIMITS } from '../../src/limits.js';
import { checkProposal, OutputCollector, type ProposedOutput } from '../../src/tools/index.js';

const policy: OutputPolicy = {
  add_comment: { max: 1 },
  add_labels: { allowed: ['bug', 'enhancement', 'area/*'], max: 3 },
  remove_labels: { allowed: ['needs-triage'], max: 1 },
  submit_review: { max: 1, events: ['COMMENT', 'REQUEST_CHANGES'] },
};
const onIssue = { isPullRequest: false };
const onPullRequest = { isPullRequest: true };
const review = (overrides: Partial<Extract<ProposedOutput, { kind: 'submit_review' }>> = {}): ProposedOutput => ({
  kind: 'submit_review',
  body: 'Looks fine.',
  event: 'COMMENT',
  comments: [],
  ...overrides,
});
const refused = (message: string) => ({ ok: false, message });

describe('checkProposal', () => {
  test('accepts what the policy allows', () => {
    expect(checkProposal(policy, { kind: 'add_comment', body: 'Thanks!' }, [], onIssue)).toEqual({ ok: true });
    expect(checkProposal(policy, { kind: 'add_labels', labels: ['bug', 'Area/CLI'] }, [], onIssue)).toEqual({ ok: true });
    expect(checkProposal(policy, review({ comments: [{ path: 'src/a.ts', line: 3, body: 'typo' }] }), [], onPullRequest)).toEqual({
      ok: true,
    });
  });

  test('refuses a kind the policy does not declare', () => {
    expect(checkProposal({}, { kind: 'add_comment', body: 'x' }, [], onIssue)).toEqual(
      refused("add_comment is not allowed: the agent's outputs: policy does not declare it"),
    );
    expect(checkProposal({}, review(), [], onPullRequest)).toEqual(
      refused("submit_review is not allowed: the agent's outputs: policy does not declare it"),
    );
  });

  test('comments: max count, empty and over-long bodies', () => {
    const first: ProposedOutput = { kind: 'add_comment', body: 'one' };
    expect(checkProposal(policy, { kind: 'add_comment', body: 'two' }, [first], onIssue)).toEqual(
      refused('add_comment: at most 1 comment per run, and 1 already proposed'),
    );
    expect(checkProposal(policy, { kind: 'add_comment', body: '  \n' }, [], onIssue)).toEqual(refused('comment body is empty'));
    const long = 'x'.repeat(LIMITS.commentChars + 1);
    expect(checkProposal(policy, { kind: 'add_comment', body: long }, [], onIssue)).toEqual(
      refused(`comment body is ${LIMITS.commentChars + 1} characters; the limit is ${LIMITS.commentChars}, so shorten it`),
    );
  });

  test('labels: allowed globs, max across proposals, empty lists', () => {
    expect(checkProposal(policy, { kind: 'add_labels', labels: ['wontfix'] }, [], onIssue)).toEqual(
      refused("add_labels: label 'wontfix' is not allowed; allowed: bug, enhancement, area/*"),
    );
    expect(checkProposal(policy, { kind: 'add_labels', labels: ['area/a/b', 'bug', ''] }, [], onIssue)).toEqual(
      refused("add_labels: labels 'area/a/b', '' are not allowed; allowed: bug, enhancement, area/*"),
    );
    const earlier: ProposedOutput = { kind: 'add_labels', labels: ['bug', 'area/cli'] };
    expect(checkProposal(policy, { kind: 'add_labels', labels: ['bug', 'enhancement'] }, [earlier], onIssue)).toEqual({ ok: true });
    expect(checkProposal(policy, { kind: 'add_labels', labels: ['enhancement', 'area/ui'] }, [earlier], onIssue)).toEqual(
      refused('add_labels: at most 3 labels per run; 2 already proposed, and this would make 4'),
    );
    expect(checkProposal(policy, { kind: 'remove_labels', labels: [] }, [], onIssue)).toEqual(refused('remove_labels: give at least one label'));
    expect(checkProposal(policy, { kind: 'remove_labels', labels: ['bug'] }, [], onIssue)).toEqual(
      refused("remove_labels: label 'bug' is not allowed; allowed: needs-triage"),
    );
  });

  test('reviews: pull requests only, allowed events, max, body and inline comments', () => {
    expect(checkProposal(policy, review(), [], onIssue)).toEqual(
      refused('submit_review: this run was not triggered by a pull request, so there is nothing to review'),
    );
    expect(checkProposal(policy, review({ event: 'APPROVE' }), [], onPullRequest)).toEqual(
      refused('submit_review: event APPROVE is not allowed; allowed: COMMENT, REQUEST_CHANGES'),
    );
    expect(checkProposal(policy, review(), [review()], onPullRequest)).toEqual(
      refused('submit_review: at most 1 review per run, and 1 already proposed'),
    );
    expect(checkProposal(policy, review({ body: '' }), [], onPullRequest)).toEqual(refused('review body is empty'));
    const inline = (path: string, line: number, body = 'note') => review({ comments: [{ path, line, body }] });
    expect(checkProposal(policy, inline('../etc/passwd', 1), [], onPullRequest)).toEqual(
      refused("submit_review: comments[0].path '../etc/passwd' must be a repository-relative file path"),
    );
    expect(checkProposal(policy, inline('src/a.ts', 0), [], onPullRequest)).toEqual(
      refused('submit_review: comments[0].line must be a line number (1 or more), got 0'),
    );
    expect(checkProposal(policy, inline('src/a.ts', 2, ' '), [], onPullRequest)).toEqual(refused('submit_review: comments[0].body is empty'));
    const many = review({ comments: Array.from({ length: LIMITS.reviewComments + 1 }, () => ({ path: 'a', line: 1, body: 'b' })) });
    expect(checkProposal(policy, many, [], onPullRequest)).toEqual(
      refused(`submit_review: ${LIMITS.reviewComments + 1} inline comments; the limit is ${LIMITS.reviewComments}`),
    );
  });
});

describe('OutputCollector', () => {
  test('records accepted proposals with ids and counts only those against the policy', () => {
    const collector = new OutputCollector(policy, onIssue);
    expect(collector.propose({ kind: 'add_labels', labels: ['wontfix'] })).toEqual(
      refused("add_labels: label 'wontfix' is not allowed; allowed: bug, enhancement, area/*"),
    );
    expect(collector.propose({ kind: 'add_labels', labels: ['bug'] })).toEqual({ ok: true, id: 'output-1' });
    expect(collector.propose({ kind: 'add_comment', body: 'Hi' })).toEqual({ ok: true, id: 'output-2' });
    expect(collector.propose({ kind: 'add_comment', body: 'Again' })).toEqual(
      refused('add_comment: at most 1 comment per run, and 1 already proposed'),
    );
    expect(collector.list()).toEqual([
      { id: 'output-1', output: { kind: 'add_labels', labels: ['bug'] } },
      { id: 'output-2', output: { kind: 'add_comment', body: 'Hi' } },
    ]);
  });
});

test('with a recorder, accepted proposals and refusals go to the session log', () => {
  const events: unknown[] = [];
  const collector = new OutputCollector(policy, onIssue, { record: (event) => events.push(event) });
  collector.propose({ kind: 'add_labels', labels: ['wontfix'] });
  collector.propose({ kind: 'add_comment', body: 'Hi' });
  expect(events).toEqual([
    {
      type: 'output_rejected',
      id: 'refused-1',
      kind: 'add_labels',
      reason: "add_labels: label 'wontfix' is not allowed; allowed: bug, enhancement, area/*",
    },
    { type: 'output_proposed', id: 'output-1', output: { kind: 'add_comment', body: 'Hi' } },
  ]);
});
