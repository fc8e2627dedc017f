/**
 * The progress note: one note per agent and pipeline, posted when the run starts and edited in place.
 * A retried job (same CI_PIPELINE_ID) finds it by its hidden marker and reuses it; another process
 * finds it by its handle when the run was killed before finishing it. It is a courtesy: no failure
 * here may fail the run, so every error becomes a warning.
 */
import { errorMessage } from '../../errors.js';
import { LIMITS } from '../../limits.js';
import { neutralizeQuickActions } from '../../markdown/index.js';
import { capBody, sanitizeBody } from '../../publish/sanitize.js';
import type { Redactor } from '../../session-log/redact.js';
import { plainLine } from '../../trigger/text.js';
import type { ProgressReporter, ProgressState } from '../host.js';
import type { ProjectApi, Thread } from './api.js';
import { FLUE_COMMENT_MARKER, progressMarker, withoutMarkers } from '../markers.js';
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
    const note = existing ? await api.updateNote(thread, existing.id, body) : await api.createNote(thread, body);
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

class ProgressNote implements ProgressReporter {
  readonly handle: string;
  private readonly now: () => number;
  private readonly intervalMs: number;
  private lastWrite: number;
  private finished = false;
  /** Edits are chained, so they reach GitLab in order even when callers do not await them. */
  private writes: Promise<void> = Promise.resolve();

  constructor(
    private readonly options: ProgressNoteOptions,
    private readonly marker: string,
    private readonly noteId: number,
  ) {
    const { thread, agent } = options;
    const handle: ProgressHandle = { gitlabNote: noteId, iid: thread.iid, mergeRequest: thread.isMergeRequest, agent };
    this.handle = JSON.stringify(handle);
    this.now = options.now ?? Date.now;
    this.intervalMs = options.intervalMs ?? LIMITS.progressUpdateIntervalMs;
    this.lastWrite = this.now();
  }

  update(state: ProgressState): Promise<void> {
    if (this.finished) return this.writes;
    if (state.phase === 'working' && this.now() - this.lastWrite < this.intervalMs) return this.writes;
    if (state.phase === 'finished') this.finished = true;
    this.lastWrite = this.now();
    this.writes = this.writes.then(() => this.write(state));
    return this.writes;
  }

  private async write(state: ProgressState): Promise<void> {
    const { api, thread, warn } = this.options;
    try {
      await api.updateNote(thread, this.noteId, renderProgress(this.options, this.marker, state));
    } catch (error) {
      warn(`The progress note was not updated: ${errorMessage(error)}`);
    }
  }
}

/**
 * The note body: the markers, then everything else through the sanitizer and the redactor every
 * output goes through, in one pass, so none of it, the agent's name included, reaches GitLab with a
 * secret, a mention, a quick action, a control character or a marker a later run would take for its own.
 */
export function renderProgress(options: Pick<ProgressNoteOptions, 'agent' | 'runUrl' | 'redactor'>, marker: string, state: ProgressState): string {
  const { redactor } = options;
  const run = `[view pipeline](${options.runUrl})`;
  const agent = `\`${options.agent.replace(/`/g, "'")}\``;
  // Sanitized before it is cut to one line too: a cut through a secret leaves a part no redactor knows.
  const line = plainLine(sanitizeBody(state.line, redactor), 300);
  const parts: string[] = [];
  if (state.phase === 'working') {
    parts.push(`⏳ flue-action (${agent}) is working on this… ${run}`);
    if (line) parts.push(line);
  } else {
    parts.push(`flue-action (${agent}) finished · ${run}`, line);
    if (state.details?.trim()) parts.push(state.details);
  }
  // Markers after: sanitizing may join `<!-- flue-action` from pieces (an invisible character removed).
  // Quick actions too: the working line quotes the model's tool arguments, and a `/merge` must not run.
  const content = withoutMarkers(neutralizeQuickActions(sanitizeBody(parts.join('\n\n'), redactor)));
  return capBody(`${FLUE_COMMENT_MARKER}\n${marker}\n\n${content}`, LIMITS.commentChars);
}
