import * as v from 'valibot';
import { LIMITS } from '../limits.js';
import type { Sandbox } from '../sandbox/index.js';
import { keepEnd } from '../text/index.js';
import { defineRunnerTool } from './define.js';
import type { ToolDefinition } from './types.js';

const DEFAULT_SECONDS = LIMITS.bashTimeoutMs / 1000;
const MAX_SECONDS = LIMITS.bashMaxTimeoutMs / 1000;

/**
 * `commands` are the agent's real programs: named in the description only when there are any (and the
 * sandbox runs them: never untrusted), so the model calls them as the entries allow instead of learning
 * the grammar from refusals, and an agent without them pays no byte for it.
 */
export function bashTool(sandbox: Sandbox, commands: readonly string[] = []): ToolDefinition {
  const real =
    sandbox.profile === 'trusted' && commands.length > 0
      ? ` Real programs, exact argument lists only ({arg}: one operand, {args}: any, never an option): ${commands.join('; ')}.`
      : '';
  return defineRunnerTool({
    name: 'bash',
    description: `Run a bash script in the workspace (a sandboxed shell: common Unix tools, no network unless allowed). timeout in seconds, default ${DEFAULT_SECONDS}, max ${MAX_SECONDS}.${real}`,
    input: v.object({
      command: v.pipe(v.string(), v.minLength(1)),
      timeout: v.optional(v.pipe(v.number(), v.minValue(1), v.maxValue(MAX_SECONDS))),
    }),
    access: () => ({ write: true, paths: 'all' }),
    async run({ command, timeout }, context) {
      const seconds = timeout ?? DEFAULT_SECONDS;
      const result = await sandbox.exec(command, { signal: context.signal, timeoutMs: seconds * 1000 });
      // The run was cancelled or ran out of time: let the harness stop instead of reading on.
      context.signal.throwIfAborted();
      const parts = [result.stdout, result.stderr].filter((part) => part !== '');
      const output = parts.map((part) => (part.endsWith('\n') ? part : `${part}\n`)).join('');
      const status = result.timedOut
        ? `[timed out after ${seconds}s; pass a larger timeout (max ${MAX_SECONDS}) or run less at once]`
        : `[exit code ${result.exitCode}]`;
      // The conclusion (errors, exit status) comes last: the start is what is cut.
      const content = keepEnd(
        `${output}${status}`,
        LIMITS.toolOutputChars,
        (omitted, kept) => `[truncated: the first ${omitted} of ${omitted + kept} characters were cut; showing the last ${kept}]\n`,
      );
      return result.timedOut ? { content, isError: true } : { content };
    },
  });
}
