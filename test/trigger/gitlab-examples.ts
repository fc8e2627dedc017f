/**
 * GitLab's documented webhook payloads and REST answers (test/fixtures/gitlab/README.md says where each
 * came from), and the CI/CD variables GitLab sets in the jobs they start. Each call returns a fresh copy.
 */
import { readFileSync } from 'node:fs';
import type { GitLabEnv, GitLabRecords } from '../../src/trigger/gitlab.js';

// biome-ignore lint/suspicious/noExplicitAny: fixtures are edited freely to derive variants
export type Json = Record<string, any>;

const folder = new URL('../fixtures/gitlab/', import.meta.url);

/** The text of a fixture file, as TRIGGER_PAYLOAD would hold it. */
export function fixtureText(name: string): string {
  return readFileSync(new URL(`${name}.json`, folder), 'utf8');
}

export function fixture(name: string): Json {
  return JSON.parse(fixtureText(name)) as Json;
}

/** The variables of a job in the project a webhook fixture is about (`project.id`, `project.path_with_namespace`). */
export function triggerJobEnv(payload: Json): GitLabEnv {
  return {
    GITLAB_CI: 'true',
    CI_PIPELINE_SOURCE: 'trigger',
    CI_PROJECT_ID: String(payload.project.id),
    CI_PROJECT_PATH: payload.project.path_with_namespace,
    CI_COMMIT_SHA: '2293ada6b400935a1378653304eaf6221e0fdb8f',
    CI_COMMIT_BRANCH: 'master',
    GITLAB_USER_LOGIN: 'trigger-owner',
  };
}

/**
 * A merge request pipeline's variables, as "Predefined variables for merge request pipelines" documents
 * them, for the merge request of api-merge-request.json (gitlab-org/gitlab-ee!14656).
 */
export function mergeRequestJobEnv(): GitLabEnv {
  return {
    GITLAB_CI: 'true',
    CI_PIPELINE_SOURCE: 'merge_request_event',
    CI_PROJECT_ID: '278964',
    CI_PROJECT_PATH: 'gitlab-org/gitlab-ee',
    CI_COMMIT_SHA: '8e0b45049b6253b8984cde9241830d2851168142',
    CI_COMMIT_REF_NAME: 'delete-designs-v2',
    GITLAB_USER_LOGIN: 'alexkalderimis',
    CI_MERGE_REQUEST_ID: '33092005',
    CI_MERGE_REQUEST_IID: '14656',
    CI_MERGE_REQUEST_TITLE: 'Add deletion support for designs',
    CI_MERGE_REQUEST_DESCRIPTION: '## What does this MR do?\r\n\r\nThis adds the capability to destroy/hide designs.',
    CI_MERGE_REQUEST_DESCRIPTION_IS_TRUNCATED: 'false',
    CI_MERGE_REQUEST_LABELS: 'backend,database,feature',
    CI_MERGE_REQUEST_EVENT_TYPE: 'detached',
    CI_MERGE_REQUEST_SOURCE_BRANCH_NAME: 'delete-designs-v2',
    CI_MERGE_REQUEST_SOURCE_BRANCH_SHA: '',
    CI_MERGE_REQUEST_TARGET_BRANCH_NAME: 'master',
    CI_MERGE_REQUEST_TARGET_BRANCH_SHA: '',
    CI_MERGE_REQUEST_DIFF_BASE_SHA: 'dd692733bb84bc3e9e862e66c099daec2fa00c83',
    CI_MERGE_REQUEST_DIFF_ID: '58023428',
    CI_MERGE_REQUEST_PROJECT_ID: '278964',
    CI_MERGE_REQUEST_PROJECT_PATH: 'gitlab-org/gitlab-ee',
    CI_MERGE_REQUEST_PROJECT_URL: 'https://gitlab.com/gitlab-org/gitlab-ee',
    CI_MERGE_REQUEST_SOURCE_PROJECT_ID: '278964',
    CI_MERGE_REQUEST_SOURCE_PROJECT_PATH: 'gitlab-org/gitlab-ee',
    CI_MERGE_REQUEST_SOURCE_PROJECT_URL: 'https://gitlab.com/gitlab-org/gitlab-ee',
    CI_MERGE_REQUEST_REF_PATH: 'refs/merge-requests/14656/head',
  };
}

/** GitLabRecords answering from fixed records, as the REST API would for this project; it records each call. */
export class FakeRecords implements GitLabRecords {
  readonly calls: string[] = [];
  issues = new Map<number, unknown>();
  mergeRequests = new Map<number, unknown>();
  notes = new Map<string, unknown>();

  async issue(iid: number): Promise<unknown> {
    this.calls.push(`GET /projects/:id/issues/${iid}`);
    return found(this.issues.get(iid), `issue ${iid}`);
  }

  async mergeRequest(iid: number): Promise<unknown> {
    this.calls.push(`GET /projects/:id/merge_requests/${iid}`);
    return found(this.mergeRequests.get(iid), `merge request ${iid}`);
  }

  async note(noteable: 'issue' | 'merge_request', iid: number, noteId: number): Promise<unknown> {
    this.calls.push(`GET /projects/:id/${noteable}s/${iid}/notes/${noteId}`);
    return found(this.notes.get(`${noteable}/${iid}/${noteId}`), `note ${noteId}`);
  }
}

function found(record: unknown, what: string): unknown {
  if (record === undefined) throw new Error(`404 Not Found: ${what}`);
  return structuredClone(record);
}
