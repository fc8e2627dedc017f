/**
 * What the model reads beyond the event: the thread's recent notes and, for an MR, its changed files
 * with their diffs. Everything is capped here, before it reaches the prompt or the session log, and a
 * cap on the file list is passed on so the model is told.
 */
import { LIMITS } from '../../limits.js';
import type { ChangedFile, ThreadComment, TriggerContextExtras } from '../../trigger/prompt.js';
import { capText } from '../../trigger/text.js';
import type { Trigger } from '../../trigger/types.js';
import type { MergeRequestDiff, Note, ProjectApi } from './api.js';
import { isFlueActionComment } from '../markers.js';

export async function fetchGitLabContext(api: ProjectApi, trigger: Trigger): Promise<TriggerContextExtras> {
  const iid = trigger.number;
  if (iid === undefined) return {};
  const notes = await api.listNotes({ iid, isMergeRequest: trigger.isPullRequest });
  const context: TriggerContextExtras = { comments: recentNotes(notes, trigger.comment?.id) };
  if (trigger.isPullRequest) Object.assign(context, changedFiles(await api.listDiffs(iid)));
  return context;
}

/**
 * The newest notes, oldest first, within LIMITS.contextComments and LIMITS.contextCommentsChars. Left
 * out: GitLab's system notes ("added 1 commit"), internal notes (the answer is a public note, which
 * could quote them), the triggering note (the prompt shows it on its own) and the action's own notes (its
 * earlier answers would read as instructions from the thread).
 */
export function recentNotes(all: readonly Note[], triggeringId: number | undefined): ThreadComment[] {
  const kept: ThreadComment[] = [];
  let chars = 0;
  for (let index = all.length - 1; index >= 0 && kept.length < LIMITS.contextComments; index -= 1) {
    const note = all[index] as Note;
    if (note.system || note.internal === true || note.confidential === true) continue;
    if (note.id === triggeringId || isFlueActionComment(note.body)) continue;
    const body = capText(note.body ?? '', LIMITS.contextCommentsChars);
    // The newest note is always kept, cut if it must be: it is what the thread is about now.
    if (kept.length > 0 && chars + body.length > LIMITS.contextCommentsChars) break;
    chars += body.length;
    kept.unshift({ author: note.author?.username ?? 'ghost', body, createdAt: note.created_at });
  }
  return kept;
}

/** At most LIMITS.contextFiles files; diffs until LIMITS.contextPatchesChars, then the list alone. */
export function changedFiles(all: readonly MergeRequestDiff[]): Pick<TriggerContextExtras, 'files' | 'filesCap'> {
  const shown = all.slice(0, LIMITS.contextFiles);
  let budget = LIMITS.contextPatchesChars;
  const files = shown.map((file): ChangedFile => {
    const { additions, deletions } = countLines(file.diff);
    const entry: ChangedFile = { path: file.new_path, status: status(file), additions, deletions };
    if (file.diff) {
      const patch = capText(file.diff, LIMITS.contextPatchChars);
      if (patch.length <= budget) {
        entry.patch = patch;
        budget -= patch.length;
      }
    }
    return entry;
  });
  return shown.length < all.length ? { files, filesCap: { shown: shown.length, total: all.length } } : { files };
}

/** GitHub's words for what happened to a file, so the prompt reads the same on both platforms. */
function status(file: MergeRequestDiff): string {
  if (file.new_file) return 'added';
  if (file.deleted_file) return 'removed';
  if (file.renamed_file) return 'renamed';
  return 'modified';
}

/** GitLab's diff entries carry no counts: they are the diff's `+` and `-` lines. */
function countLines(diff: string): { additions: number; deletions: number } {
  let additions = 0;
  let deletions = 0;
  for (const line of diff.split('\n')) {
    if (line.startsWith('+')) additions += 1;
    else if (line.startsWith('-')) deletions += 1;
  }
  return { additions, deletions };
}
