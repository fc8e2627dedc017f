import type Anthropic from '@anthropic-ai/sdk';
import type { ModelRequest } from './model.js';

const EPHEMERAL = { type: 'ephemeral' } as const;

/**
 * The Messages API parameters for a request, with prompt-cache breakpoints on the stable prefix:
 * the last tool (tools come first in the cache order), the last system block, and the last block of
 * the last message, so each turn reads the previous turn's history from the cache and only pays for
 * what is new. Three of the four breakpoints the API allows. Copies; never mutates the history.
 */
export function toMessageParams(request: ModelRequest): Anthropic.MessageCreateParamsNonStreaming {
  const params: Anthropic.MessageCreateParamsNonStreaming = {
    model: request.model,
    max_tokens: request.maxTokens,
    system: markLast(request.system),
    messages: markLastMessage(request.messages),
  };
  if (request.tools.length > 0) params.tools = markLast(request.tools);
  return params;
}

/**
 * Bytes of the body the SDK sends for a streaming request (it serializes with JSON.stringify), counted
 * without serializing the whole history each turn: the body with no messages, plus each message's JSON
 * (cached: a message never changes once it is in the history) and the commas between them. The last
 * message is counted as sent, with its cache breakpoint.
 */
export function requestBytes(request: ModelRequest): number {
  const params = toMessageParams(request);
  const messages = params.messages;
  let bytes = jsonBytes({ ...params, messages: [], stream: true }) + Math.max(0, messages.length - 1);
  for (const [index, message] of messages.entries()) {
    bytes += index === messages.length - 1 ? jsonBytes(message) : historyBytes(message);
  }
  return bytes;
}

const messageBytes = new WeakMap<Anthropic.MessageParam, number>();

function historyBytes(message: Anthropic.MessageParam): number {
  let bytes = messageBytes.get(message);
  if (bytes === undefined) messageBytes.set(message, (bytes = jsonBytes(message)));
  return bytes;
}

const jsonBytes = (value: unknown): number => Buffer.byteLength(JSON.stringify(value), 'utf8');

function markLast<T extends object>(items: T[]): T[] {
  if (items.length === 0) return items;
  const copy = items.slice();
  copy[copy.length - 1] = { ...items[items.length - 1]!, cache_control: EPHEMERAL };
  return copy;
}

function markLastMessage(messages: Anthropic.MessageParam[]): Anthropic.MessageParam[] {
  const last = messages.at(-1);
  if (!last) return messages;
  const blocks: Anthropic.ContentBlockParam[] =
    typeof last.content === 'string' ? [{ type: 'text', text: last.content }] : last.content;
  const marked = markLast(blocks as object[]) as Anthropic.ContentBlockParam[];
  return [...messages.slice(0, -1), { ...last, content: marked } as Anthropic.MessageParam];
}
