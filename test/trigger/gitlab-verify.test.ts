import { describe, expect, test } from 'vitest';
import { TriggerError } from '../../src/errors.js';
import {
  issueFields,
  isGitLabPayloadTrigger,
  mergeRequestFields,
  readGitLabTrigger,
  UnsupportedGitLabEventError,
  verifyGitLabPayloadTrigger,
} from '../../src/trigger/gitlab.js';
import { FakeRecords, fixture, mergeRequestJobEnv, triggerJobEnv, type Json } from './gitlab-examples.js';

const SOURCE = 'TRIGGER_PAYLOAD';
const readPayload = (payload: Json) => readGitLabTrigger(triggerJobEnv(payload), { payloadFile: JSON.stringify(payload), source: SOURCE });

/** A note webhook about merge request !2, note 301: the note and merge request of api-note-merge-request.json and api-merge-request.json. */
function mergeRequestNote(): { payload: Json; records: FakeRecords } {
  const payload = fixture('note-merge-request');
  payload.object_attributes.id = 301;
  payload.merge_request.iid = 2;
  const mr = fixture('api-merge-request');
  mr.iid = 2;
  const records = new FakeRecords();
  records.mergeRequests.set(2, mr);
  records.notes.set('merge_request/2/301', fixture('api-note-merge-request'));
  return { payload, records };
}

/** A note webhook about issue #11, note 305, whose records are api-issue.json and a note by its author. */
function issueNote(): { payload: Json; records: FakeRecords; note: Json } {
  const payload = fixture('note-issue');
  payload.object_attributes.id = 305;
  payload.issue.iid = 11;
  const note = { ...fixture('api-note-merge-request'), id: 305, body: 'Please look', noteable_type: 'Issue', noteable_iid: 11 };
  const records = new FakeRecords();
  records.issues.set(11, fixture('api-issue'));
  records.notes.set('issue/11/305', note);
  return { payload, records, note };
}

describe('a note on a merge request, re-read', () => {
  test('the full trigger comes from the API', async () => {
    const { payload, records } = mergeRequestNote();
    const trigger = await verifyGitLabPayloadTrigger(readPayload(payload), records);
    expect(trigger).toEqual({
      kind: 'issue_comment',
      eventName: 'note',
      action: 'create',
      repository: { owner: 'gitlab-org', name: 'gitlab-test' },
      number: 2,
      isPullRequest: true,
      title: 'Add deletion support for designs',
      body: '## What does this MR do?\r\n\r\nThis adds the capability to destroy/hide designs.',
      labels: [
        'GitLab Enterprise Edition',
        'backend',
        'database',
        'database::reviewed',
        'design management',
        'feature',
        'frontend',
        'group::knowledge',
        'missed:12.1',
      ],
      url: 'https://gitlab.com/gitlab-org/gitlab-ee/merge_requests/14656',
      actor: 'pipin',
      actorIsBot: false,
      author: 'alexkalderimis',
      comment: {
        id: 301,
        body: 'Comment for MR',
        author: 'pipin',
        authorIsBot: false,
        url: 'https://gitlab.com/gitlab-org/gitlab-ee/merge_requests/14656#note_301',
      },
      refs: {
        base: 'master',
        head: 'delete-designs-v2',
        sha: '8e0b45049b6253b8984cde9241830d2851168142',
        baseSha: 'dd692733bb84bc3e9e862e66c099daec2fa00c83',
        fromFork: false,
      },
      inputs: {},
    });
    expect(records.calls).toEqual(['GET /projects/:id/merge_requests/2', 'GET /projects/:id/merge_requests/2/notes/301']);
  });

  test('a diff note: file and line from the note the API returns', async () => {
    const { payload, records } = mergeRequestNote();
    const note = fixture('api-note-merge-request');
    note.type = 'DiffNote';
    note.position = {
      base_sha: 'dd69',
      head_sha: '8e0b',
      old_path: 'app/a.rb',
      new_path: 'app/a.rb',
      position_type: 'text',
      old_line: null,
      new_line: 18,
    };
    records.notes.set('merge_request/2/301', note);
    payload.object_attributes.position = { new_path: 'forged.rb', new_line: 1 };
    const trigger = await verifyGitLabPayloadTrigger(readPayload(payload), records);
    expect(trigger.comment).toMatchObject({ path: 'app/a.rb', line: 18 });
  });
});

