/**
 * The gate: whether an event may start a run, and with which profile. A pure decision over the
 * Trigger; the only outside fact it needs, an account's repository permission, is injected.
 *
 * - Comment events run only when the comment mentions the trigger phrase, and only for writers
 *   (write, maintain or admin, or `allowed-users`): a comment is something anyone can post.
 * - The runner never answers its own comments; bots are refused unless listed in `allowed-bots`.
 * - Events a stranger can cause (an issue opened, a PR from a fork, a run of one) still run, because
 *   a triage bot exists for them, but with the untrusted profile. An agent that needs more than that
 *   profile gives (write tools, commands, network) is refused for them, never run with less.
 * - push, schedule and workflow_dispatch need write access to cause: trusted.
 */
import { rethrowIfFatal } from '../errors.js';
import type { Permission, Trigger } from '../trigger/types.js';
import { mentionsTriggerPhrase } from './phrase.js';
import type { Profile } from './profile.js';

export const DEFAULT_TRIGGER_PHRASE = '@flue';

/** The account the default workflow token (`GITHUB_TOKEN`) writes as. */
export const WORKFLOW_TOKEN_LOGIN = 'github-actions[bot]';

/** A repository permission lookup (GitHub's collaborator-permission API). May throw; a throw counts as no permission. */
export type PermissionLookup = (login: string) => Promise<Permission>;

export interface GateOptions {
  /** Text a comment must mention to start a run. Default `@flue`. */
  triggerPhrase?: string;
  /** Logins treated as writers without asking the API. */
  allowedUsers: readonly string[];
  /** Bots that may start runs (`dependabot` or `dependabot[bot]`); they are then treated as writers. */
  allowedBots: readonly string[];
  /** Hidden marker every comment the runner posts carries. */
  selfMarker: string;
  /** The account the runner's token writes as. Default `github-actions[bot]`. */
  selfLogin?: string;
  /** What the agent needs beyond the untrusted profile: `trustedCapabilities(spec)`. */
  agentNeeds: readonly string[];
}

export type GateDecision =
  | { run: true; profile: Profile; notes: string[] }
  | { run: false; reason: string };

const WRITER_PERMISSIONS: ReadonlySet<Permission> = new Set(['write', 'maintain', 'admin']);

const UNTRUSTED_PROFILE = 'the untrusted profile (read-only tools, no commands, no network)';

export async function decideGate(
  trigger: Trigger,
  options: GateOptions,
  permissionOf: PermissionLookup,
): Promise<GateDecision> {
  const refusal = ownComment(trigger, options) ?? missingPhrase(trigger, options) ?? refusedBot(trigger, options);
  if (refusal !== undefined) return { run: false, reason: refusal };

  const people = new PeopleCheck(trigger, options, permissionOf);
  switch (trigger.kind) {
    case 'push':
    case 'schedule':
    case 'workflow_dispatch':
    case 'manual':
      return { run: true, profile: 'trusted', notes: [] };
    case 'issue_comment':
    case 'pull_request_review_comment': {
      const outsiders = await people.nonWriters(commentPeople(trigger));
      if (outsiders.length === 0) return { run: true, profile: 'trusted', notes: people.notes };
      return {
        run: false,
        reason:
          `${sentence(outsiders.join('; '))}. A comment starts a run only for users with write, maintain or admin ` +
          `permission on ${repositoryName(trigger)}, or users listed in allowed-users.`,
      };
    }
    case 'issue':
    case 'unknown':
      return profileFor(await people.nonWriters([actor(trigger)]), options, people.notes);
    case 'pull_request': {
      // A fork's code is its author's, whoever caused the event: both must be writers.
      const author = { login: trigger.author, role: 'author of the pull request from a fork' };
      const shapers = trigger.refs.fromFork ? [actor(trigger), author] : [actor(trigger)];
      return profileFor(await people.nonWriters(shapers), options, people.notes);
    }
    case 'workflow_run': {
      // `author` is the upstream run's actor: re-running a fork PR's workflow does not make its code the re-runner's.
      const upstream = { login: trigger.author, role: 'actor of the upstream run' };
      return profileFor(await people.nonWriters([actor(trigger), upstream]), options, people.notes);
    }
  }
}

/** Trusted when every person who shaped the run is a writer; otherwise untrusted, or refused when the agent needs more. */
function profileFor(outsiders: string[], options: GateOptions, notes: string[]): GateDecision {
  if (outsiders.length === 0) return { run: true, profile: 'trusted', notes };
  const why = outsiders.join('; ');
  if (options.agentNeeds.length > 0) {
    return {
      run: false,
      reason:
        `${sentence(why)}, so the run would get ${UNTRUSTED_PROFILE}, but the agent needs ` +
        `${options.agentNeeds.join('; ')}. Such an agent runs only for events caused by writers ` +
        `(write, maintain or admin permission, or allowed-users).`,
    };
  }
  return { run: true, profile: 'untrusted', notes: [...notes, `Running with ${UNTRUSTED_PROFILE}: ${why}.`] };
}

