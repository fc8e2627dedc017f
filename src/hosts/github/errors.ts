import { errorMessage, FlueError } from '../../errors.js';
import { truncate } from '../../text/index.js';

/**
 * A GitHub API call that failed after its retries. The message names the call and, for 403 and 404,
 * the `permissions:` the workflow must grant, because that is nearly always the cause in Actions:
 * `POST /repos/o/r/issues/1/comments failed: 403 Resource not accessible by integration. Give the
 * workflow permissions: issues: write`.
 */
export class GitHubApiError extends FlueError {
  override name = 'GitHubApiError';
  constructor(
    /** `POST /repos/o/r/issues/1/comments`. */
    readonly call: string,
    /** The HTTP status; undefined when no response came (network error, timeout). */
    readonly status: number | undefined,
    message: string,
  ) {
    super(message);
  }
}

export const isGitHubApiError = (error: unknown): error is GitHubApiError => error instanceof GitHubApiError;

/** The HTTP status of an Octokit RequestError (or anything shaped like one). */
export function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : undefined;
}

/** `permission`: what the workflow's `permissions:` must grant for this call (`issues: write`). */
/** Whether a failed write may have been committed all the same: a 5xx, a timeout or a lost connection (no status). */
export function mayHaveLanded(error: unknown): boolean {
  const status = statusOf(error);
  return status === undefined || status >= 500;
}

export function apiFailure(call: string, error: unknown, permission: string | undefined): GitHubApiError {
  // Octokit reports a connection failure or a timeout as status 500 without a response: it is not GitHub's answer.
  const status = responseOf(error) === undefined ? undefined : statusOf(error);
  const detail = responseMessage(error);
  if (status === undefined) return new GitHubApiError(call, undefined, `${call} failed: ${detail}`);
  let hint = '';
  if (status === 401) hint = '. GitHub refused the token: check the github-token input';
  else if (status === 403 && permission) hint = `. Give the workflow permissions: ${permission}`;
  else if (status === 404 && permission) hint = `. If it exists, give the workflow permissions: ${permission}`;
  return new GitHubApiError(call, status, `${call} failed: ${status} ${detail}${hint}`);
}

/** GitHub's `message` and `errors` (a 422 explains itself there), without the documentation URL Octokit appends. */
function responseMessage(error: unknown): string {
  const data = responseOf(error)?.data;
  if (data !== null && typeof data === 'object' && typeof (data as { message?: unknown }).message === 'string') {
    const { message, errors } = data as { message: string; errors?: unknown };
    const details = Array.isArray(errors) ? errors.map((entry) => (typeof entry === 'string' ? entry : JSON.stringify(entry))) : [];
    return details.length > 0 ? `${message} (${details.join('; ')})` : message;
  }
  if (typeof data === 'string' && data.trim() !== '') return truncate(data.trim(), 300, '');
  return errorMessage(error);
}

function responseOf(error: unknown): { data?: unknown } | undefined {
  return (error as { response?: { data?: unknown } } | null)?.response;
}
