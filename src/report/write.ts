import { rmSync, writeFileSync } from 'node:fs';
import { errorMessage, rethrowIfFatal } from '../errors.js';

/**
 * Writes a report file beside its session log. Best-effort: the run is over when a report is written,
 * so a full disk here must not change how it ended. Returns undefined when written, else a warning that
 * names the file; a partial file is removed, so nobody mistakes half a report for the whole.
 */
export function writeReportFile(file: string, render: () => string, logFile: string): string | undefined {
  try {
    writeFileSync(file, render());
    return undefined;
  } catch (error) {
    rethrowIfFatal(error);
    rmSync(file, { force: true });
    return `The HTML report ${file} was not written: ${errorMessage(error)}. The session log ${logFile} holds the run.`;
  }
}
