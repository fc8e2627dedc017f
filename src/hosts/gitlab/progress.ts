/**
 * The progress note: one note per agent and pipeline, posted when the run starts and edited in place.
 * A retried job (same CI_PIPELINE_ID) finds it by its hidden marker and reuses it; another process
 * finds it by its handle when the run was killed before finishing it. It is a courtesy: no failure
 * here may fail the run, so every error becomes a warning.
 */
import { errorMessage } from '../../errors.js';
import type { Redactor } from '../../session-log/redact.js';
import type { ProgressReporter, ProgressState } from '../host.js';
import { progressMarker } from '../markers.js';
import { PacedProgress, renderProgressBody } from '../progress.js';
import type { ProjectApi, Thread } from './api.js';
import { GITLAB_RULES } from './rules.js';
import { createOnce } from '../create-once.js';
import { mayHaveLanded } from './errors.js';
import { findOwn } from './rerun.js';

export interface ProgressNoteOptions {
  api: ProjectApi;
  thread: Thread;
  agent: string;
  runId: string;
  /** CI_PIPELINE_URL (or the job's CI_JOB_URL), linked from the note. */
  runUrl: string;
  /** The run's redactor: every byte of the note but the markers passes it. */
  redactor: Redactor;
  warn(message: string): void;
  /** Least time between two `working` edits; default LIMITS.progressUpdateIntervalMs. */
  intervalMs?: number;
  now?: () => number;
}

/** Posts (or on a retried job, reuses) the note; undefined, after a warning, when GitLab refuses. */
export async function startProgressNote(
  options: ProgressNoteOptions,
  isSelf: (username: string | undefined) => Promise<boolean>,
): Promise<ProgressReporter | undefined> {
  const { api, thread } = options;
  const marker = progressMarker(options.agent, options.runId);
  const body = renderProgress(options, marker, { phase: 'working', line: '' });
  try {
    // Only the runner's own note is reused: whoever else wrote the marker keeps their note.
    const [existing] = await findOwn({ marker, rerun: true, isSelf }, () => api.listNotes(thread));
    const note = existing
      ? await api.updateNote(thread, existing.id, body)
      : await createOnce(
          {
            create: () => api.createNote(thread, body),
            find: async () => (await findOwn({ marker, rerun: true, isSelf }, () => api.listNotes(thread, true)))[0],
            mayHaveLanded,
          },
          api.client.resendWaitsMs,
        );
    return new ProgressNote(options, marker, note.id);
  } catch (error) {
    options.warn(`The progress note on ${thread.isMergeRequest ? '!' : '#'}${thread.iid} was not posted: ${errorMessage(error)}`);
    return undefined;
  }
}

/** What a handle holds: the note, its thread, and the agent (the rest comes from the environment). */
interface ProgressHandle {
  gitlabNote: number;
  iid: number;
  mergeRequest: boolean;
  agent: string;
}

/** The note a ProgressReporter's `handle` names; undefined for a handle this file did not make. */
export function resumeProgressNote(options: Omit<ProgressNoteOptions, 'thread' | 'agent'>, handle: string): ProgressReporter | undefined {
  let saved: Partial<ProgressHandle> | null;
  try {
    saved = JSON.parse(handle) as Partial<ProgressHandle> | null;
  } catch {
    return undefined;
  }
  const valid =
    typeof saved === 'object' &&
    saved !== null &&
    Number.isSafeInteger(saved.gitlabNote) &&
    Number.isSafeInteger(saved.iid) &&
    typeof saved.mergeRequest === 'boolean' &&
    typeof saved.agent === 'string';
  if (!valid) return undefined;
  const { gitlabNote, iid, mergeRequest, agent } = saved as ProgressHandle;
  return new ProgressNote({ ...options, thread: { iid, isMergeRequest: mergeRequest }, agent }, progressMarker(agent, options.runId), gitlabNote);
}

class ProgressNote extends PacedProgress {
  constructor(
    private readonly options: ProgressNoteOptions,
    private readonly marker: string,
    private readonly noteId: number,
  ) {
    const { thread, agent } = options;
    const handle: ProgressHandle = { gitlabNote: noteId, iid: thread.iid, mergeRequest: thread.isMergeRequest, agent };
    super(JSON.stringify(handle), options, 'progress note');
  }

  protected async send(state: ProgressState): Promise<void> {
    await this.options.api.updateNote(this.options.thread, this.noteId, renderProgress(this.options, this.marker, state));
  }
}

/** The note body (src/hosts/progress.ts), with its link to the pipeline, quick actions neutralized. */
export function renderProgress(options: Pick<ProgressNoteOptions, 'agent' | 'runUrl' | 'redactor'>, marker: string, state: ProgressState): string {
  return renderProgressBody({ ...options, runLink: `[view pipeline](${options.runUrl})`, rules: GITLAB_RULES }, marker, state);
}
