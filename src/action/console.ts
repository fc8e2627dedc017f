/**
 * The job log of a run: the CLI's progress lines, folded into one `::group::` per turn so a long run
 * reads as a list of turns, with publishing and the end status outside any group.
 */
import { Writable } from 'node:stream';
import { createProgressPrinter } from '../report/index.js';
import { terminalSafe } from '../report/terminal.js';
import type { SessionEvent } from '../session-log/events.js';

export interface ActionsConsole {
  /** Where text goes (process.stdout in the action). */
  write(text: string): void;
}

/** A SessionLog listener writing grouped progress lines to `out`. */
export function createActionsProgress(out: ActionsConsole): (event: SessionEvent) => void {
  let grouped = false;
  const lines = new Writable({
    // Called synchronously for each write, so lines and group markers keep their order.
    write(chunk: Buffer | string, _encoding, done) {
      out.write(neutralizeCommands(chunk.toString()));
      done();
    },
  });
  const printer = createProgressPrinter(lines);
  const endGroup = () => {
    if (grouped) out.write('::endgroup::\n');
    grouped = false;
  };
  return (event) => {
    // A subagent's turns stay inside the turn of the `task` call that started them.
    if (event.type === 'model_request' && event.agent === undefined) {
      endGroup();
      out.write(`::group::turn ${event.turn}\n`);
      grouped = true;
    }
    if (event.type === 'output_applied' || event.type === 'output_rejected' || event.type === 'end') endGroup();
    printer(event);
  };
}

/**
 * Text from the run (an issue title, a command, a tool's output) printed so that no line of it can
 * be read as a workflow command (a line starting with `::` gets a zero-width space between the
 * colons) and no terminal escape reaches whoever reads the raw log in a terminal (`terminalSafe`).
 */
export function neutralizeCommands(text: string): string {
  // `[^\S\n]*`, not `\s*`: a run of blank lines would be scanned again from each line start (quadratic).
  return terminalSafe(text).replace(/^([^\S\n]*):(?=:)/gm, '$1:\u200b');
}
