import { setImmediate as nextTurn } from 'node:timers/promises';
import * as v from 'valibot';
import { LIMITS } from '../limits.js';
import { compileGlob } from '../patterns/glob.js';
import { compileLinePattern } from '../patterns/regex.js';
import type { Sandbox } from '../sandbox/index.js';
import { keepStart } from '../text/index.js';
import { defineRunnerTool, pathInput, toolError } from './define.js';
import { onFile } from './file-errors.js';
import { looksBinary } from './truncate.js';
import type { ToolDefinition } from './types.js';
import { walkFiles, workspaceRelative } from './walk.js';

/** A grep or glob pattern as the model gives it: bounded, since matching costs its size times the text's. */
const patternInput = v.pipe(v.string(), v.minLength(1), v.maxLength(LIMITS.patternChars));

/** How long grep matches before letting timers and signals run: the run's clock stops it between lines. */
const SLICE_MS = 50;

export function grepTool(sandbox: Sandbox): ToolDefinition {
  return defineRunnerTool({
    name: 'grep',
    description: `Search file contents with an RE2 regex (no lookaround or backreferences; (?i) ignores case) or literal text. include: file glob like *.ts. Skips .git, node_modules, binary files. Output: file:line: text, at most ${LIMITS.grepMatches} matches.`,
    input: v.object({
      pattern: patternInput,
      path: v.optional(pathInput),
      include: v.optional(patternInput),
      literal: v.optional(v.boolean()),
    }),
    access: () => ({ write: false, paths: 'all' }),
    async run({ pattern, path = '.', include, literal }, context) {
      const compiled = compileLinePattern(pattern, { literal });
      if (!compiled.ok) return toolError(compiled.problem);
      const included = include ? compileGlob(include, { basename: true }) : { ok: true as const, value: () => true };
      if (!included.ok) return toolError(`include: ${included.problem}`);
      const regex = compiled.value;
      const root = sandbox.resolve(path);
      const rootStat = await onFile(path, () => sandbox.fs.stat(root));
      const files = rootStat.isDirectory ? walkFiles(sandbox, root, context.signal) : single(root);
      const matches: string[] = [];
      const skipped: string[] = [];
      const tooLong: string[] = [];
      let sliceStart = Date.now();
      scan: for await (const file of files) {
        const shown = workspaceRelative(sandbox, file);
        if (rootStat.isDirectory && !included.value(file.slice(root.length + 1))) continue;
        const bytes = await readSearchable(sandbox, file);
        if (bytes === 'too large') skipped.push(shown);
        if (typeof bytes === 'string') continue;
        const lines = Buffer.from(bytes).toString('utf8').split('\n');
        for (const [index, line] of lines.entries()) {
          if (Date.now() - sliceStart > SLICE_MS) {
            await nextTurn();
            context.signal.throwIfAborted();
            sliceStart = Date.now();
          }
          if (line.length * regex.cost > LIMITS.grepLineWork) {
            tooLong.push(`${shown}:${index + 1}`);
            continue;
          }
          if (!regex.test(line)) continue;
          if (matches.length === LIMITS.grepMatches) {
            matches.push(`[truncated: showing the first ${LIMITS.grepMatches} matches; narrow the pattern, path or include]`);
            break scan;
          }
          matches.push(`${shown}:${index + 1}: ${cutLine(line)}`);
        }
      }
      if (skipped.length > 0) {
        matches.push(`[skipped ${skipped.length} files over ${LIMITS.grepFileBytes} bytes: ${firstFew(skipped)}]`);
      }
      if (tooLong.length > 0) {
        const where = firstFew(tooLong);
        matches.push(
          `[skipped ${tooLong.length} lines too long to search with a pattern this complex: ${where}; simplify the pattern or use literal: true]`,
        );
      }
      if (matches.length === 0) return 'No matches.';
      return keepStart(
        matches.join('\n'),
        LIMITS.toolOutputChars,
        (omitted, kept) => `\n[truncated: showing the first ${kept} of ${kept + omitted} characters; narrow the pattern, path or include]`,
      );
    },
  });
}

export function globTool(sandbox: Sandbox): ToolDefinition {
  return defineRunnerTool({
    name: 'glob',
    description: `Find files by glob pattern (* ? ** [a-z] {a,b}; e.g. src/**/*.ts), relative to path. Sorted; skips .git and node_modules; at most ${LIMITS.globResults} paths.`,
    input: v.object({ pattern: patternInput, path: v.optional(pathInput) }),
    access: () => ({ write: false, paths: 'all' }),
    async run({ pattern, path = '.' }, context) {
      const matches = compileGlob(pattern);
      if (!matches.ok) return toolError(matches.problem);
      const root = sandbox.resolve(path);
      const rootStat = await onFile(path, () => sandbox.fs.stat(root));
      if (!rootStat.isDirectory) return toolError(`${path} is not a directory; glob searches inside a directory`);
      const found: string[] = [];
      for await (const file of walkFiles(sandbox, root, context.signal)) {
        if (matches.value(file.slice(root.length + 1))) found.push(workspaceRelative(sandbox, file));
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

const firstFew = (items: string[]): string => items.slice(0, 5).join(', ') + (items.length > 5 ? ', ...' : '');

const cutLine = (line: string): string => keepStart(line, LIMITS.grepLineChars, () => ' [line truncated]');
