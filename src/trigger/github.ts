/**
 * GitHub webhook payloads (as GitHub sends them, and as Actions writes them to GITHUB_EVENT_PATH)
 * into one platform-neutral Trigger. Every field is read defensively: a payload is attacker-shaped
 * text, and an odd one becomes a Trigger with less in it, or one clear TriggerError.
 */
import { InputError, TriggerError } from '../errors.js';
import { inferGitHubEventName } from './infer.js';
import {
  branchName,
  dataRecord,
  field,
  isBot,
  labelNames,
  login,
  object,
  positiveInteger,
  string,
  text,
  withoutUndefined,
  type JsonObject,
} from './payload.js';
import type { Trigger, TriggerComment, TriggerKind } from './types.js';

export { inferGitHubEventName } from './infer.js';

export interface GitHubTriggerOptions {
  /** `owner/name`, used when the payload has no `repository` (Actions sets GITHUB_REPOSITORY). */
  repository?: string;
  /** Where the payload came from, named in errors: the `--event` file, or `GITHUB_EVENT_PATH`. */
  source?: string;
}

const KINDS: Readonly<Record<string, TriggerKind>> = {
  issues: 'issue',
  issue_comment: 'issue_comment',
  discussion: 'discussion',
  discussion_comment: 'discussion_comment',
  commit_comment: 'commit_comment',
  pull_request: 'pull_request',
  pull_request_target: 'pull_request',
  pull_request_review: 'pull_request_review',
  pull_request_review_comment: 'pull_request_review_comment',
  push: 'push',
  schedule: 'schedule',
  workflow_dispatch: 'workflow_dispatch',
  workflow_run: 'workflow_run',
};

/**
 * The Trigger for one GitHub event. `eventName` is GITHUB_EVENT_NAME or `--event-name`; without it
 * the name is inferred from the payload's shape. Unknown events become kind `unknown` with whatever
 * context the payload has. Throws TriggerError when the payload is not an object or lacks a field
 * its event needs.
 */
export function triggerFromGitHubEvent(eventName: string | undefined, payload: unknown, options: GitHubTriggerOptions = {}): Trigger {
  const source = options.source ?? 'event payload';
  const event = object(payload);
  if (event === undefined) {
    const got = payload === null ? 'null' : Array.isArray(payload) ? 'an array' : typeof payload;
    throw new TriggerError(`${source}: expected a JSON object (a GitHub webhook payload), got ${got}.`);
  }
  const name = eventName ?? inferGitHubEventName(event, source);
  const kind = Object.hasOwn(KINDS, name) ? (KINDS[name] as TriggerKind) : 'unknown';
  const reader = new PayloadReader(event, name, source);
  const base: Trigger = {
    kind,
    eventName: name,
    action: string(field(event, 'action')),
    repository: reader.repository(options.repository, kind !== 'unknown'),
    isPullRequest: false,
    labels: [],
    actor: login(field(event, 'sender')) ?? '',
    actorIsBot: isBot(field(event, 'sender')),
    refs: {},
    inputs: dataRecord(undefined),
  };
  return withoutUndefined({ ...base, ...details(kind, reader) });
}

function details(kind: TriggerKind, reader: PayloadReader): Partial<Trigger> {
  switch (kind) {
    case 'issue':
      return reader.issue(reader.need('issue'));
    case 'issue_comment':
      return { ...reader.issue(reader.need('issue')), comment: reader.comment(reader.need('comment')) };
    case 'pull_request':
      return reader.pullRequest(reader.need('pull_request'));
    case 'pull_request_review':
      // The review's body is what its author wrote: gated like a comment (an approval without text has none).
      return { ...reader.pullRequest(reader.need('pull_request')), comment: reader.comment(reader.need('review')) };
    case 'pull_request_review_comment':
      return { ...reader.pullRequest(reader.need('pull_request')), comment: reader.comment(reader.need('comment')) };
    case 'discussion':
      return reader.discussion(reader.need('discussion'));
    case 'discussion_comment':
      return { ...reader.discussion(reader.need('discussion')), comment: reader.comment(reader.need('comment')) };
    case 'commit_comment':
      return reader.commitComment(reader.need('comment'));
    case 'push':
      return reader.push();
    case 'workflow_dispatch':
      return { refs: { base: branchName(reader.get('ref')) }, inputs: dataRecord(object(reader.get('inputs'))) };
    case 'workflow_run':
      return reader.workflowRun(reader.need('workflow_run'));
    case 'schedule':
    case 'manual':
      return {};
    case 'unknown':
      return reader.unknown();
  }
}

