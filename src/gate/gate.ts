/**
 * The gate: whether an event may start a run, and with which profile. A pure decision over the
 * Trigger, made once, before any definition is read; the outside facts it needs (an account's
 * repository permission, the runner's own login) are injected.
 *
 * - Any event that carries someone's text addressed to the runner (a comment on an issue, a pull
 *   request, a discussion or a commit; a review's body) runs only when that text mentions the trigger
 *   phrase, and only for writers (as the host names them, or `allowed-users`): anyone can post one.
 * - The runner never answers what it posted itself (its marker, or its token's login); bots are
 *   refused unless listed in `allowed-bots`.
 * - Events a stranger can cause or shape (an issue or discussion a stranger wrote, a PR from a fork,
 *   a run of one) still run, because a triage bot exists for them, but with the untrusted profile: the
 *   trust of a run is the lowest of everyone whose words or code it reads. `trust-author-text` lets a
 *   writer's action (a label, an edit) vouch for an issue's text, never for a fork's code.
 * - push, schedule and workflow_dispatch need write access to cause: trusted.
 *
 * What the agent needs is checked after loading, against the profile decided here (`admitAgent`):
 * the loaded definitions can refuse a run, never change its profile.
 */
import { rethrowIfFatal } from '../errors.js';
import type { Trigger } from '../trigger/types.js';
import { isAllowedBot, PeopleCheck, sameLogin, type AccessLookup, type Outsider, type Person } from './people.js';
import { findTriggerPhrase } from './phrase.js';

export type { AccessLookup } from './people.js';

export const DEFAULT_TRIGGER_PHRASE = '@flue';

export interface GateOptions {
  /** Who counts as a writer, as the platform says it, for reasons: `write, maintain or admin permission` (`CiHost.platform.writers`). */
  writers: string;
  /** Text a comment must mention to start a run. Default `@flue`. */
  triggerPhrase?: string;
  /** Logins treated as writers without asking the API. */
  allowedUsers: readonly string[];
  /** Bots that may start runs (`dependabot` or `dependabot[bot]`); they are then treated as writers. */
  allowedBots: readonly string[];
  /** Hidden marker every body the runner posts carries. */
  selfMarker: string;
  /**
   * The login the runner's token writes as (`CiHost.selfLogin`). Asked only for a comment that passed
   * every other check; an answer of undefined (or a failure) means `defaultSelfLogin`.
   */
  selfLogin?: () => Promise<string | undefined>;
  /** Whom the runner writes as when `selfLogin` cannot say (GitHub: the workflow token's `github-actions[bot]`). */
  defaultSelfLogin?: string;
  /**
   * `trust-author-text`: an issue, discussion or same-repository pull request a non-writer wrote runs
   * trusted when a writer caused the event (labeled it, edited it). Off by default.
   */
  trustAuthorText?: boolean;
}

export type GateDecision =
  | { run: true; profile: 'trusted'; notes: string[] }
  | { run: true; profile: 'untrusted'; notes: string[] /** Who made the run untrusted, for admitAgent's reason. */; because: string }
  | { run: false; reason: string };

export type RunDecision = Extract<GateDecision, { run: true }>;

const UNTRUSTED_PROFILE = 'the untrusted profile (read-only tools, no commands, no network)';

export async function decideGate(trigger: Trigger, options: GateOptions, accessOf: AccessLookup): Promise<GateDecision> {
  const refusal =
    ownMarker(trigger, options) ?? (await missingPhrase(trigger, options)) ?? refusedBot(trigger, options) ?? (await ownLogin(trigger, options));
  if (refusal !== undefined) return { run: false, reason: refusal };

  const people = new PeopleCheck(trigger, options, accessOf);
  // Whatever the event, text addressed to the runner is a request: only writers may make one.
  if (trigger.comment !== undefined) {
    const outsiders = await people.outsiders(commentPeople(trigger));
    if (outsiders.length === 0) return { run: true, profile: 'trusted', notes: people.notes };
    return {
      run: false,
      reason:
        `${sentence(clauses(outsiders))}. A comment starts a run only for users with ${options.writers} ` +
        `on ${repositoryName(trigger)}, or users listed in allowed-users.`,
    };
  }
  switch (trigger.kind) {
    case 'push':
    case 'schedule':
    case 'workflow_dispatch':
    case 'manual':
      return { run: true, profile: 'trusted', notes: [] };
    case 'issue':
    case 'discussion':
    case 'pull_request':
      return profileFor(await people.outsiders([actor(trigger), author(trigger)]), options, people.notes);
    case 'unknown': {
      const shapers = trigger.author === undefined ? [actor(trigger)] : [actor(trigger), author(trigger)];
      return profileFor(await people.outsiders(shapers), options, people.notes);
    }
    case 'workflow_run': {
      // `author` is the upstream run's actor: re-running a fork PR's workflow does not make its code the re-runner's.
      const upstream = { login: trigger.author, role: 'actor of the upstream run' };
      return profileFor(await people.outsiders([actor(trigger), upstream]), options, people.notes);
    }
    case 'issue_comment':
    case 'pull_request_review':
    case 'pull_request_review_comment':
    case 'discussion_comment':
    case 'commit_comment':
      // Their readers always set `comment`; without one the payload is not what GitHub sends.
      return { run: false, reason: `The ${trigger.eventName} event carries no comment, so there is no request to answer.` };
  }
}

