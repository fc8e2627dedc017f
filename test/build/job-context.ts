/**
 * What GitHub provides around a job, for running ci.yml's self-test job here: the checkout, the
 * event's payload as the workflow's `on:` admits it, and what the job's token may read.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { ROOT, tempDir } from '../action/harness.js';
import { examples } from '../trigger/examples.js';
import type { Mapping } from './workflow.js';

/**
 * A checkout of this repository as it is now: the files git sees (tracked, or new and not ignored),
 * and a `.git`. Without dist/, which the harness runs from here, and without node_modules: the job
 * installs nothing, so what its steps import must not come from there.
 */
export async function checkoutCopy(): Promise<string> {
  const checkout = await tempDir({ '.git/HEAD': 'ref: refs/heads/main\n' });
  const listed = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8' });
  for (const file of new Set(listed.split('\0'))) {
    if (file === '' || file.startsWith('dist/') || !existsSync(path.join(ROOT, file))) continue;
    mkdirSync(path.dirname(path.join(checkout, file)), { recursive: true });
    cpSync(path.join(ROOT, file), path.join(checkout, file));
  }
  return checkout;
}

/** The files under `dir`, relative to it, '/'-separated. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => statSync(path.join(dir, file)).isFile())
    .map((file) => file.split(path.sep).join('/'))
    .sort();
}

/** `folder` of the checkout by repository path: the base commit's tree, on a pull request. */
export function treeOf(checkout: string, folder: string): Record<string, string> {
  return Object.fromEntries(
    filesUnder(path.join(checkout, folder)).map((file) => [`${folder}/${file}`, readFileSync(path.join(checkout, folder, file), 'utf8')]),
  );
}

/** Every file with its size and modification time: what a dry run leaves as it was. */
export function snapshot(dir: string): string[] {
  return filesUnder(dir).map((file) => {
    const stats = statSync(path.join(dir, file));
    return `${file} ${stats.size} ${stats.mtimeMs}`;
  });
}

/**
 * A real example payload (@octokit/webhooks-examples) of the event, as the workflow's `on:` admits
 * it: a push to the first branch it names, a pull request of an activity type it runs on.
 */
export function payloadFor(eventName: string, on: Mapping): Mapping {
  const filter = (on[eventName] ?? {}) as { branches?: string[]; types?: string[] };
  if (eventName === 'push') {
    const push = examples('push').find((payload) => String(payload.ref).startsWith('refs/heads/') && payload.head_commit);
    if (push === undefined) throw new Error('no branch push among the push examples');
    return { ...push, ref: `refs/heads/${filter.branches?.[0] ?? 'main'}` };
  }
  if (eventName === 'pull_request') {
    // GitHub's default activity types: opened, synchronize, reopened.
    if (!(filter.types ?? ['opened', 'synchronize', 'reopened']).includes('opened'))
      throw new Error('the workflow does not run on opened pull requests');
    return examples('pull_request').find((payload) => payload.action === 'opened') as Mapping;
  }
  throw new Error(`the workflow runs on '${eventName}': give payloadFor an example of it`);
}

/**
 * The permission each REST call needs, from the "fine-grained access tokens" section of its page in
 * GitHub's REST reference: any one of those listed. Every token reads `metadata`.
 */
const PERMISSIONS: Array<[RegExp, string[]]> = [
  [/^GET \/repos\/[^/]+\/[^/]+\/collaborators\/[^/]+\/permission$/, ['metadata']],
  [/^GET \/repos\/[^/]+\/[^/]+\/git\/(trees|blobs)\/[^/]+$/, ['contents']],
  [/^GET \/repos\/[^/]+\/[^/]+\/pulls\/\d+(\/files)?$/, ['pull-requests']],
  [/^GET \/repos\/[^/]+\/[^/]+\/issues\/\d+\/comments$/, ['issues', 'pull-requests']],
];

/**
 * The calls a token with `permissions` (a job's `permissions:`: a mapping, `read-all` or `write-all`)
 * could not make, each with what it needs.
 */
export function callsBeyond(permissions: unknown, calls: string[]): string[] {
  const all = permissions === 'read-all' || permissions === 'write-all';
  const granted = typeof permissions === 'object' && permissions !== null ? (permissions as Mapping) : {};
  const readable = new Set(['metadata', ...Object.keys(granted).filter((scope) => granted[scope] === 'read' || granted[scope] === 'write')]);
  return calls.flatMap((call) => {
    const needs = PERMISSIONS.find(([pattern]) => pattern.test(call))?.[1];
    if (needs === undefined) return [`${call}: which permission it needs is not in PERMISSIONS`];
    return all || needs.some((scope) => readable.has(scope)) ? [] : [`${call}: needs ${needs.join(' or ')}`];
  });
}

/** Whether the server at `url` stops answering (connections refused) within a second. */
export async function stopped(url: string): Promise<boolean> {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    try {
      await fetch(url, { signal: AbortSignal.timeout(500) });
    } catch {
      return true;
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return false;
}