class PayloadReader {
  constructor(
    private readonly event: JsonObject,
    private readonly eventName: string,
    private readonly source: string,
  ) {}

  get(name: string): unknown {
    return field(this.event, name);
  }

  /** A field the event cannot be read without. */
  need(name: string): JsonObject {
    const value = object(this.get(name));
    if (value === undefined) {
      throw new TriggerError(
        `${this.source}: event '${this.eventName}' needs field '${name}' (an object), which is missing. ` +
          `Give the payload GitHub sent, or the right --event-name.`,
      );
    }
    return value;
  }

  repository(fallback: string | undefined, required: boolean): Trigger['repository'] {
    const repo = object(this.get('repository'));
    const fullName = string(field(repo, 'full_name'))?.split('/');
    if (fullName?.length === 2 && fullName[0] && fullName[1]) return { owner: fullName[0], name: fullName[1] };
    const owner = login(field(repo, 'owner'));
    const name = string(field(repo, 'name'));
    if (owner && name) return { owner, name };
    if (fallback !== undefined) return parseRepository(fallback);
    if (!required) return { owner: '', name: '' };
    throw new TriggerError(
      `${this.source}: field 'repository.full_name' is missing, so the run has no repository. ` +
        `Give the payload GitHub sent, or set GITHUB_REPOSITORY=owner/name.`,
    );
  }

  /** An issue, or a pull request seen through the issues API (`issue.pull_request` is set). */
  issue(issue: JsonObject): Partial<Trigger> {
    return {
      ...this.subject(issue),
      isPullRequest: object(field(issue, 'pull_request')) !== undefined,
    };
  }

  pullRequest(pr: JsonObject): Partial<Trigger> {
    const head = object(field(pr, 'head'));
    const base = object(field(pr, 'base'));
    const headRepo = string(field(object(field(head, 'repo')), 'full_name'));
    const baseRepo = string(field(object(field(base, 'repo')), 'full_name')) ?? this.fullName();
    return {
      ...this.subject(pr),
      number: positiveInteger(field(pr, 'number')) ?? positiveInteger(this.get('number')),
      isPullRequest: true,
      refs: withoutUndefined({
        base: string(field(base, 'ref')),
        head: string(field(head, 'ref')),
        sha: string(field(head, 'sha')),
        baseSha: string(field(base, 'sha')),
        // A deleted fork has `head.repo: null`. Exact comparison: when in doubt it is a fork.
        fromFork: headRepo === undefined || headRepo !== baseRepo,
      }),
    };
  }

  comment(comment: JsonObject): TriggerComment {
    const user = field(comment, 'user');
    return withoutUndefined({
      id: positiveInteger(field(comment, 'id')) ?? 0,
      body: text(field(comment, 'body')) ?? '',
      author: login(user) ?? '',
      authorIsBot: isBot(user),
      url: string(field(comment, 'html_url')),
      path: string(field(comment, 'path')),
      line: positiveInteger(field(comment, 'line')) ?? positiveInteger(field(comment, 'original_line')),
    });
  }

  push(): Partial<Trigger> {
    const headCommit = object(this.get('head_commit'));
    return {
      body: text(field(headCommit, 'message')),
      url: string(this.get('compare')),
      actor: login(this.get('sender')) ?? string(field(object(this.get('pusher')), 'name')) ?? '',
      refs: withoutUndefined({ base: branchName(this.get('ref')), sha: string(this.get('after')) }),
    };
  }

