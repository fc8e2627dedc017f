import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { renderHtml, renderTranscript } from '../report/index.js';
import { terminalSafe } from '../report/terminal.js';
import { readSessionLog } from '../session-log/index.js';
import { EXIT } from './exit-codes.js';
import type { CliIo } from './io.js';

export async function viewCommand(command: { log: string; html: boolean; out?: string }, io: CliIo): Promise<number> {
  const log = readSessionLog(resolve(io.cwd, command.log));
  const text = command.html ? renderHtml(log) : renderTranscript(log, { color: io.isTerminal && !command.out });
  if (command.out) {
    writeFileSync(resolve(io.cwd, command.out), text);
    io.stderr.write(`wrote ${command.out}\n`);
  } else {
    // The transcript is painted terminal-safe already; the HTML is not (a browser reads it), and a terminal may print it.
    const shown = command.html ? terminalSafe(text) : text;
    io.stdout.write(shown.endsWith('\n') ? shown : `${shown}\n`);
  }
  return EXIT.succeeded;
}
