import * as v from 'valibot';
import { LIMITS } from '../limits.js';
import type { Sandbox } from '../sandbox/index.js';
import { defineRunnerTool, fileAccess, pathInput, toolError } from './define.js';
import { onFile } from './file-errors.js';
import { looksBinary } from './truncate.js';
import type { ToolDefinition, ToolResult } from './types.js';

export function writeTool(sandbox: Sandbox): ToolDefinition {
  return defineRunnerTool({
    name: 'write',
    description: 'Create or overwrite a file with content. Parent directories are created.',
    input: v.object({ path: pathInput, content: v.string() }),
    access: fileAccess(sandbox, true),
    async run({ path, content }) {
      const target = sandbox.resolve(path);
      const tooLarge = sizeError(path, content);
      if (tooLarge) return tooLarge;
      const existed = await sandbox.fs.exists(target);
      await onFile(path, () => sandbox.fs.writeFile(target, content));
      const lines = content === '' ? 0 : content.split('\n').length - (content.endsWith('\n') ? 1 : 0);
      return `${existed ? 'Overwrote' : 'Created'} ${path} (${lines} lines)`;
    },
  });
}

export function editTool(sandbox: Sandbox): ToolDefinition {
  return defineRunnerTool({
    name: 'edit',
    description: 'Replace oldText with newText in a file. oldText must match exactly and once, unless replaceAll.',
    input: v.object({
      path: pathInput,
      oldText: v.pipe(v.string(), v.minLength(1)),
      newText: v.string(),
      replaceAll: v.optional(v.boolean()),
    }),
    access: fileAccess(sandbox, true),
    async run({ path, oldText, newText, replaceAll }) {
      if (oldText === newText) return toolError('oldText and newText are identical; there is nothing to change');
      const target = sandbox.resolve(path);
      const bytes = await onFile(path, () => sandbox.fs.readFileBuffer(target));
      if (looksBinary(bytes)) return toolError(`${path} is a binary file; edit changes text files only`);
      const text = Buffer.from(bytes).toString('utf8');
      const parts = text.split(oldText);
      const matches = parts.length - 1;
      if (matches === 0) {
        return toolError(
          `oldText was not found in ${path}. It must match the file exactly, including whitespace and indentation; read the file and copy the text.`,
        );
      }
      if (matches > 1 && !replaceAll) {
        return toolError(
          `oldText matches ${matches} times in ${path}; include more surrounding lines to make it unique, or set replaceAll: true to replace every match.`,
        );
      }
      const updated = parts.join(newText);
      const tooLarge = sizeError(path, updated);
      if (tooLarge) return tooLarge;
      await onFile(path, () => sandbox.fs.writeFile(target, updated));
      const line = parts[0]!.split('\n').length;
      return matches === 1 ? `Edited ${path} at line ${line}` : `Replaced ${matches} matches in ${path} (first at line ${line})`;
    },
  });
}

function sizeError(path: string, content: string): ToolResult | undefined {
  const bytes = Buffer.byteLength(content);
  if (bytes <= LIMITS.writeBytes) return undefined;
  return toolError(`${path} would be ${bytes} bytes; write and edit keep files under ${LIMITS.writeBytes} bytes`);
}
