/**
 * One fake GitLab per test and a GitLabHost pointed at it. Retry waits are in milliseconds and writes
 * to the fake (a loopback address) are not paced, so a test that retries or writes several times stays fast.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { onTestFinished } from 'vitest';
import { GitLabHost, type GitLabHostOptions } from '../../../src/hosts/gitlab/host.js';
import { createRedactor } from '../../../src/session-log/redact.js';
import type { Trigger } from '../../../src/trigger/types.js';
import { startFakeGitLab, type FakeGitLab, type FakeProject, type FakeGitLabOptions } from '../../fakes/gitlab.js';

export const TOKEN = 'glpat-test-token-0001';
export const PROJECT = 'group/sub/app';
/** How the host names the project in calls: by id. */
export const API = '/projects/42';
export const RUN_URL = 'https://gitlab.example.com/group/sub/app/-/pipelines/77';

export interface Setup {
  gitlab: FakeGitLab;
  project: FakeProject;
  host: GitLabHost;
  warnings: string[];
  tmpDir: string;
}

export async function setup(hostOptions: Partial<GitLabHostOptions> = {}, fakeOptions: FakeGitLabOptions = {}): Promise<Setup> {
  const gitlab = await startFakeGitLab({ token: TOKEN, ...fakeOptions });
  const tmpDir = await mkdtemp(path.join(tmpdir(), 'flue-gl-'));
  // Registered per test, not by a top-level afterEach: with isolate off, a module's top-level code runs once a worker.
  onTestFinished(async () => {
    await rm(tmpDir, { recursive: true, force: true });
    await gitlab.close();
  });
  const warnings: string[] = [];
  const project = gitlab.project(PROJECT, 42);
  const host = hostOn(gitlab, { tmpDir, warn: (text) => void warnings.push(text), ...hostOptions });
  return { gitlab, project, host, warnings, tmpDir };
}

export function hostOn(gitlab: FakeGitLab, options: Partial<GitLabHostOptions> = {}): GitLabHost {
  return new GitLabHost({
    baseUrl: gitlab.url,
    token: TOKEN,
    tokenKind: 'private',
    project: '42',
    runId: '77',
    rerun: false,
    runUrl: RUN_URL,
    progressNote: true,
    redactor: createRedactor([TOKEN]),
    tmpDir: tmpdir(),
    warn: () => {},
    client: { retryUnitMs: 1 },
    ...options,
  });
}

/** A trigger on issue #3 or MR !7 of the project, as the GitLab front end would make it. */
export function trigger(kind: 'issue' | 'mr', fields: Partial<Trigger> = {}): Trigger {
  const mr = kind === 'mr';
  const iid = mr ? 7 : 3;
  return {
    kind: mr ? 'pull_request' : 'issue',
    eventName: mr ? 'merge_request_event' : 'issue',
    repository: { owner: 'group/sub', name: 'app' },
    number: iid,
    isPullRequest: mr,
    labels: [],
    url: `http://gitlab.test/group/sub/app/-/${mr ? 'merge_requests' : 'issues'}/${iid}`,
    actor: 'alice',
    actorIsBot: false,
    refs: {},
    inputs: {},
    ...fields,
  };
}

export const BASE_SHA = 'ba5e000000000000000000000000000000000001';
export const HEAD_SHA = 'c0ffee0000000000000000000000000000000001';

/**
 * A GitLab diff (no ---/+++ header) whose head side shows lines 10-13 of README.md: 10 context (old
 * 10), 11 and 12 added, 13 context (old 12); old line 11 is removed.
 */
export const README_DIFF = ['@@ -10,3 +10,4 @@ intro', ' context', '-old', '+new one', '+new two', ' tail', ''].join('\n');
