import type Anthropic from '@anthropic-ai/sdk';
import { errorMessage, rethrowIfFatal } from '../errors.js';
import { LIMITS } from '../limits.js';
import type { SessionEventInput } from '../session-log/events.js';
import { keepStart } from '../text/index.js';
import type { ToolAccess, ToolDefinition, ToolResult } from '../tools/types.js';

export interface ToolCallScope {
  tools: ReadonlyMap<string, ToolDefinition>;
  signal: AbortSignal;
  turn: number;
  emit(event: SessionEventInput): void;
  /** A tool_use block the response cut off at max_tokens: its input is incomplete, so it is not run. */
  truncatedId?: string;
  /** Calls a resumed turn finished before the interruption (src/harness/resume.ts): their logged results, not run again. */
  done?: ReadonlyMap<string, Anthropic.ToolResultBlockParam>;
}

/**
 * Runs the tool calls of one response at once and returns their results in the order of the calls,
 * as the API requires. A call waits for the calls before it that it conflicts with (one of them writes
 * what the other reads or writes: two edits of one file would each read the original, and the second
 * write would drop the first edit). A throw, an unknown tool or an oversized result becomes an error
 * result the model can read; only an abort (time limit, cancel) propagates.
 */
export async function runToolCalls(calls: Anthropic.ToolUseBlock[], scope: ToolCallScope): Promise<Anthropic.ToolResultBlockParam[]> {
  const earlier: Array<{ access: ToolAccess | undefined; done: Promise<unknown> }> = [];
  return Promise.all(
    calls.map((call) => {
      const access = scope.tools.get(call.name)?.access?.(call.input);
      const before = earlier.filter((other) => conflicts(other.access, access)).map((other) => other.done);
      const done = before.length === 0 ? runOne(call, scope) : Promise.all(before).then(() => runOne(call, scope));
      earlier.push({ access, done });
      return done;
    }),
  );
}

function conflicts(a: ToolAccess | undefined, b: ToolAccess | undefined): boolean {
  if (a === undefined || b === undefined || (!a.write && !b.write)) return false;
  if (a.paths === 'all' || b.paths === 'all') return true;
  const { paths } = b;
  return a.paths.some((file) => paths.includes(file));
}

async function runOne(call: Anthropic.ToolUseBlock, scope: ToolCallScope): Promise<Anthropic.ToolResultBlockParam> {
  const logged = scope.done?.get(call.id);
  if (logged) {
    // finish and give_up only settle the loop's result, which a new process does not hold: run again, unlogged.
    if (RESULT_TOOLS.has(call.name)) await execute(call, scope);
    return logged;
  }
  scope.emit({ type: 'tool_call', turn: scope.turn, id: call.id, name: call.name, input: call.input });
  const started = performance.now();
  const raw = await execute(call, scope);
  const result = capResult(raw);
  scope.emit({
    type: 'tool_result',
    turn: scope.turn,
    id: call.id,
    name: call.name,
    isError: result.isError === true,
    content: result.content,
    durationMs: Math.round(performance.now() - started),
  });
  const block: Anthropic.ToolResultBlockParam = {
    type: 'tool_result',
    tool_use_id: call.id,
    // The API rejects empty text; an empty result still has to say something.
    content: result.content === '' ? '(no output)' : result.content,
  };
  if (result.isError) block.is_error = true;
  return block;
}

async function execute(call: Anthropic.ToolUseBlock, scope: ToolCallScope): Promise<ToolResult> {
  if (call.id === scope.truncatedId) {
    return {
      isError: true,
      content: 'This call was cut off at the output token limit before its input was complete. Send it again, smaller.',
    };
  }
  const tool = scope.tools.get(call.name);
  if (!tool) {
    const names = [...scope.tools.keys()].join(', ');
    return { isError: true, content: `Unknown tool '${call.name}'. Available tools: ${names}.` };
  }
  try {
    return await tool.execute(call.input, { signal: scope.signal, callId: call.id });
  } catch (error) {
    rethrowIfFatal(error, scope.signal);
    const message = errorMessage(error);
    return { isError: true, content: `Tool '${call.name}' failed: ${message}` };
  }
}

/** The tools whose only effect is the loop's own result state (src/harness/result-tools.ts). */
const RESULT_TOOLS = new Set(['finish', 'give_up']);

/** A backstop: tools cap their own output with a precise "read on" hint; this catches the ones that do not. */
export function capResult(result: ToolResult): ToolResult {
  const max = LIMITS.toolOutputChars;
  if (typeof result.content !== 'string') return { isError: true, content: 'Tool returned no text result.' };
  if (result.content.length <= max) return result;
  const note = (omitted: number, kept: number) =>
    `\n[output truncated by the runner: first ${kept} of ${kept + omitted} characters shown; ` +
    'ask for less, e.g. a narrower path, pattern or line range]';
  return { ...result, content: keepStart(result.content, max, note) };
}
