/**
 * `flue-action run <agent> --resume <log>`: what the CLI takes from an interrupted run's log instead of
 * from its flags. The event, the task and the log file are the run's own, so the flags that would set
 * them are refused rather than ignored; the model stays the one the run started with unless `--model`
 * says otherwise. Whether the log may be resumed at all is the pipeline's check (src/session-log/resume.ts).
 */
import { resolve } from 'node:path';
import { InputError } from '../errors.js';
import type { ParsedSessionLog } from '../session-log/reader.js';
import { readSessionLog } from '../session-log/reader.js';
import type { Trigger } from '../trigger/types.js';
import type { RunCommand } from './args.js';

export interface ResumedRun {
  log: ParsedSessionLog;
  trigger: Trigger;
  model: string;
  /** The run started with the untrusted profile: it continues with it, whatever the flags say. */
  untrusted: boolean;
  /** Model responses the log holds: a scripted model resumes after them. */
  answeredTurns: number;
  /** Said on stderr before the run: the torn last line the resume removes. */
  notice?: string;
}

/** The flags a resumed run takes from its log, with why each is refused. */
const FROM_THE_LOG: Array<[keyof RunCommand, string, string]> = [
  ['eventFile', '--event', 'the event'],
  ['eventName', '--event-name', 'the event'],
  ['input', '--input', 'the inputs'],
  ['prompt', '--prompt', 'the task'],
  ['logDir', '--log-dir', 'the log file'],
];

export function readResumedRun(command: RunCommand & { resume: string }, cwd: string): ResumedRun {
  for (const [field, flag, what] of FROM_THE_LOG) {
    if (command[field] !== undefined) {
      throw new InputError(`${flag} cannot be combined with --resume: a resumed run keeps ${what} of the run it continues. Drop ${flag}.`);
    }
  }
  const log = readSessionLog(resolve(cwd, command.resume));
  const tornLine = log.truncated ? /^line (\d+)/.exec(log.problems.at(-1) ?? '')?.[1] : undefined;
  return {
    log,
    trigger: log.header.trigger,
    model: log.header.model,
    untrusted: log.header.profile === 'untrusted',
    answeredTurns: log.events.filter((event) => event.type === 'model_response').length,
    ...(tornLine === undefined
      ? {}
      : {
          notice: `${log.path}: line ${tornLine} was cut off mid-write when the run was interrupted; it is removed, and the run resumes from the line before.`,
        }),
  };
}
