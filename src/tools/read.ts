import * as v from 'valibot';
import { LIMITS } from '../limits.js';
import type { Sandbox } from '../sandbox/index.js';
import { keepStart } from '../text/index.js';
import { defineRunnerTool, fileAccess, pathInput, toolError } from './define.js';
import { describeFileError, isDirectoryError } from './file-errors.js';
import { looksBinary } from './truncate.js';
import type { ToolDefinition } from './types.js';

const lineNumber = v.pipe(v.number(), v.integer(), v.minValue(1));

export function readTool(sandbox: Sandbox): ToolDefinition {
  return defineRunnerTool({
    name: 'read',
    description: `Read a text file, line-numbered. Long files: pass offset (first line, 1-based) and limit (default ${LIMITS.readLines}).`,
    input: v.object({ path: pathInput, offset: v.optional(lineNumber), limit: v.optional(lineNumber) }),
    access: fileAccess(sandbox, false),
    async run({ path, offset, limit }) {
      const target = sandbox.resolve(path);
      let bytes: Uint8Array;
      try {
        // One read, no stat first: `read` is most of an agent's tool calls, and a directory says EISDIR here.
        bytes = await sandbox.fs.readFileBuffer(target);
      } catch (error) {
        if (isDirectoryError(error)) return toolError(`${path} is a directory; list it with glob or bash ls`);
        throw new Error(describeFileError(error, path), { cause: error });
      }
      if (looksBinary(bytes)) return toolError(`${path} is a binary file (${bytes.length} bytes); read shows text files only`);
      const lines = splitLines(Buffer.from(bytes).toString('utf8'));
      if (lines.length === 0) return `(${path} is empty)`;
      const first = offset ?? 1;
      if (first > lines.length) {
        return toolError(`offset ${first} is past the end of ${path} (${lines.length} lines)`);
      }
      return numberedLines(lines, first, Math.min(lines.length, first + (limit ?? LIMITS.readLines) - 1));
    },
  });
}

function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

/** `cat -n` style, each line cut at LIMITS.readLineChars, the whole bounded by LIMITS.toolOutputChars. */
function numberedLines(lines: string[], first: number, last: number): string {
  const out: string[] = [];
  let size = 0;
  let shownLast = first - 1;
  for (let number = first; number <= last; number++) {
    const line = lines[number - 1]!;
    const shown = keepStart(line, LIMITS.readLineChars, () => ` [line truncated: ${line.length} characters]`);
    const entry = `${String(number).padStart(6)}\t${shown}`;
    if (size + entry.length + 1 > LIMITS.toolOutputChars && out.length > 0) break;
    out.push(entry);
    size += entry.length + 1;
    shownLast = number;
  }
  if (shownLast < lines.length) {
    out.push(`[truncated: showing lines ${first}-${shownLast} of ${lines.length}; call read with offset=${shownLast + 1} to continue]`);
  }
  return out.join('\n');
}
