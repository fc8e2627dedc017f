import { describe, expect, test } from 'vitest';
import { TriggerError } from '../../src/errors.js';
import { readGitLabTrigger } from '../../src/trigger/gitlab.js';
import { mergeRequestJobEnv } from './gitlab-examples.js';

const read = (env: Record<string, string | undefined>) => readGitLabTrigger(env, { source: 'TRIGGER_PAYLOAD' });

describe('merge request pipelines', () => {
  test('the full trigger', () => {
    expect(read(mergeRequestJobEnv())).toEqual({
      kind: 'pull_request',
      eventName: 'merge_request_event',
      repository: { owner: 'gitlab-org', name: 'gitlab-ee' },
      number: 14656,
      isPullRequest: true,
      title: 'Add deletion support for designs',
      body: '## What does this MR do?\r\n\r\nThis adds the capability to destroy/hide designs.',
      labels: ['backend', 'database', 'feature'],
      url: 'https://gitlab.com/gitlab-org/gitlab-ee/-/merge_requests/14656',
      actor: 'alexkalderimis',
      actorIsBot: false,
      refs: {
        base: 'master',
        head: 'delete-designs-v2',
        sha: '8e0b45049b6253b8984cde9241830d2851168142',
        baseSha: 'dd692733bb84bc3e9e862e66c099daec2fa00c83',
        fromFork: false,
      },
      inputs: {},
    });
  });

  test('no variable names the author: it stays unset for the host to read', () => {
    expect('author' in read(mergeRequestJobEnv())).toBe(false);
  });

  test('a fork: the source project is not the target project', () => {
    const env = { ...mergeRequestJobEnv(), CI_MERGE_REQUEST_SOURCE_PROJECT_ID: '999', CI_MERGE_REQUEST_SOURCE_PROJECT_PATH: 'stranger/gitlab-ee' };
    expect(read(env).refs.fromFork).toBe(true);
  });

  test('without the target project id it counts as a fork', () => {
    expect(read({ ...mergeRequestJobEnv(), CI_MERGE_REQUEST_PROJECT_ID: undefined }).refs.fromFork).toBe(true);
  });

  test('a fork pipeline running in the fork: the repository is the merge request project', () => {
    const env = { ...mergeRequestJobEnv(), CI_PROJECT_ID: '999', CI_PROJECT_PATH: 'stranger/gitlab-ee', CI_MERGE_REQUEST_SOURCE_PROJECT_ID: '999' };
    const trigger = read(env);
    expect([trigger.repository, trigger.refs.fromFork]).toEqual([{ owner: 'gitlab-org', name: 'gitlab-ee' }, true]);
  });

  test("merged results pipeline: the head is the source branch sha, not the merge commit; the base is the target's head, not the merge base", () => {
    const env = {
      ...mergeRequestJobEnv(),
      CI_MERGE_REQUEST_EVENT_TYPE: 'merged_result',
      CI_COMMIT_SHA: 'aaaaaaaa6b400935a1378653304eaf6221e0fdb8',
      CI_MERGE_REQUEST_SOURCE_BRANCH_SHA: '8e0b45049b6253b8984cde9241830d2851168142',
      CI_MERGE_REQUEST_TARGET_BRANCH_SHA: 'bbbbbbbb6b400935a1378653304eaf6221e0fdb8',
    };
    expect(read(env).refs).toMatchObject({ sha: '8e0b45049b6253b8984cde9241830d2851168142', baseSha: 'bbbbbbbb6b400935a1378653304eaf6221e0fdb8' });
  });

  test('a description GitLab cut says so', () => {
    const trigger = read({
      ...mergeRequestJobEnv(),
      CI_MERGE_REQUEST_DESCRIPTION: 'x'.repeat(2700),
      CI_MERGE_REQUEST_DESCRIPTION_IS_TRUNCATED: 'true',
    });
    expect(trigger.body).toBe(`${'x'.repeat(2700)}\n[… description cut by GitLab (CI_MERGE_REQUEST_DESCRIPTION holds its first 2700 characters)]`);
  });

  test('no labels, title or description', () => {
    const trigger = read({ ...mergeRequestJobEnv(), CI_MERGE_REQUEST_LABELS: '', CI_MERGE_REQUEST_TITLE: undefined, CI_MERGE_REQUEST_DESCRIPTION: '' });
    expect([trigger.labels, 'title' in trigger, 'body' in trigger]).toEqual([[], false, false]);
  });

  test('a project access token bot started it', () => {
    const trigger = read({ ...mergeRequestJobEnv(), GITLAB_USER_LOGIN: 'project_278964_bot_0a1b2c3d4e5f60718293a4b5c6d7e8f9' });
    expect(trigger.actorIsBot).toBe(true);
  });

  test.each(['abc', '0', '-3', '1.5', '12abc'])('CI_MERGE_REQUEST_IID %s is refused, naming it', (iid) => {
    expect(() => read({ ...mergeRequestJobEnv(), CI_MERGE_REQUEST_IID: iid })).toThrow(
      new TriggerError(`CI_MERGE_REQUEST_IID is '${iid}', not a merge request number. GitLab sets it in merge request pipelines; do not override it.`),
    );
  });

  test('a missing CI_MERGE_REQUEST_IID is named', () => {
    expect(() => read({ ...mergeRequestJobEnv(), CI_MERGE_REQUEST_IID: undefined })).toThrow(
      'CI_MERGE_REQUEST_IID is not set. GitLab sets it in every CI job; run flue-action inside a GitLab CI job, or set it for a local test.',
    );
  });
});

