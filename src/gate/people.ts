/**
 * Who shaped a run, and which of them are not writers. The gate names each person with what they are
 * to the event ("comment author", "author of the issue"), so a refusal or an untrusted run says why.
 */
import { rethrowIfFatal } from '../errors.js';
import type { Access, Trigger } from '../trigger/types.js';

/** An account's access to the repository (`CiHost.accessOf`). May throw; a throw counts as unknown, not a writer. */
export type AccessLookup = (login: string) => Promise<Access>;

/** Someone whose permission decides the profile, and what they are to the event (named in the reason). */
export interface Person {
  login: string | undefined;
  role: string;
  /**
   * True when only their text is at stake (the author of an issue, a discussion, a same-repository
   * pull request), so `trust-author-text` may let a writer's action vouch for it. Never for code:
   * a fork's head, an upstream run.
   */
  textOnly?: boolean;
}

/** A person who is not a writer: the clause naming them, and whether only their text is at stake. */
export interface Outsider {
  why: string;
  textOnly: boolean;
}

const UNKNOWN: Access = { trust: 'unknown', role: 'a permission that could not be read' };

/** Looks each login up at most once and says, for each non-writer, why it is one. */
export class PeopleCheck {
  readonly notes: string[] = [];
  readonly #access = new Map<string, Promise<Access>>();

  constructor(
    private readonly trigger: Trigger,
    private readonly options: { allowedUsers: readonly string[]; allowedBots: readonly string[] },
    private readonly accessOf: AccessLookup,
  ) {}

  /** One entry per non-writer (`@x (comment author) has read permission`); empty when all are writers. */
  async outsiders(people: Person[]): Promise<Outsider[]> {
    const found: Outsider[] = [];
    const checked = new Set<string>();
    for (const { login, role, textOnly } of people) {
      if (login === undefined || login === '') {
        found.push({ why: `the event names no ${role.replace(/ of this .*$/, '')}`, textOnly: textOnly === true });
        continue;
      }
      if (checked.has(login.toLowerCase())) continue;
      checked.add(login.toLowerCase());
      // One login may be several people at once (the stranger who opened the issue is its author too).
      const same = people.filter((other) => sameLogin(other.login, login));
      const access = await this.#accessOf(login);
      if (access.trust === 'writer') continue;
      const has = access.trust === 'unknown' ? UNKNOWN.role : access.role;
      found.push({
        why: `@${login} (${same.map((other) => other.role).join(', ')}) has ${has}`,
        textOnly: same.every((other) => other.textOnly === true),
      });
    }
    return found;
  }

  async #accessOf(login: string): Promise<Access> {
    if (this.options.allowedUsers.some((user) => sameLogin(user, login))) return { trust: 'writer', role: 'allowed-users' };
    // Only a real bot account can match: `[bot]` is not allowed in a user's login.
    if (login.endsWith('[bot]') && isAllowedBot(login, this.options.allowedBots)) return { trust: 'writer', role: 'allowed-bots' };
    const key = login.toLowerCase();
    let lookup = this.#access.get(key);
    if (lookup === undefined) this.#access.set(key, (lookup = this.#lookup(login)));
    return lookup;
  }

  async #lookup(login: string): Promise<Access> {
    if (sameLogin(login, this.trigger.actor) && this.trigger.actorAccess !== undefined) return this.trigger.actorAccess;
    try {
      return await this.accessOf(login);
    } catch (error) {
      rethrowIfFatal(error);
      this.notes.push(`Could not read @${login}'s permission (${(error as Error).message}); treated as no permission.`);
      return UNKNOWN;
    }
  }
}

export function isAllowedBot(login: string, allowed: readonly string[]): boolean {
  const name = botName(login);
  return allowed.some((entry) => botName(entry) === name);
}

/** `Dependabot[bot]` and `dependabot` name the same bot. */
function botName(login: string): string {
  return login
    .trim()
    .toLowerCase()
    .replace(/\[bot\]$/, '');
}

export function sameLogin(a: string | undefined, b: string | undefined): boolean {
  return a !== undefined && b !== undefined && a !== '' && a.toLowerCase() === b.toLowerCase();
}