describe('a note on an issue, re-read', () => {
  test('the full trigger comes from the API', async () => {
    const { payload, records } = issueNote();
    expect(await verifyGitLabPayloadTrigger(readPayload(payload), records)).toEqual({
      kind: 'issue_comment',
      eventName: 'note',
      action: 'create',
      repository: { owner: 'gitlab-org', name: 'gitlab-test' },
      number: 11,
      isPullRequest: false,
      title: 'Sit voluptas tempora quisquam aut doloribus et.',
      body: 'Repellat voluptas quibusdam voluptatem exercitationem.',
      labels: [],
      url: 'http://example.com/example/example/issues/11',
      actor: 'pipin',
      actorIsBot: false,
      author: 'solon.cremin',
      comment: { id: 305, body: 'Please look', author: 'pipin', authorIsBot: false, url: 'http://example.com/example/example/issues/11#note_305' },
      refs: {},
      inputs: {},
    });
    expect(records.calls).toEqual(['GET /projects/:id/issues/11', 'GET /projects/:id/issues/11/notes/305']);
  });
});

describe('issue and merge request events, re-read', () => {
  test('an Issue Hook: the actor is the issue author, the only account the API vouches for', async () => {
    const payload = fixture('issue');
    payload.object_attributes.iid = 11;
    const records = new FakeRecords();
    records.issues.set(11, fixture('api-issue'));
    const trigger = await verifyGitLabPayloadTrigger(readPayload(payload), records);
    expect(trigger).toEqual({
      kind: 'issue',
      eventName: 'issue',
      action: 'open',
      repository: { owner: 'gitlabhq', name: 'gitlab-test' },
      number: 11,
      isPullRequest: false,
      title: 'Sit voluptas tempora quisquam aut doloribus et.',
      body: 'Repellat voluptas quibusdam voluptatem exercitationem.',
      labels: [],
      url: 'http://example.com/example/example/issues/11',
      actor: 'solon.cremin',
      actorIsBot: false,
      author: 'solon.cremin',
      refs: {},
      inputs: {},
    });
    expect(records.calls).toEqual(['GET /projects/:id/issues/11']);
  });

  test('a Merge Request Hook', async () => {
    const payload = fixture('merge-request');
    payload.object_attributes.iid = 14656;
    const records = new FakeRecords();
    records.mergeRequests.set(14656, fixture('api-merge-request'));
    const trigger = await verifyGitLabPayloadTrigger(readPayload(payload), records);
    expect(trigger).toMatchObject({
      kind: 'pull_request',
      eventName: 'merge_request',
      action: 'open',
      number: 14656,
      actor: 'alexkalderimis',
      author: 'alexkalderimis',
    });
    expect(trigger.refs).toEqual({
      base: 'master',
      head: 'delete-designs-v2',
      sha: '8e0b45049b6253b8984cde9241830d2851168142',
      baseSha: 'dd692733bb84bc3e9e862e66c099daec2fa00c83',
      fromFork: false,
    });
  });

  test('the API says bot: the author of an event is a bot', async () => {
    const payload = fixture('issue');
    payload.object_attributes.iid = 11;
    const issue = fixture('api-issue');
    issue.author = { ...issue.author, username: 'project_5_bot_0123abcd', bot: true };
    const records = new FakeRecords();
    records.issues.set(11, issue);
    expect((await verifyGitLabPayloadTrigger(readPayload(payload), records)).actorIsBot).toBe(true);
  });
});

describe('what is not a payload', () => {
  test('a merge request pipeline is GitLab’s word: returned as it is, nothing re-read', async () => {
    const trigger = readGitLabTrigger(mergeRequestJobEnv(), { source: SOURCE });
    const records = new FakeRecords();
    expect([isGitLabPayloadTrigger(trigger), await verifyGitLabPayloadTrigger(trigger, records), records.calls]).toEqual([false, trigger, []]);
  });

  test.each(['note-issue', 'issue', 'merge-request'])('%s is a payload to re-read', (name) => {
    expect(isGitLabPayloadTrigger(readPayload(fixture(name)))).toBe(true);
  });
});

