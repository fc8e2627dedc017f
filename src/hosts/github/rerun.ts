/**
 * What an earlier attempt of the same workflow run applied, found before applying again: a re-run
 * (GITHUB_RUN_ATTEMPT 2 and on) proposes its outputs anew, and each must update what the first
 * attempt posted rather than post it twice.
 *
 * A marker is only text: anyone who can comment can write one, with any key. So a comment or review
 * counts only when the runner's own login wrote it; a stranger's forged marker is ignored, and the
 * runner neither edits their comment nor skips its own.
 */

export interface EarlierAttempt {
  /** The output's own marker (`outputMarker`); undefined when the caller gave no key. */
  marker: string | undefined;
  /** False on a run's first attempt: nothing of this run exists yet, so nothing is looked up. */
  rerun: boolean;
  /** True when `login` is the account the runner's token writes as. */
  isSelf(login: string | undefined): Promise<boolean>;
}

interface Written {
  body?: string | null;
  /** REST names the writer `user`, GraphQL `author`. */
  user?: { login: string } | null;
  author?: { login: string } | null;
}

/** The runner's own comment or review carrying `attempt.marker`; undefined on a first attempt or without a key. */
export async function findOwn<T extends Written>(attempt: EarlierAttempt, list: () => Promise<T[]>): Promise<T | undefined> {
  const { marker } = attempt;
  if (!attempt.rerun || marker === undefined) return undefined;
  for (const item of await list()) {
    if (item.body?.includes(marker) && (await attempt.isSelf((item.user ?? item.author)?.login))) return item;
  }
  return undefined;
}

/** The labels of `wanted` the thread has (`present`) or lacks, compared as GitHub does: without case. */
export function splitLabels(wanted: readonly string[], current: readonly string[]): { present: string[]; missing: string[] } {
  const have = new Set(current.map((label) => label.toLowerCase()));
  return {
    present: wanted.filter((label) => have.has(label.toLowerCase())),
    missing: wanted.filter((label) => !have.has(label.toLowerCase())),
  };
}
