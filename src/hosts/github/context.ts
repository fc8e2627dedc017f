/**
 * What the model reads beyond the event payload: the thread's recent comments and, for a pull
 * request, its changed files with patches. Everything is capped here, before it reaches the prompt
 * or the session log, and a cap on the file list is passed on so the model is told.
 */
import { LIMITS } from '../../limits.js';
import type { ChangedFile, ThreadComment, TriggerContextExtras } from '../../trigger/prompt.js';
import { capText } from '../../trigger/text.js';
import type { Trigger } from '../../trigger/types.js';
import type { IssueComment, PullFile, RepoApi } from './api.js';
import { isFlueActionComment } from '../markers.js';

export async function fetchGitHubContext(api: RepoApi, trigger: Trigger): Promise<TriggerContextExtras> {
  const { number } = trigger;
  if (number === undefined) return {};
  const context: TriggerContextExtras = {
    comments: recentComments(await api.listComments(number, trigger.isPullRequest), trigger.comment?.id),
  };
  if (trigger.isPullRequest) Object.assign(context, changedFiles(await api.listPullFiles(number)));
  return context;
}

/**
 * The newest comments, oldest first, within LIMITS.contextComments and LIMITS.contextCommentsChars.
 * Left out: the triggering comment (the prompt shows it on its own) and the action's own comments
 * (its earlier answers and progress lines would read as instructions from the thread).
 */
export function recentComments(all: readonly IssueComment[], triggeringId: number | undefined): ThreadComment[] {
  const kept: ThreadComment[] = [];
  let chars = 0;
  for (let index = all.length - 1; index >= 0 && kept.length < LIMITS.contextComments; index -= 1) {
    const comment = all[index] as IssueComment;
    if (comment.id === triggeringId || isFlueActionComment(comment.body)) continue;
    const body = capText(comment.body ?? '', LIMITS.contextCommentsChars);
    // The newest comment is always kept, cut if it must be: it is what the thread is about now.
    if (kept.length > 0 && chars + body.length > LIMITS.contextCommentsChars) break;
    chars += body.length;
    kept.unshift({ author: comment.user?.login ?? 'ghost', body, createdAt: comment.created_at });
  }
  return kept;
}

/** At most LIMITS.contextFiles files; patches until LIMITS.contextPatchesChars, then the list alone. */
export function changedFiles(all: readonly PullFile[]): Pick<TriggerContextExtras, 'files' | 'filesCap'> {
  const shown = all.slice(0, LIMITS.contextFiles);
  let budget = LIMITS.contextPatchesChars;
  const files = shown.map((file): ChangedFile => {
    const entry: ChangedFile = { path: file.filename, status: file.status, additions: file.additions, deletions: file.deletions };
    if (file.patch) {
      const patch = capText(file.patch, LIMITS.contextPatchChars);
      if (patch.length <= budget) {
        entry.patch = patch;
        budget -= patch.length;
      }
    }
    return entry;
  });
  return shown.length < all.length ? { files, filesCap: { shown: shown.length, total: all.length } } : { files };
}
