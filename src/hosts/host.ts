import type { ProposedOutput } from '../tools/types.js';
import type { Trigger } from '../trigger/types.js';

/** Where an applied output landed (a comment URL, say); empty when the host has no address for it. */
export interface AppliedOutput {
  url?: string;
}

/**
 * Everything that differs between GitHub, GitLab and a local run. No stage above the hosts asks which
 * platform it is on; it calls these.
 */
export interface Host {
  readonly name: 'github' | 'gitlab' | 'local';
  /** Applies one output that already passed policy and sanitizing. Throws a FlueError naming the API call on failure. */
  applyOutput(output: ProposedOutput, trigger: Trigger): Promise<AppliedOutput>;
}