function ownComment(trigger: Trigger, options: GateOptions): string | undefined {
  const comment = trigger.comment;
  if (comment === undefined) return undefined;
  if (options.selfMarker !== '' && comment.body.includes(options.selfMarker)) {
    return 'The comment was posted by flue-action itself (it carries the hidden marker); the runner never answers its own comments.';
  }
  const self = options.selfLogin ?? WORKFLOW_TOKEN_LOGIN;
  if (sameLogin(comment.author, self)) {
    return `The comment was posted by ${comment.author}, the account this workflow writes as; the runner never answers its own comments.`;
  }
  return undefined;
}

function missingPhrase(trigger: Trigger, options: GateOptions): string | undefined {
  if (trigger.kind !== 'issue_comment' && trigger.kind !== 'pull_request_review_comment') return undefined;
  const phrase = options.triggerPhrase?.trim() || DEFAULT_TRIGGER_PHRASE;
  if (mentionsTriggerPhrase(trigger.comment?.body ?? '', phrase)) return undefined;
  return `The comment does not mention '${phrase}' (trigger-phrase), outside quotes and code; comments start a run only when they do.`;
}

function refusedBot(trigger: Trigger, options: GateOptions): string | undefined {
  const bots = [trigger.actorIsBot ? trigger.actor : undefined, trigger.comment?.authorIsBot ? trigger.comment.author : undefined];
  for (const bot of bots) {
    if (bot === undefined || isAllowedBot(bot, options.allowedBots)) continue;
    return `The event was caused by the bot '${bot}', which is not in allowed-bots. Add it to allowed-bots to let it start runs.`;
  }
  return undefined;
}

/** Someone whose permission decides the profile, and what they are to the event (named in the reason). */
interface Person {
  login: string | undefined;
  role: string;
}

/** The comment's author and whoever caused the event (an edit can be someone else's). */
function commentPeople(trigger: Trigger): Person[] {
  return [{ login: trigger.comment?.author, role: 'comment author' }, actor(trigger)];
}

function actor(trigger: Trigger): Person {
  const event = trigger.action ? `${trigger.eventName}.${trigger.action}` : trigger.eventName;
  return { login: trigger.actor, role: `actor of this ${event} event` };
}

/** Looks each login up at most once and says, for each non-writer, why it is one. */
class PeopleCheck {
  readonly notes: string[] = [];
  readonly #permissions = new Map<string, Promise<Permission>>();

  constructor(
    private readonly trigger: Trigger,
    private readonly options: GateOptions,
    private readonly permissionOf: PermissionLookup,
  ) {}

  /** One clause per non-writer (`@x (comment author) has read permission`); empty when all are writers. */
  async nonWriters(people: Person[]): Promise<string[]> {
    const reasons: string[] = [];
    const checked = new Set<string>();
    for (const { login, role } of people) {
      if (login === undefined || login === '') {
        reasons.push(`the event names no ${role.replace(/ of this .*$/, '')}`);
        continue;
      }
      if (checked.has(login.toLowerCase())) continue;
      checked.add(login.toLowerCase());
      const roles = people.filter((other) => sameLogin(other.login, login)).map((other) => other.role);
      const permission = await this.#permission(login);
      if (permission === 'writer') continue;
      const has = permission === 'unknown' ? 'has a permission that could not be read' : `has ${permission} permission`;
      reasons.push(`@${login} (${roles.join(', ')}) ${has}`);
    }
    return reasons;
  }

  async #permission(login: string): Promise<Permission | 'writer'> {
    if (this.options.allowedUsers.some((user) => sameLogin(user, login))) return 'writer';
    // Only a real bot account can match: `[bot]` is not allowed in a user's login.
    if (login.endsWith('[bot]') && isAllowedBot(login, this.options.allowedBots)) return 'writer';
    const key = login.toLowerCase();
    let lookup = this.#permissions.get(key);
    if (lookup === undefined) this.#permissions.set(key, (lookup = this.#lookup(login)));
    const permission = await lookup;
    return WRITER_PERMISSIONS.has(permission) ? 'writer' : permission;
  }

  async #lookup(login: string): Promise<Permission> {
    if (sameLogin(login, this.trigger.actor) && this.trigger.actorPermission !== undefined) {
      return this.trigger.actorPermission;
    }
    try {
      return await this.permissionOf(login);
    } catch (error) {
      rethrowIfFatal(error);
      this.notes.push(`Could not read @${login}'s permission (${(error as Error).message}); treated as no permission.`);
      return 'unknown';
    }
  }
}

function isAllowedBot(login: string, allowed: readonly string[]): boolean {
  const name = botName(login);
  return allowed.some((entry) => botName(entry) === name);
}

/** `Dependabot[bot]` and `dependabot` name the same bot. */
function botName(login: string): string {
  return login.trim().toLowerCase().replace(/\[bot\]$/, '');
}

function sameLogin(a: string | undefined, b: string | undefined): boolean {
  return a !== undefined && b !== undefined && a !== '' && a.toLowerCase() === b.toLowerCase();
}

function repositoryName(trigger: Trigger): string {
  return `${trigger.repository.owner}/${trigger.repository.name}`;
}

function sentence(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
