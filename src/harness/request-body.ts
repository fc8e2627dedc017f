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
 * without serializing the whole history each turn: the body with no messages (once a run), plus each message's JSON
 * (cached: a message never changes once it is in the history) and the commas between them. The last
 * message is counted as sent, with its cache breakpoint.
 */
export function requestBytes(request: ModelRequest): number {
  const messages = markLastMessage(request.messages);
  let bytes = prefixBytes(request) + Math.max(0, messages.length - 1);
  for (const [index, message] of messages.entries()) {
    bytes += index === messages.length - 1 ? jsonBytes(message) : historyBytes(message);
  }
  return bytes;
}

interface Prefix {
  source: Pick<ModelRequest, 'model' | 'maxTokens' | 'system' | 'tools'>;
  bytes: number;
}
const prefixes = new WeakMap<ModelRequest, Prefix>();

/** Bytes of the body without its messages: serialized once per run, while model, system and tools stay the same. */
function prefixBytes(request: ModelRequest): number {
  const known = prefixes.get(request);
  const { model, maxTokens, system, tools } = request;
  if (known && known.source.model === model && known.source.maxTokens === maxTokens && known.source.system === system && known.source.tools === tools) {
    return known.bytes;
  }
  const bytes = jsonBytes({ ...toMessageParams({ ...request, messages: [] }), stream: true });
  prefixes.set(request, { source: { model, maxTokens, system, tools }, bytes });
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
  const blocks: Anthropic.ContentBlockParam[] = typeof last.content === 'string' ? [{ type: 'text', text: last.content }] : last.content;
  const marked = markLast(blocks as object[]) as Anthropic.ContentBlockParam[];
  return [...messages.slice(0, -1), { ...last, content: marked } as Anthropic.MessageParam];
}
