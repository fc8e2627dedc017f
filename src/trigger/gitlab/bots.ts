/**
 * Which GitLab accounts are bots. GitLab has no `[bot]` suffix: a token's bot user is named after the
 * project or group it belongs to, GitLab's internal users (support, alerts, security, Duo) and many
 * automation accounts end in `bot`, service accounts start with `service_account`, and the users API
 * says `bot: true` when it is asked. A bot refused by mistake is one line in the job log; a bot let
 * through can start runs in a loop, so every sign counts.
 */
import { field, object, string } from '../payload.js';

/** `project_123_bot_0a1b…` and `group_7_bot_…` (GitLab 16+), `project_123_bot` and `project_123_bot2` (older). */
const ACCESS_TOKEN_BOT = /^(?:project|group)_\d+_bot(?:\d*|_[0-9a-f]+)$/i;
/** `service_account_…` and `service_account_group_7_…`: GitLab's machine users. */
const SERVICE_ACCOUNT = /^service_account_/i;
/**
 * `GitLab-Bot`, `support-bot`, `alert-bot`, `GitLab-Security-Bot`, `renovate_bot`, `x[bot]`: `bot` as a
 * word of its own at the end, so people named Abbot or Talbot stay people.
 */
const BOT_NAME = /(?:^|[-_.])bot\d*$|\[bot\]$/i;

/**
 * True when `user` (a username, or a GitLab user object with `username` and maybe `bot`) is a bot.
 * A username is taken as GitLab shows it, without `@`.
 */
export function isGitLabBot(user: unknown): boolean {
  const account = object(user);
  if (account !== undefined && field(account, 'bot') === true) return true;
  const username = typeof user === 'string' ? user : string(field(account, 'username'));
  if (username === undefined) return false;
  return ACCESS_TOKEN_BOT.test(username) || SERVICE_ACCOUNT.test(username) || BOT_NAME.test(username);
}