describe('bad answers and missing records', () => {
  test('a 404 from the API is the error', async () => {
    const { payload } = issueNote();
    await expect(verifyGitLabPayloadTrigger(readPayload(payload), new FakeRecords())).rejects.toThrow('404 Not Found: issue 11');
  });

  test('an answer without the fields the trigger needs names the record and the fields', async () => {
    const { payload, records } = issueNote();
    const issue = fixture('api-issue');
    delete issue.author;
    issue.title = 42;
    records.issues.set(11, issue);
    await expect(verifyGitLabPayloadTrigger(readPayload(payload), records)).rejects.toThrow(
      new TriggerError(
        "GitLab API issue #11 (GET /projects/:id/issues/11): unexpected answer, 'title': Invalid type: Expected string but received 42; " +
          "'author' is missing. Is CI_API_V4_URL a GitLab API?",
      ),
    );
  });

  test('a note answer that is not an object', async () => {
    const { payload, records } = mergeRequestNote();
    records.notes.set('merge_request/2/301', 'Comment for MR');
    await expect(verifyGitLabPayloadTrigger(readPayload(payload), records)).rejects.toThrow(
      'GitLab API note 301 on merge request !2 (GET /projects/:id/merge_requests/2/notes/301): unexpected answer, expected a JSON object, got string.',
    );
  });

  test('a merge request answer without diff_refs still reads, without a base sha', async () => {
    const mr = fixture('api-merge-request');
    mr.diff_refs = null;
    expect(mergeRequestFields(mr).refs).toEqual({
      base: 'master',
      head: 'delete-designs-v2',
      sha: '8e0b45049b6253b8984cde9241830d2851168142',
      fromFork: false,
    });
  });

  test('an answer about another iid is refused', async () => {
    const { payload, records } = issueNote();
    records.issues.set(11, { ...fixture('api-issue'), iid: 12 });
    await expect(verifyGitLabPayloadTrigger(readPayload(payload), records)).rejects.toThrow(
      'GitLab API issue #11 (GET /projects/:id/issues/11): the answer is about iid 12, not 11.',
    );
  });

  test('a payload without an iid names it', async () => {
    const payload = fixture('issue');
    delete payload.object_attributes.iid;
    await expect(verifyGitLabPayloadTrigger(readPayload(payload), new FakeRecords())).rejects.toThrow(
      "The 'issue' webhook names no issue or merge request (iid), so there is nothing to re-read and nothing to answer.",
    );
  });

  test('a note payload without a note id names it', async () => {
    const { payload, records } = issueNote();
    delete payload.object_attributes.id;
    await expect(verifyGitLabPayloadTrigger(readPayload(payload), records)).rejects.toThrow(
      'The note webhook names no note id (object_attributes.id), so the note cannot be re-read.',
    );
  });

  test('mergeRequestFields names the record it was given', () => {
    expect(() => mergeRequestFields({ iid: 1 }, 'merge request !1 (GET /projects/:id/merge_requests/1)')).toThrow(
      "GitLab API merge request !1 (GET /projects/:id/merge_requests/1): unexpected answer, 'id' is missing; 'title' is missing; " +
        "'author' is missing; 'labels' is missing; 'state' is missing (and 4 more). Is CI_API_V4_URL a GitLab API?",
    );
  });

  test('an UnsupportedGitLabEventError is a TriggerError', () => {
    expect(new UnsupportedGitLabEventError('x')).toBeInstanceOf(TriggerError);
  });
});

describe('the REST readers the GitLab host completes a Trigger with', () => {
  test('issueFields', () => {
    expect(issueFields(fixture('api-issue'))).toEqual({
      number: 11,
      isPullRequest: false,
      title: 'Sit voluptas tempora quisquam aut doloribus et.',
      body: 'Repellat voluptas quibusdam voluptatem exercitationem.',
      labels: [],
      url: 'http://example.com/example/example/issues/11',
      author: 'solon.cremin',
    });
  });

  test('issueFields names the record it was given', () => {
    expect(() => issueFields([], 'issue #3 (GET /projects/:id/issues/3)')).toThrow(
      'GitLab API issue #3 (GET /projects/:id/issues/3): unexpected answer, expected a JSON object, got an array. Is CI_API_V4_URL a GitLab API?',
    );
  });

  test('mergeRequestFields: a fork, labels with details, a null description', () => {
    const mr = { ...fixture('api-merge-request'), source_project_id: 1, description: null, labels: [{ id: 1, name: 'bug', color: '#f00' }] };
    expect(mergeRequestFields(mr)).toMatchObject({ labels: ['bug'], refs: { fromFork: true } });
    expect('body' in mergeRequestFields(mr)).toBe(false);
  });
});
