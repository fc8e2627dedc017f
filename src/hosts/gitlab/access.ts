/**
 * The author's trust on the project, from GitLab's access levels: the user is looked up by username
 * (the events name people by it), then their level on the project, inherited from groups included.
 * Developer (30) or above is a writer by default; the level is the host's `writerLevel` option.
 */
import { rethrowIfFatal } from '../../errors.js';
import type { Access } from '../../trigger/types.js';
import type { ProjectApi } from './api.js';
import { statusOf } from './errors.js';

/** GitLab's roles by access level (Gitlab::Access, as the members API documents them). */
const ROLES: ReadonlyMap<number, string> = new Map([
  [0, 'no access'],
  [5, 'Minimal access'],
  [10, 'Guest'],
  [15, 'Planner'],
  [20, 'Reporter'],
  [30, 'Developer'],
  [40, 'Maintainer'],
  [50, 'Owner'],
  [60, 'Admin'],
]);

export const DEFAULT_WRITER_LEVEL = 30;
const NO_ACCESS: Access = { trust: 'none', role: 'no access' };

/**
 * A 404 (no such user, or not a member) is `none`; any other failure is `unknown`, after a warning,
 * which the gate treats as not a writer.
 */
export async function accessOf(api: ProjectApi, login: string, writerLevel: number, warn: (message: string) => void): Promise<Access> {
  if (login === '') return NO_ACCESS;
  try {
    const user = (await api.usersNamed(login)).find((entry) => entry.username.toLowerCase() === login.toLowerCase());
    if (user === undefined) return NO_ACCESS;
    const member = await api.member(user.id);
    // A blocked user or an awaiting membership keeps a level GitLab does not honour.
    const inactive = [member.state, member.membership_state].find((state) => state !== undefined && state !== 'active');
    if (inactive !== undefined) return { trust: 'none', role: `${roleName(member.access_level)} (${inactive})` };
    return accessAt(member.access_level, writerLevel);
  } catch (error) {
    rethrowIfFatal(error);
    if (statusOf(error) === 404) return NO_ACCESS;
    warn(`The access level of ${login} is unknown, so they are treated as a non-writer: ${(error as Error).message}`);
    return { trust: 'unknown', role: 'unknown' };
  }
}

export function accessAt(level: number, writerLevel: number): Access {
  const role = roleName(level);
  if (level >= writerLevel) return { trust: 'writer', role };
  return { trust: level >= 10 ? 'reader' : 'none', role };
}

function roleName(level: number): string {
  return ROLES.get(level) ?? `access level ${level}`;
}