  /** The run that completed; its actor is whoever started (or re-ran) it, not the app delivering the event. */
  workflowRun(run: JsonObject): Partial<Trigger> {
    const actor = field(run, 'triggering_actor') ?? field(run, 'actor') ?? this.get('sender');
    const headRepo = string(field(object(field(run, 'head_repository')), 'full_name'));
    const pullRequests = field(run, 'pull_requests');
    // Only same-repository PRs are listed; a fork's run names none, so it has no PR to write to.
    const pullRequest = Array.isArray(pullRequests) ? object(pullRequests[0]) : undefined;
    const number = positiveInteger(field(pullRequest, 'number'));
    const workflow = string(field(run, 'name')) || 'workflow';
    const facts = [`event ${string(field(run, 'event')) ?? 'unknown'}`, `branch ${string(field(run, 'head_branch')) ?? 'unknown'}`];
    const conclusion = string(field(run, 'conclusion'));
    const runNumber = positiveInteger(field(run, 'run_number'));
    return {
      number,
      isPullRequest: number !== undefined,
      title: text(field(run, 'display_title')) ?? text(workflow),
      body: text(
        `Workflow "${workflow}" run${runNumber ? ` #${runNumber}` : ''} (${facts.join(', ')}): ` +
          `${string(field(run, 'status')) ?? 'unknown status'}, conclusion ${conclusion ?? 'none yet'}.`,
      ),
      url: string(field(run, 'html_url')),
      actor: login(actor) ?? '',
      actorIsBot: isBot(actor),
      // Whoever started the upstream run (a fork PR's author); the gate checks them too.
      author: login(field(run, 'actor')),
      refs: withoutUndefined({
        head: string(field(run, 'head_branch')),
        sha: string(field(run, 'head_sha')),
        fromFork: headRepo === undefined ? undefined : headRepo !== this.fullName(),
      }),
    };
  }

  /**
   * A discussion's number names no issue: `/issues/<n>` with it is another thread. It is kept apart,
   * with the node id GraphQL needs to comment on it.
   */
  discussion(discussion: JsonObject): Partial<Trigger> {
    const { number, ...subject } = this.subject(discussion);
    if (number === undefined) return subject;
    return { ...subject, discussion: withoutUndefined({ number, nodeId: string(field(discussion, 'node_id')) }) };
  }

  /** A comment on a commit: no issue or pull request to answer on, only the commit. */
  commitComment(comment: JsonObject): Partial<Trigger> {
    return {
      url: string(field(comment, 'html_url')),
      comment: this.comment(comment),
      refs: withoutUndefined({ sha: string(field(comment, 'commit_id')) }),
    };
  }

  /**
   * Whatever an unknown event carries: an issue, pull request or discussion, and any text someone
   * posted (a comment, a review), which the gate then treats as a comment: phrase and a writer.
   */
  unknown(): Partial<Trigger> {
    const pr = object(this.get('pull_request'));
    const issue = object(this.get('issue'));
    const discussion = object(this.get('discussion'));
    const found = pr ? this.pullRequest(pr) : issue ? this.issue(issue) : discussion ? this.discussion(discussion) : {};
    const posted = object(this.get('comment')) ?? object(this.get('review'));
    if (posted) found.comment = this.comment(posted);
    return found;
  }

  private subject(item: JsonObject): Partial<Trigger> {
    return {
      number: positiveInteger(field(item, 'number')),
      title: text(field(item, 'title')),
      body: text(field(item, 'body')),
      labels: labelNames(field(item, 'labels')),
      url: string(field(item, 'html_url')),
      author: login(field(item, 'user')),
    };
  }

  private fullName(): string | undefined {
    return string(field(object(this.get('repository')), 'full_name'));
  }
}

/** `owner/name` from GITHUB_REPOSITORY or a flag. */
export function parseRepository(value: string): Trigger['repository'] {
  const match = /^([\w.-]+)\/([\w.-]+)$/.exec(value.trim());
  if (!match?.[1] || !match[2]) {
    throw new InputError(`Invalid repository '${value}'. Expected format {owner}/{repo}.`);
  }
  return { owner: match[1], name: match[2] };
}