describe('other pipeline sources', () => {
  const job = (source: string | undefined, extra: Record<string, string> = {}) => ({
    GITLAB_CI: 'true',
    CI_PIPELINE_SOURCE: source,
    CI_PROJECT_ID: '15',
    CI_PROJECT_PATH: 'mike/diaspora',
    CI_COMMIT_SHA: 'da1560886d4f094c3e6c9ef40349f7d38b5d27d7',
    CI_COMMIT_BRANCH: 'master',
    CI_COMMIT_MESSAGE: 'fixed readme',
    GITLAB_USER_LOGIN: 'jsmith',
    ...extra,
  });
  const common = {
    repository: { owner: 'mike', name: 'diaspora' },
    isPullRequest: false,
    labels: [],
    actor: 'jsmith',
    actorIsBot: false,
    refs: { base: 'master', sha: 'da1560886d4f094c3e6c9ef40349f7d38b5d27d7' },
    inputs: {},
  };

  test('schedule', () => {
    expect(read(job('schedule'))).toEqual({ ...common, kind: 'schedule', eventName: 'schedule' });
  });

  test.each(['web', 'api'])('%s: a dispatch, inputs come from --input', (source) => {
    expect(read(job(source))).toEqual({ ...common, kind: 'workflow_dispatch', eventName: source });
  });

  test('push carries the commit message', () => {
    expect(read(job('push'))).toEqual({ ...common, kind: 'push', eventName: 'push', body: 'fixed readme' });
  });

  test('a tag pipeline names the tag', () => {
    const trigger = read(job('push', { CI_COMMIT_BRANCH: '', CI_COMMIT_TAG: 'v1.0.0' }));
    expect(trigger.refs.base).toBe('v1.0.0');
  });

  test.each(['trigger', 'pipeline'])('%s without a payload: unknown, and nobody vouches for it', (source) => {
    // GITLAB_USER_LOGIN is the trigger token's owner, not whoever posted to the trigger URL.
    expect(read(job(source))).toEqual({ ...common, kind: 'unknown', eventName: source, actor: '' });
  });

  test.each(['chat', 'external', 'parent_pipeline', 'webide'])('%s: unknown, with the source named', (source) => {
    expect(read(job(source))).toEqual({ ...common, kind: 'unknown', eventName: source });
  });

  test('no CI_PIPELINE_SOURCE: unknown', () => {
    expect(read(job(undefined)).eventName).toBe('unknown');
  });

  test('subgroups: the owner is the whole namespace', () => {
    expect(read(job('schedule', { CI_PROJECT_PATH: 'gitlab-org/security/gitlab' })).repository).toEqual({
      owner: 'gitlab-org/security',
      name: 'gitlab',
    });
  });

  test.each(['', 'diaspora', 'mike/', '/diaspora', 'mike//diaspora', 'mike/dia spora'])('CI_PROJECT_PATH %j is refused, naming it', (path) => {
    const expected =
      path === ''
        ? 'CI_PROJECT_PATH is not set.'
        : `Invalid CI_PROJECT_PATH '${path}'. Expected a project path such as group/project or group/subgroup/project.`;
    expect(() => read(job('schedule', { CI_PROJECT_PATH: path }))).toThrow(expected);
  });
});
