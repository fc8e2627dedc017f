import type { PlatformRules } from '../../src/publish/index.js';
import { FlueError } from '../../src/errors.js';
import type { AppliedOutput, Host, OutputKey } from '../../src/hosts/host.js';
import type { SessionEventInput, SessionRecorder } from '../../src/session-log/events.js';
import type { ProposedOutput } from '../../src/tools/types.js';
import type { Trigger } from '../../src/trigger/types.js';

/** A host that records every call in order, answers with a URL, and fails the kinds it is told to. */
export class RecordingHost implements Host {
  readonly name = 'github' as const;
  readonly calls: Array<{ output: ProposedOutput; number: number | undefined; key?: OutputKey }> = [];

  constructor(private readonly failing: ReadonlySet<string> = new Set()) {}

  readonly sanitizeRules: PlatformRules = {};

  async applyOutput(output: ProposedOutput, trigger: Trigger, key?: OutputKey): Promise<AppliedOutput> {
    this.calls.push({ output, number: trigger.number, ...(key === undefined ? {} : { key }) });
    if (this.failing.has(output.kind)) {
      throw new FlueError(`GitHub ${output.kind} on acme/widgets#${trigger.number} failed: 422 Validation Failed`);
    }
    return { url: `https://github.com/acme/widgets/issues/${trigger.number}#${output.kind}-${this.calls.length}` };
  }
}

export class EventList implements SessionRecorder {
  readonly events: SessionEventInput[] = [];
  record(event: SessionEventInput): void {
    this.events.push(event);
  }
}
