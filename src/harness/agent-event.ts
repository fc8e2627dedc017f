/**
 * What a code agent's `ctx` says about the event: the public, stable AgentEvent, the thread and the
 * diff (src/lib/types.ts), copied from the runner's own Trigger and what the host fetched. Copied
 * field by field, so an internal field (the gate's view of the actor's access) never becomes part of
 * the public contract by accident; frozen, so an agent's code cannot change the trigger that
 * publishing reads (the issue a comment goes to).
 */
import { LIMITS } from '../limits.js';
import type { AgentEvent, ChangedFile, PullRequestDiff, ThreadComment } from '../lib/types.js';
import type { TriggerContextExtras } from '../trigger/prompt.js';
import type { Trigger } from '../trigger/types.js';

export interface AgentEventContext {
  event: AgentEvent;
  thread: readonly ThreadComment[];
  diff: PullRequestDiff | undefined;
}

export function agentEventContext(trigger: Trigger, extras: TriggerContextExtras = {}): AgentEventContext {
  return deepFreeze({ event: agentEvent(trigger), thread: thread(extras), diff: diff(trigger, extras) });
}

function agentEvent(trigger: Trigger): AgentEvent {
  const { comment, refs } = trigger;
  return {
    kind: trigger.kind,
    eventName: trigger.eventName,
    action: trigger.action,
    repository: { owner: trigger.repository.owner, name: trigger.repository.name },
    number: trigger.number,
    isPullRequest: trigger.isPullRequest,
    discussion: trigger.discussion ? { number: trigger.discussion.number } : undefined,
    title: trigger.title,
    body: trigger.body,
    labels: [...trigger.labels],
    url: trigger.url,
    actor: trigger.actor,
    actorIsBot: trigger.actorIsBot,
    author: trigger.author,
    comment: comment && {
      id: comment.id,
      body: comment.body,
      author: comment.author,
      authorIsBot: comment.authorIsBot,
      url: comment.url,
      path: comment.path,
      line: comment.line,
    },
    refs: { base: refs.base, head: refs.head, sha: refs.sha, baseSha: refs.baseSha, fromFork: refs.fromFork },
    inputs: jsonCopy(trigger.inputs),
  };
}

function thread(extras: TriggerContextExtras): ThreadComment[] {
  return (extras.comments ?? []).map((comment) => ({ author: comment.author, body: comment.body, createdAt: comment.createdAt }));
}

/** Undefined unless the run is about a pull request and the host listed its files. */
function diff(trigger: Trigger, extras: TriggerContextExtras): PullRequestDiff | undefined {
  if (!trigger.isPullRequest || extras.files === undefined) return undefined;
  const files = extras.files.map(
    (file): ChangedFile => ({ path: file.path, status: file.status, additions: file.additions, deletions: file.deletions, patch: file.patch }),
  );
  return {
    files,
    totalFiles: extras.filesCap?.total ?? files.length,
    caps: { files: LIMITS.contextFiles, patchChars: LIMITS.contextPatchChars, patchesChars: LIMITS.contextPatchesChars },
  };
}

/**
 * Inputs are JSON (`--input`, an action input, workflow_dispatch inputs): a JSON round trip copies them
 * whole, and keeps a `__proto__` key an own property, never a prototype.
 */
function jsonCopy(inputs: Record<string, unknown>): Record<string, unknown> {
  return JSON.parse(JSON.stringify(inputs)) as Record<string, unknown>;
}

function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  for (const key of Reflect.ownKeys(value)) deepFreeze((value as Record<PropertyKey, unknown>)[key]);
  return Object.freeze(value);
}
