/**
 * Rebuilds the top-level agent's conversation from an interrupted run's session log, so that
 * `flue-action run --resume` sends the model the history it would have sent, without repeating what
 * completed. The log's `model_request` events each hold the messages new since the previous request,
 * so their concatenation is the history as last sent; a `model_response` after the last request is the
 * turn whose handling was cut off: the calls of it that logged a result are answered from the log, the
 * others run again. A subagent cut off mid-way is not rebuilt: the parent's `task` call had no result,
 * so it runs again and the subagent starts over (its proposals are dropped: src/session-log/resume.ts).
 */
import type Anthropic from '@anthropic-ai/sdk';
import type { SessionEvent, SessionEventOf } from '../session-log/events.js';

/** Where a resumed loop starts (LoopOptions.resume). */
export interface LoopResume {
  /** The history as of the last request sent. */
  messages: Anthropic.MessageParam[];
  /** Requests this conversation already sent and had answered: the next is `turn + 1`. */
  turn: number;
  /** The last response, when it came back but its tool calls did not all finish. */
  pending?: Anthropic.Message;
  /** Results of the pending response's calls that finished, by tool_use id, as the model gets them. */
  done: ReadonlyMap<string, Anthropic.ToolResultBlockParam>;
  /** The pending response's calls that had no result: they run again. */
  rerun: string[];
}

export function conversationFromLog(events: readonly SessionEvent[]): LoopResume {
  const top = events.filter((event) => event.agent === undefined);
  const messages: Anthropic.MessageParam[] = [];
  let lastRequest: SessionEventOf<'model_request'> | undefined;
  let response: SessionEventOf<'model_response'> | undefined;
  for (const event of top) {
    if (event.type === 'model_request') {
      messages.push(...(event.messages as Anthropic.MessageParam[]));
      lastRequest = event;
      response = undefined;
    }
    if (event.type === 'model_response' && lastRequest !== undefined && event.turn === lastRequest.turn) response = event;
  }
  const turn = lastRequest?.turn ?? 1;
  if (response === undefined) return { messages, turn: turn - 1, done: new Map(), rerun: [] };

  const pending = toMessage(response);
  const calls = pending.content.filter((block): block is Anthropic.ToolUseBlock => block.type === 'tool_use');
  const ids = new Set(calls.map((call) => call.id));
  const done = new Map<string, Anthropic.ToolResultBlockParam>();
  for (const event of top) {
    if (event.type !== 'tool_result' || event.turn !== turn || !ids.has(event.id)) continue;
    // As src/harness/tool-calls.ts answered it; the log keeps more of a result than the model sees.
    const block: Anthropic.ToolResultBlockParam = {
      type: 'tool_result',
      tool_use_id: event.id,
      content: event.content === '' ? '(no output)' : event.content,
    };
    if (event.isError) block.is_error = true;
    done.set(event.id, block);
  }
  const rerun = calls.map((call) => call.id).filter((id) => !done.has(id));
  return { messages, turn, pending, done, rerun };
}

/**
 * The logged response as the loop reads a response: its content blocks and stop reason. The loop reads
 * nothing else of it (usage was counted when it came: the Budget starts from the log's totals).
 */
function toMessage(event: SessionEventOf<'model_response'>): Anthropic.Message {
  return {
    content: event.content as Anthropic.ContentBlock[],
    stop_reason: event.stopReason as Anthropic.StopReason | null,
  } as Anthropic.Message;
}
