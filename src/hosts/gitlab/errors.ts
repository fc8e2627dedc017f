/**
 * A GitLab API call that failed after its retries. The message names the call and, for 401, 403 and
 * a write's 404, what the token needs, because that is nearly always the cause in a CI job:
 * `GitLab API POST /projects/42/merge_requests/7/notes failed: 403 Forbidden - 403 Forbidden. The token
 * needs the api scope and the Developer role on the project`.
 */
import { FlueError } from '../../errors.js';
import { truncate } from '../../text/index.js';

export type TokenKind = 'private' | 'job';

export class GitLabApiError extends FlueError {
  override name = 'GitLabApiError';
  constructor(
    /** `POST /projects/42/merge_requests/7/notes`. */
    readonly call: string,
    /** The HTTP status; undefined when no response came (network error, timeout). */
    readonly status: number | undefined,
    message: string,
    /** True when the request never left: a proxy refused it, or a proxy setting cannot work. */
    readonly notSent = false,
  ) {
    super(message);
  }
}

export const isGitLabApiError = (error: unknown): error is GitLabApiError => error instanceof GitLabApiError;

export const statusOf = (error: unknown): number | undefined => (isGitLabApiError(error) ? error.status : undefined);

/** Whether a failed write may have been committed all the same: a 5xx, a timeout or a lost connection. */
export function mayHaveLanded(error: unknown): boolean {
  if (!isGitLabApiError(error) || error.notSent) return false;
  return error.status === undefined || error.status >= 500;
}

const TOKEN_FIX =
  'a project or group access token with the api scope and the Developer role, in a masked CI/CD variable ' + '(FLUE_GITLAB_TOKEN, or GITLAB_TOKEN)';

/** The error for an answer that is not 2xx; `write` tells a call that changes something (a note, labels). */
export function responseFailure(call: string, status: number, statusText: string, body: string, tokenKind: TokenKind, write: boolean): GitLabApiError {
  const head = `${status} ${statusText}`.trim();
  const detail = responseMessage(body);
  const said = detail === '' || detail === head ? head : `${head} - ${detail}`;
  return new GitLabApiError(call, status, `GitLab API ${call} failed: ${said}${hint(status, tokenKind, write)}`);
}

/** The error for a call that got no answer: a reset connection, a refused one, a timeout. */
export function networkFailure(call: string, cause: string, notSent = false): GitLabApiError {
  return new GitLabApiError(call, undefined, `GitLab API ${call} failed: ${cause}. Check CI_API_V4_URL and the runner's network.`, notSent);
}

function hint(status: number, tokenKind: TokenKind, write: boolean): string {
  if (tokenKind === 'job' && (status === 401 || status === 403)) {
    return write
      ? `. CI_JOB_TOKEN cannot post notes, labels or reviews: give ${TOKEN_FIX}`
      : `. CI_JOB_TOKEN reaches only a few API endpoints: give ${TOKEN_FIX}`;
  }
  if (status === 401) return `. GitLab refused the token (unknown, revoked or expired): give ${TOKEN_FIX}`;
  if (status === 403) return `. The token needs the api scope and the ${write ? 'Developer' : 'Reporter'} role (or above) on the project`;
  if (status === 404 && write) return ". If it exists, the token's user needs the Developer role on the project";
  return '';
}

/**
 * GitLab's answer in one line: `{"message": "403 Forbidden"}`, a validation map
 * (`{"message": {"note": ["is too long"]}}`), or OAuth's `{"error": ..., "error_description": ...}`.
 */
function responseMessage(body: string): string {
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch {
    return truncate(body.trim(), 300, '');
  }
  if (data === null || typeof data !== 'object') return truncate(body.trim(), 300, '');
  const { message, error, error_description: description } = data as Record<string, unknown>;
  if (typeof message === 'string') return message;
  if (message !== null && typeof message === 'object') {
    return Object.entries(message)
      .map(([field, problems]) => `${field} ${Array.isArray(problems) ? problems.join(', ') : String(problems)}`)
      .join('; ');
  }
  if (typeof error === 'string') return typeof description === 'string' ? `${error}: ${description}` : error;
  return truncate(body.trim(), 300, '');
}
