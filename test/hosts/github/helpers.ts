/**
 * One fake GitHub per test, a real Octokit (with the retry and throttling plugins) pointed at it,
 * and a GitHubHost over both. Retry waits are in milliseconds and writes to the fake (a loopback
 * address) are not paced, so a test that retries or writes several times stays fast.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { onTestFinished } from 'vitest';
import { createGitHubClient, type GitHubClientOptions } from '../../../src/hosts/github/client.js';
import { GitHubHost, type GitHubHostOptions } from '../../../src/hosts/github/host.js';
import { createRedactor } from '../../../src/session-log/redact.js';
import { triggerFromGitHubEvent } from '../../../src/trigger/github.js';
import type { Trigger } from '../../../src/trigger/types.js';
import { startFakeGitHub, type FakeGitHub } from '../../fakes/github.js';
import { example } from '../../trigger/examples.js';

export const REPO = 'Codertocat/Hello-World';
export const API = `/repos/${REPO}`;
export const RUN_URL = `https://github.com/${REPO}/actions/runs/77`;

export interface Setup {
  github: FakeGitHub;
  host: GitHubHost;
  warnings: string[];
  tmpDir: string;
}

export async function setup(hostOptions: Partial<GitHubHostOptions> = {}, clientOptions: Partial<GitHubClientOptions> = {}): Promise<Setup> {
  const github = await startFakeGitHub({ token: 'ghs_test' });
  const tmpDir = await mkdtemp(path.join(tmpdir(), 'flue-gh-'));
  // Registered per test, not by a top-level afterEach: with isolate off, a module's top-level code runs once a worker.
  onTestFinished(async () => {
    await rm(tmpDir, { recursive: true, force: true });
    await github.close();
  });
  const warnings: string[] = [];
  const host = hostOn(github, { tmpDir, warn: (message) => void warnings.push(message), ...hostOptions }, clientOptions);
  return { github, host, warnings, tmpDir };
}

/** A host on `github` with a client of its own (so nothing is cached from another host). */
export function hostOn(github: FakeGitHub, hostOptions: Partial<GitHubHostOptions> = {}, clientOptions: Partial<GitHubClientOptions> = {}): GitHubHost {
  const warn = hostOptions.warn ?? (() => {});
  const octokit = createGitHubClient({
    token: 'ghs_test',
    baseUrl: github.url,
    userAgent: 'flue-action/test',
    warn,
    retryUnitMs: 1,
    ...clientOptions,
  });
  return new GitHubHost({
    octokit,
    repository: { owner: 'Codertocat', name: 'Hello-World' },
    runUrl: RUN_URL,
    runId: '77',
    progressComment: true,
    redactor: createRedactor(['ghs_test']),
    tmpDir: tmpdir(),
    warn,
    ...hostOptions,
  });
}

/** The real `issues` opened example: issue #1, labelled `bug`, by Codertocat. */
export function issueEvent(): { payload: Record<string, unknown>; trigger: Trigger } {
  const payload = example('issues', 'opened');
  return { payload, trigger: triggerFromGitHubEvent('issues', payload) };
}

/** The real `pull_request` opened example: PR #2, `changes` into `master`. */
export function pullRequestEvent(): { payload: Record<string, unknown>; trigger: Trigger } {
  const payload = example('pull_request', 'opened');
  return { payload, trigger: triggerFromGitHubEvent('pull_request', payload) };
}

export const BASE_SHA = 'f95f852bd8fca8fcc58a9a2d6c842781e32a215e';
export const HEAD_SHA = 'ec26c3e57ca3a959ca5aad62de7213c562f8c821';

/** A patch whose RIGHT side shows lines 10-13 (context 10, added 11-12, context 13); line 11 of the old file is deleted. */
export const README_PATCH = ['@@ -10,3 +10,4 @@ intro', ' context', '-old', '+new one', '+new two', ' tail'].join('\n');
