/**
 * The checks every CI front end makes on an interrupted attempt's log before handing it to the CI stage
 * as `resumeFrom` (the action's re-run, a GitLab job's retry): a log that finished has nothing to continue,
 * and a log about another event (another repository, event or issue/merge request) is not this run's. The
 * log is untrusted input, read from an artifact: the stage checks the rest (agent, definitions, profile,
 * applied outputs: ./stage.ts).
 */
import type { ParsedSessionLog } from '../session-log/reader.js';
import type { Trigger } from '../trigger/types.js';

/** Why `log` (of `which`: "attempt 1", "job 901") is not continued, or undefined when it may be. */
export function previousLogRefusal(
  log: ParsedSessionLog,
  trigger: Trigger,
  which: string,
): { message: string; level: 'notice' | 'warning' } | undefined {
  const end = log.events.find((event) => event.type === 'end');
  if (end)
    return {
      message: `${which} finished (its log ends with status '${(end as { status?: string }).status}'), so there is nothing to continue.`,
      level: 'notice',
    };
  const mismatch = differentEvent(log.header.trigger, trigger);
  if (mismatch === undefined) return undefined;
  return { message: `the session log of ${which} is about ${mismatch}, so it is not continued.`, level: 'warning' };
}

/** What differs between the event a log says it ran on and this attempt's, in words; undefined when they match. */
function differentEvent(logged: Trigger, real: Trigger): string | undefined {
  const repository = (trigger: Trigger) => `${trigger.repository?.owner}/${trigger.repository?.name}`.toLowerCase();
  const thread = (trigger: Trigger) => trigger.number ?? trigger.discussion?.number;
  const parts: Array<[string, unknown, unknown]> = [
    ['repository', repository(logged), repository(real)],
    ['event', logged.eventName, real.eventName],
    ['number', thread(logged), thread(real)],
  ];
  const differing = parts.filter(([, a, b]) => a !== b);
  if (differing.length === 0) return undefined;
  return differing.map(([what, a, b]) => `${what} ${JSON.stringify(a) ?? 'none'}, not this run's ${JSON.stringify(b) ?? 'none'}`).join(', ');
}
