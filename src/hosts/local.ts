import type { ProposedOutput } from '../tools/types.js';
import type { Trigger } from '../trigger/types.js';
import type { AppliedOutput, Host } from './host.js';

/**
 * The host of a run on a developer's machine (`flue-action run`). A local run has nowhere to post:
 * `applyOutput` sends nothing anywhere and returns no address. The outputs are not lost: the
 * publish stage records each one in the session log, and the CLI prints them (the comment body, the
 * labels, the review) from the publish report, so a run without `--dry-run` shows exactly what it
 * would have posted in CI.
 */
export class LocalHost implements Host {
  readonly name = 'local' as const;

  /** What every platform needs (mentions, secrets, hidden text): the run shows the body a CI host would post, less its platform's extras. */
  readonly sanitizeRules = {};

  async applyOutput(_output: ProposedOutput, _trigger: Trigger): Promise<AppliedOutput> {
    return {};
  }
}
