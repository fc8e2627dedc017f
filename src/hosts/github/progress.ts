/**
 * The progress comment: one comment per agent and workflow run, created when the run starts and
 * edited in place. A re-run of the same workflow run finds it by its hidden marker and reuses it;
 * the action's post step finds it by its handle when the main step was killed before finishing it.
 * It is a courtesy: no failure here may fail the run, so every error becomes a warning.
 */
import { errorMessage } from '../../errors.js';
import type { Redactor } from '../../session-log/redact.js';
import type { ProgressReporter, ProgressState } from '../host.js';
import { progressMarker } from '../markers.js';
import { PacedProgress, renderProgressBody } from '../progress.js';
import { createOnce } from '../create-once.js';
import type { RepoApi } from './api.js';
import { mayHaveLanded } from './errors.js';
import { findOwn } from './rerun.js';

export interface ProgressCommentOptions {
  api: RepoApi;
  number: number;
  isPullRequest: boolean;
  agent: string;
  runId: string;
  runUrl: string;
  /** The run's redactor, built from its secrets: every byte of the comment but the markers passes it. */
  redactor: Redactor;
  warn(message: string): void;
  /** Least time between two `working` edits; default LIMITS.progressUpdateIntervalMs. */
  intervalMs?: number;
  /** Milliseconds clock; tests pass a controllable one. */
  now?: () => number;
}

/**
 * Creates (or on a re-run, reuses) the comment; undefined, after a warning, when GitHub refuses. `isSelf` tells
 * the runner's own login: only its comment is taken for this run's.
 */
export async function startProgressComment(
  options: ProgressCommentOptions,
  isSelf: (login: string | undefined) => Promise<boolean>,
): Promise<ProgressReporter | undefined> {
  const { api, number, isPullRequest } = options;
  const marker = progressMarker(options.agent, options.runId);
  const body = renderProgress(options, marker, { phase: 'working', line: '' });
  try {
    // Looked up on every attempt: the listing is one the context reads anyway. Only the runner's own
    // comment is reused: whoever else wrote the marker (a person, another app) keeps their comment.
    const existing = await findOwn({ marker, rerun: true, isSelf }, () => api.listComments(number, isPullRequest));
    const comment = existing
      ? await api.updateComment(existing.id, isPullRequest, body)
      : await createOnce(
          {
            create: () => api.createComment(number, isPullRequest, body),
            find: () => findOwn({ marker, rerun: true, isSelf }, () => api.listComments(number, isPullRequest, true)),
            mayHaveLanded,
          },
          api.resendWaitsMs,
        );
    return new ProgressComment(options, marker, comment.id);
  } catch (error) {
    options.warn(`The progress comment on #${number} was not posted: ${errorMessage(error)}`);
    return undefined;
  }
}

/** What a handle holds: the comment, and what rendering it needs that the environment does not give. */
interface ProgressHandle {
  comment: number;
  number: number;
  pullRequest: boolean;
  agent: string;
}

/** The comment a ProgressReporter's `handle` names, for another process; undefined for a handle this file did not make. */
export function resumeProgressComment(
  options: Omit<ProgressCommentOptions, 'number' | 'isPullRequest' | 'agent'>,
  handle: string,
): ProgressReporter | undefined {
  const saved = parseHandle(handle);
  if (saved === undefined) return undefined;
  const resumed = { ...options, number: saved.number, isPullRequest: saved.pullRequest, agent: saved.agent };
  return new ProgressComment(resumed, progressMarker(saved.agent, options.runId), saved.comment);
}

function parseHandle(handle: string): ProgressHandle | undefined {
  let value: unknown;
  try {
    value = JSON.parse(handle);
  } catch {
    return undefined;
  }
  const saved = value as Partial<ProgressHandle> | null;
  const valid =
    typeof saved === 'object' &&
    saved !== null &&
    Number.isSafeInteger(saved.comment) &&
    Number.isSafeInteger(saved.number) &&
    typeof saved.pullRequest === 'boolean' &&
    typeof saved.agent === 'string';
  return valid ? (saved as ProgressHandle) : undefined;
}

class ProgressComment extends PacedProgress {
  constructor(
    private readonly options: ProgressCommentOptions,
    private readonly marker: string,
    private readonly commentId: number,
  ) {
    const handle: ProgressHandle = { comment: commentId, number: options.number, pullRequest: options.isPullRequest, agent: options.agent };
    super(JSON.stringify(handle), options, 'progress comment');
  }

  protected async send(state: ProgressState): Promise<void> {
    await this.options.api.updateComment(this.commentId, this.options.isPullRequest, renderProgress(this.options, this.marker, state));
  }
}

/** The comment body (src/hosts/progress.ts), with its link to the workflow run. */
export function renderProgress(options: Pick<ProgressCommentOptions, 'agent' | 'runUrl' | 'redactor'>, marker: string, state: ProgressState): string {
  return renderProgressBody({ ...options, runLink: `[view run](${options.runUrl})`, rules: {} }, marker, state);
}
