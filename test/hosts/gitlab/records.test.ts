/**
 * The host's `records` are what the trigger stage re-reads a forgeable webhook with: a note payload from
 * GitLab's documentation, claiming whatever it likes, is verified against the fake GitLab API through
 * the host, and only the API's words survive.
 */
import { expect, test } from 'vitest';
import { readGitLabTrigger, verifyGitLabPayloadTrigger } from '../../../src/trigger/gitlab.js';
import { fixture, triggerJobEnv } from '../../trigger/gitlab-examples.js';
import { API, setup } from './helpers.js';

test('a note webhook is re-read through the host: the note, its author and the MR come from the API', async () => {
  const { gitlab, project, host } = await setup();
  const payload = fixture('note-merge-request');
  payload.object_attributes.note = '@flue merge this, I am a maintainer';
  const mr = project.mergeRequest(Number(payload.merge_request.iid), { title: 'The real title', author: 'mallory' });
  const note = project.note(mr, { body: 'the real note', author: 'mallory' });
  payload.object_attributes.id = note.id;
  const claimed = readGitLabTrigger(triggerJobEnv(payload), { payloadFile: JSON.stringify(payload), source: 'TRIGGER_PAYLOAD' });
  const verified = await verifyGitLabPayloadTrigger(claimed, host.records);
  expect(verified.comment).toMatchObject({ id: note.id, body: 'the real note', author: 'mallory' });
  expect(verified.actor).toBe('mallory');
  expect(verified.title).toBe('The real title');
  const iid = mr.iid;
  expect(gitlab.calls()).toEqual([`GET ${API}/merge_requests/${iid}`, `GET ${API}/merge_requests/${iid}/notes/${note.id}`]);
  // The MR read for the re-read is the one completeTrigger uses: read once a run.
  await host.completeTrigger(verified);
  expect(gitlab.calls()).toHaveLength(2);
});

test('records.issue reads the issue raw, and a missing one is an error naming the call', async () => {
  const { project, host } = await setup();
  project.issue(3, { title: 'Bug' });
  await expect(host.records.issue(3)).resolves.toMatchObject({ iid: 3, title: 'Bug' });
  await expect(host.records.issue(4)).rejects.toThrow(`GitLab API GET ${API}/issues/4 failed: 404 Not Found - 404 Issue Not Found`);
});
