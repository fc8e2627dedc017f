/** What the output files share: the options they take and how an applied note is reported. */
import type { Trigger } from '../../trigger/types.js';
import type { AppliedOutput } from '../host.js';

export const UPDATED = 'An earlier attempt of this pipeline had posted it: updated in place.';

export interface OutputOptions {
  /** Whether an APPROVE review also approves the MR (POST .../approve). */
  approve: boolean;
  warn(message: string): void;
}

/** A note's address: GitLab answers without one, and the thread's own URL plus `#note_<id>` is it. */
export function noteUrl(trigger: Trigger, noteId: number): AppliedOutput {
  return trigger.url ? { url: `${trigger.url}#note_${noteId}` } : {};
}
