// Where a change set goes (src/hosts/change-target.ts), the paths the end-to-end tests of both hosts do not
// reach: an event that names no head, a new file or a deleted one against the head, several files at once.
import { describe, expect, test } from 'vitest';
import { changeTarget, checkOnHead, type RequestWords } from '../../src/hosts/change-target.js';
import { FlueError } from '../../src/errors.js';
import type { ChangeSet } from '../../src/tools/types.js';
import { triggerFromGitHubEvent } from '../../src/trigger/github.js';
import type { Trigger } from '../../src/trigger/types.js';
import { example } from '../trigger/examples.js';

const WORDS: RequestWords = { noun: 'pull request', sign: '#', checkoutHint: 'Check out the head.' };
const MERGE = 'a'.repeat(40);
const HEAD = 'ec26c3e57ca3a959ca5aad62de7213c562f8c821';
const pullRequest = (): Trigger => triggerFromGitHubEvent('pull_request', example('pull_request', 'opened'));
const changes = (files: ChangeSet['files']): ChangeSet => ({ base: MERGE, files });

describe('changeTarget', () => {
  test("an issue's change is built on the checkout, into the default branch", () => {
    const issue = triggerFromGitHubEvent('issues', example('issues', 'opened'));
    expect(changeTarget(changes([]), issue, WORDS)).toEqual({ parent: MERGE });
  });

  test("a same-repository pull request's change is built on its head commit, into its head branch", () => {
    expect(changeTarget(changes([]), pullRequest(), WORDS)).toEqual({ parent: HEAD, branch: 'changes', request: 'pull request #2' });
  });

  test.each([
    ['no head branch', { head: undefined }],
    ['no head commit', { sha: undefined }],
    ['no word on forks (a workflow_run without head_repository)', { fromFork: undefined }],
  ])('a pull request event with %s is refused: the fix has no branch to go to', (_case, refs) => {
    const trigger = pullRequest();
    expect(() => changeTarget(changes([]), { ...trigger, refs: { ...trigger.refs, ...refs } }, WORDS)).toThrow(
      new FlueError(
        'propose_change: the event does not say the head branch and commit of pull request #2 (or whether it comes from a fork), ' +
          'so the fix has no branch to go to: nothing was committed.',
      ),
    );
  });
});

describe('checkOnHead', () => {
  const target = { parent: HEAD, branch: 'changes', request: 'pull request #2' };

  test('files with the same blob at HEAD and on the head pass; a new file the head lacks too passes', async () => {
    const asked: string[][] = [];
    const files: ChangeSet['files'] = [
      { path: 'src/a.ts', status: 'modified', blob: '1'.repeat(40), additions: 1, deletions: 1 },
      { path: 'gone.txt', status: 'deleted', blob: '2'.repeat(40), additions: 0, deletions: 1 },
      { path: 'src/new.ts', status: 'added', additions: 1, deletions: 0 },
    ];
    await checkOnHead(changes(files), target, WORDS, async (commit, paths) => {
      asked.push([commit, ...paths]);
      return new Map([
        ['src/a.ts', '1'.repeat(40)],
        ['gone.txt', '2'.repeat(40)],
      ]);
    });
    expect(asked).toEqual([[HEAD, 'src/a.ts', 'gone.txt', 'src/new.ts']]);
  });

  test('every file that is not the same on the head is named, with how it differs', async () => {
    const files: ChangeSet['files'] = [
      { path: 'src/a.ts', status: 'modified', blob: '1'.repeat(40), additions: 1, deletions: 1 },
      { path: 'gone.txt', status: 'deleted', blob: '2'.repeat(40), additions: 0, deletions: 1 },
      { path: 'src/new.ts', status: 'added', additions: 1, deletions: 0 },
    ];
    const onHead = new Map([
      ['src/a.ts', '3'.repeat(40)],
      ['src/new.ts', '4'.repeat(40)],
    ]);
    await expect(checkOnHead(changes(files), target, WORDS, async () => onHead)).rejects.toThrow(
      new FlueError(
        `propose_change: the fix goes to the branch of pull request #2, whose head commit is ec26c3e57ca3, but the checkout's HEAD is aaaaaaaaaaaa ` +
          '(a merge with the base branch, or another commit), and src/a.ts differs between them; gone.txt is not on the head commit; ' +
          'src/new.ts is new in the checkout but exists on the head commit. The base branch changed those files (or the checkout lacks the ' +
          "pull request's own changes), so the edits cannot go to the pull request's branch unchanged: nothing was committed. Check out the head.",
      ),
    );
  });

  test('nothing is read without a pull request, or when HEAD is the head commit', async () => {
    const never = async (): Promise<Map<string, string>> => {
      throw new Error('read');
    };
    const files: ChangeSet['files'] = [{ path: 'a', status: 'modified', blob: '1'.repeat(40), additions: 1, deletions: 0 }];
    await checkOnHead(changes(files), { parent: MERGE }, WORDS, never);
    await checkOnHead({ base: HEAD, files }, target, WORDS, never);
  });
});
