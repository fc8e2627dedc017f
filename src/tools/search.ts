import * as v from 'valibot';
import picomatch from 'picomatch';
import { LIMITS } from '../limits.js';
import type { Sandbox } from '../sandbox/index.js';
import { defineRunnerTool, pathInput, toolError } from './define.js';
import { onFile } from './file-errors.js';
import { keepHead, looksBinary } from './truncate.js';
import type { ToolDefinition } from './types.js';
import { walkFiles, workspaceRelative } from './walk.js';

export function grepTool(sandbox: Sandbox): ToolDefinition {
  return defineRunnerTool({
    name: 'grep',
    description: `Search file contents with a JavaScript regex (or literal text). include: file glob like *.ts. Skips .git, node_modules, binary files. Output: file:line: text, at most ${LIMITS.grepMatches} matches.`,
    input: v.object({
      pattern: v.pipe(v.string(), v.minLength(1)),
      path: v.optional(pathInput),
      include: v.optional(v.pipe(v.string(), v.minLength(1))),
      literal: v.optional(v.boolean()),
    }),
    async run({ pattern, path = '.', include, literal }, context) {
      let regex: RegExp;
      try {
        regex = new RegExp(literal ? pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : pattern);
      } catch (error) {
        return toolError(`${(error as Error).message}. Fix the pattern, or set literal: true to search for the text as is.`);
      }
      const root = sandbox.resolve(path);
      const rootStat = await onFile(path, () => sandbox.fs.stat(root));
      const included = include ? picomatch(include, { dot: true, basename: !include.includes('/') }) : () => true;
      const files = rootStat.isDirectory ? walkFiles(sandbox, root, context.signal) : single(root);
      const matches: string[] = [];
      const skipped: string[] = [];
      scan: for await (const file of files) {
        const shown = workspaceRelative(sandbox, file);
        if (rootStat.isDirectory && !included(file.slice(root.length + 1))) continue;
        const bytes = await readSearchable(sandbox, file);
        if (bytes === 'too large') skipped.push(shown);
        if (typeof bytes === 'string') continue;
        const lines = Buffer.from(bytes).toString('utf8').split('\n');
        for (const [index, line] of lines.entries()) {
          if (!regex.test(line)) continue;
          if (matches.length === LIMITS.grepMatches) {
            matches.push(`[truncated: showing the first ${LIMITS.grepMatches} matches; narrow the pattern, path or include]`);
            break scan;
          }
          matches.push(`${shown}:${index + 1}: ${cutLine(line)}`);
        }
      }
      if (skipped.length > 0) {
        const names = skipped.slice(0, 5).join(', ') + (skipped.length > 5 ? ', ...' : '');
        matches.push(`[skipped ${skipped.length} files over ${LIMITS.grepFileBytes} bytes: ${names}]`);
      }
      if (matches.length === 0) return 'No matches.';
      return keepHead(matches.join('\n'), LIMITS.toolOutputChars, 'narrow the pattern, path or include');
    },
  });
}

export function globTool(sandbox: Sandbox): ToolDefinition {
  return defineRunnerTool({
    name: 'glob',
    description: `Find files by glob pattern (picomatch, e.g. src/**/*.ts), relative to path. Sorted; skips .git and node_modules; at most ${LIMITS.globResults} paths.`,
    input: v.object({ pattern: v.pipe(v.string(), v.minLength(1)), path: v.optional(pathInput) }),
    async run({ pattern, path = '.' }, context) {
      const root = sandbox.resolve(path);
      const rootStat = await onFile(path, () => sandbox.fs.stat(root));
      if (!rootStat.isDirectory) return toolError(`${path} is not a directory; glob searches inside a directory`);
      // Paths are matched relative to the root without a leading `./`, so a pattern written with one still matches.
      const matches = picomatch(pattern.replace(/^(\.\/)+/, ''), { dot: true });
      const found: string[] = [];
      for await (const file of walkFiles(sandbox, root, context.signal)) {
        if (matches(file.slice(root.length + 1))) found.push(workspaceRelative(sandbox, file));
      }
      if (found.length === 0) return 'No files matched.';
      found.sort();
      if (found.length <= LIMITS.globResults) return found.join('\n');
      return [
        ...found.slice(0, LIMITS.globResults),
        `[truncated: showing ${LIMITS.globResults} of ${found.length} paths; narrow the pattern or path]`,
      ].join('\n');
    },
  });
}

async function* single(file: string): AsyncGenerator<string> {
  yield file;
}

/** The file's bytes, or why grep passes over it. */
async function readSearchable(sandbox: Sandbox, file: string): Promise<Uint8Array | 'too large' | 'skip'> {
  try {
    if ((await sandbox.fs.stat(file)).size > LIMITS.grepFileBytes) return 'too large';
    const bytes = await sandbox.fs.readFileBuffer(file);
    return looksBinary(bytes) ? 'skip' : bytes;
  } catch {
    return 'skip'; // unreadable (refused by the sandbox, or gone): nothing to search
  }
}

const cutLine = (line: string): string =>
  line.length > LIMITS.grepLineChars ? `${line.slice(0, LIMITS.grepLineChars)} [line truncated]` : line;