/**
 * The gate's decision once the agent is loaded: the same run, or a refusal when the agent needs more
 * than the decided profile gives (write tools, commands, network). Never run with less than it expects.
 */
export function admitAgent(decision: RunDecision, agentNeeds: readonly string[], writers: string): GateDecision {
  if (decision.profile === 'trusted' || agentNeeds.length === 0) return decision;
  return {
    run: false,
    reason:
      `${sentence(decision.because)}, so the run would get ${UNTRUSTED_PROFILE}, but the agent needs ` +
      `${agentNeeds.join('; ')}. Such an agent runs only for events caused by writers ` +
      `(${writers}, or allowed-users).`,
  };
}

/** Trusted when every person who shaped the run is a writer (or vouched for); otherwise untrusted. */
function profileFor(outsiders: Outsider[], options: GateOptions, notes: string[]): RunDecision {
  if (outsiders.length === 0) return { run: true, profile: 'trusted', notes };
  const because = clauses(outsiders);
  if (options.trustAuthorText === true && outsiders.every((outsider) => outsider.textOnly)) {
    return {
      run: true,
      profile: 'trusted',
      notes: [...notes, `Running trusted although ${because}: trust-author-text is on and a writer caused the event.`],
    };
  }
  return { run: true, profile: 'untrusted', notes: [...notes, `Running with ${UNTRUSTED_PROFILE}: ${because}.`], because };
}

function ownMarker(trigger: Trigger, options: GateOptions): string | undefined {
  if (options.selfMarker === '' || !trigger.comment?.body.includes(options.selfMarker)) return undefined;
  return `The ${commentNoun(trigger)} was posted by flue-action itself (it carries the hidden marker); the runner never answers its own comments.`;
}

async function ownLogin(trigger: Trigger, options: GateOptions): Promise<string | undefined> {
  const comment = trigger.comment;
  if (comment === undefined) return undefined;
  let self: string | undefined;
  try {
    self = await options.selfLogin?.();
  } catch (error) {
    rethrowIfFatal(error);
  }
  self ??= options.defaultSelfLogin;
  if (!sameLogin(comment.author, self)) return undefined;
  return `The ${commentNoun(trigger)} was posted by ${comment.author}, the account this workflow writes as; the runner never answers its own comments.`;
}

async function missingPhrase(trigger: Trigger, options: GateOptions): Promise<string | undefined> {
  if (trigger.comment === undefined) return undefined;
  const phrase = options.triggerPhrase?.trim() || DEFAULT_TRIGGER_PHRASE;
  const found = await findTriggerPhrase(trigger.comment.body, phrase);
  if (found === 'mentioned') return undefined;
  const noun = commentNoun(trigger);
  if (found === 'unreadable') {
    return (
      `The ${noun} is too large or too deeply nested for the markdown parser's budget (LIMITS.markdownParseMs and its shape caps), ` +
      `so it is read as calling nobody. Write the request to '${phrase}' in a shorter ${noun}.`
    );
  }
  return `The ${noun} does not mention '${phrase}' (trigger-phrase), outside quotes and code; ${noun}s start a run only when they do.`;
}

function refusedBot(trigger: Trigger, options: GateOptions): string | undefined {
  const bots = [trigger.actorIsBot ? trigger.actor : undefined, trigger.comment?.authorIsBot ? trigger.comment.author : undefined];
  for (const bot of bots) {
    if (bot === undefined || isAllowedBot(bot, options.allowedBots)) continue;
    return `The event was caused by the bot '${bot}', which is not in allowed-bots. Add it to allowed-bots to let it start runs.`;
  }
  return undefined;
}

/** The comment's author and whoever caused the event (an edit can be someone else's). */
function commentPeople(trigger: Trigger): Person[] {
  return [{ login: trigger.comment?.author, role: `${commentNoun(trigger)} author` }, actor(trigger)];
}

function actor(trigger: Trigger): Person {
  const event = trigger.action ? `${trigger.eventName}.${trigger.action}` : trigger.eventName;
  return { login: trigger.actor, role: `actor of this ${event} event` };
}

/**
 * Who wrote the issue, discussion or pull request the run reads. A fork's head is its author's code,
 * whoever caused the event; anything else they wrote is text, which a writer's action may vouch for.
 */
function author(trigger: Trigger): Person {
  if (trigger.refs.fromFork === true) return { login: trigger.author, role: 'author of the pull request from a fork' };
  const subject = trigger.isPullRequest ? 'pull request' : trigger.discussion !== undefined || trigger.kind === 'discussion' ? 'discussion' : 'issue';
  return { login: trigger.author, role: `author of the ${subject}`, textOnly: true };
}

/** A review's body is a review, not a comment, in what the runner says. */
function commentNoun(trigger: Trigger): string {
  return trigger.kind === 'pull_request_review' ? 'review' : 'comment';
}

function clauses(outsiders: Outsider[]): string {
  return outsiders.map((outsider) => outsider.why).join('; ');
}

function repositoryName(trigger: Trigger): string {
  return `${trigger.repository.owner}/${trigger.repository.name}`;
}

function sentence(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
