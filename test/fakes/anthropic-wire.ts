/**
 * What the fake Messages API puts on the wire: a whole Message as JSON, or the same message as the
 * SSE event sequence the real API streams (and the SDK's MessageStream accumulates):
 * message_start, ping, per block content_block_start / *_delta / content_block_stop, message_delta
 * (stop_reason and cumulative usage), message_stop.
 */

export type FakeBlock = { type: 'text'; text: string } | { type: 'tool_use'; id?: string; name: string; input: unknown };

/** Anthropic's usage fields; absent ones default to 100 input, 10 output, 0 cache. */
export interface FakeUsage {
  input_tokens?: number;
  output_tokens?: number;
  cache_creation_input_tokens?: number;
  cache_read_input_tokens?: number;
}

export interface WireMessage {
  id: string;
  type: 'message';
  role: 'assistant';
  model: string;
  content: Array<Record<string, unknown>>;
  stop_reason: string;
  stop_sequence: null;
  usage: Required<FakeUsage> & { service_tier: 'standard' };
}

export function buildMessage(
  id: string,
  model: string,
  content: FakeBlock[],
  stopReason: string | undefined,
  usage: FakeUsage | undefined,
  nextToolId: () => string,
): WireMessage {
  const blocks = content.map((block) =>
    block.type === 'text'
      ? { type: 'text', text: block.text }
      : { type: 'tool_use', id: block.id ?? nextToolId(), name: block.name, input: block.input },
  );
  return {
    id,
    type: 'message',
    role: 'assistant',
    model,
    content: blocks,
    stop_reason: stopReason ?? (blocks.some((b) => b.type === 'tool_use') ? 'tool_use' : 'end_turn'),
    stop_sequence: null,
    usage: {
      input_tokens: usage?.input_tokens ?? 100,
      output_tokens: usage?.output_tokens ?? 10,
      cache_creation_input_tokens: usage?.cache_creation_input_tokens ?? 0,
      cache_read_input_tokens: usage?.cache_read_input_tokens ?? 0,
      service_tier: 'standard',
    },
  };
}

export function sse(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

/** The opening events; a "mid-stream" hang sends these and then nothing. */
export function streamStart(message: WireMessage): string[] {
  const start = { ...message, content: [], stop_reason: null, usage: { ...message.usage, output_tokens: 1 } };
  return [sse('message_start', { type: 'message_start', message: start }), sse('ping', { type: 'ping' })];
}

/** Every event of a streamed message, text and tool input split into several deltas like the real API. */
export function streamEvents(message: WireMessage): string[] {
  const events = streamStart(message);
  message.content.forEach((block, index) => {
    if (block['type'] === 'text') {
      events.push(sse('content_block_start', { type: 'content_block_start', index, content_block: { type: 'text', text: '' } }));
      for (const piece of split(String(block['text']))) {
        events.push(delta(index, { type: 'text_delta', text: piece }));
      }
    } else {
      const start = { ...block, input: {} };
      events.push(sse('content_block_start', { type: 'content_block_start', index, content_block: start }));
      for (const piece of ['', ...split(JSON.stringify(block['input']))]) {
        events.push(delta(index, { type: 'input_json_delta', partial_json: piece }));
      }
    }
    events.push(sse('content_block_stop', { type: 'content_block_stop', index }));
  });
  const { service_tier: _tier, ...usage } = message.usage;
  events.push(
    sse('message_delta', {
      type: 'message_delta',
      delta: { stop_reason: message.stop_reason, stop_sequence: null },
      usage,
    }),
    sse('message_stop', { type: 'message_stop' }),
  );
  return events;
}

function delta(index: number, payload: Record<string, unknown>): string {
  return sse('content_block_delta', { type: 'content_block_delta', index, delta: payload });
}

/** Up to three pieces, so the client has to join deltas (and partial JSON) to get the block right. */
function split(text: string): string[] {
  if (text.length < 3) return [text];
  const third = Math.ceil(text.length / 3);
  return [text.slice(0, third), text.slice(third, 2 * third), text.slice(2 * third)].filter((p) => p !== '');
}

export function errorBody(type: string, message: string, requestId: string): unknown {
  return { type: 'error', error: { type, message }, request_id: requestId };
}
