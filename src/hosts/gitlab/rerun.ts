/**
 * What an earlier attempt of the same pipeline applied, found before applying again: GitLab's "Retry"
 * of a job keeps CI_PIPELINE_ID, proposes the outputs anew, and each must update what the first
 * attempt posted rather than post it twice.
 *
 * A marker is only text: anyone who can comment can write one, with any key. So a note counts only
 * when the runner's own user wrote it; a stranger's forged marker is ignored, and the runner neither
 * edits their note nor skips its own.
 */
import type { Note } from './api.js';

export interface EarlierAttempt {
  /** The output's own marker (`outputMarker`); undefined when the caller gave no key. */
  marker: string | undefined;
  /** False on a run's first attempt: nothing of this run exists yet, so nothing is looked up. */
  rerun: boolean;
  /** True when `username` is the user the runner's token writes as. */
  isSelf(username: string | undefined): Promise<boolean>;
}

/** The runner's own notes carrying `attempt.marker`, oldest first; none on a first attempt or without a key. */
export async function findOwn(attempt: EarlierAttempt, list: () => Promise<Note[]>): Promise<Note[]> {
  const { marker } = attempt;
  if (!attempt.rerun || marker === undefined) return [];
  const own: Note[] = [];
  for (const note of await list()) {
    if (!note.system && note.body.includes(marker) && (await attempt.isSelf(note.author?.username))) own.push(note);
  }
  return own;
}
