// A zero-latency stand-in for the Anthropic Messages API, for the benchmark only (the test suite has
// its own, fuller fake in test/fakes/). It answers every POST /v1/messages at once, streamed as SSE in
// the event order the SDK's MessageStream expects: message_start, ping, per block content_block_start,
// delta(s), content_block_stop, then message_delta and message_stop.
import { createServer } from 'node:http';
import { performance } from 'node:perf_hooks';

/**
 * Starts the fake on 127.0.0.1 (a free port). `respond(index)` returns the content blocks of
 * the answer to the index-th request (0-based) of the current run: `{ type: 'text', text }` or
 * `{ type: 'tool_use', name, input }`.
 *
 * Every request is recorded in `requests` with `at` (performance.now() when its headers arrived, the
 * same clock as the bench's, which runs in this process), `bytes` (the exact body length), `body`
 * (parsed, for the first request of a run only) and `serveMs` (time this fake spent on it).
 */
export async function startFakeModel() {
  let respond = () => [{ type: 'text', text: 'done' }];
  let requests = [];
  let toolIds = 0;
  let model = '';

  const server = createServer((req, res) => {
    const at = performance.now();
    if (req.method !== 'POST' || !req.url.startsWith('/v1/messages')) {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ type: 'error', error: { type: 'not_found_error', message: `no route ${req.method} ${req.url}` } }));
      return;
    }
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const index = requests.length;
      // Parsed for the first request of a run only: every figure but the first request's bytes is the
      // runner's time, so the fake does as little as it can (a session's body grows to some 30 KB).
      const body = index === 0 ? JSON.parse(raw.toString('utf8')) : undefined;
      if (body) model = body.model;
      const record = { at, bytes: raw.length, body, serveMs: 0 };
      requests.push(record);
      const blocks = respond(index).map((block) => (block.type === 'tool_use' ? { id: `toolu_bench_${++toolIds}`, ...block } : block));
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', 'request-id': `req_bench_${index}` });
      res.end(streamEvents(`msg_bench_${index}`, model, blocks));
      record.serveMs = performance.now() - at;
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();

  return {
    url: `http://127.0.0.1:${port}`,
    get requests() {
      return requests;
    },
    /** Starts a new run: forgets the recorded requests and answers with `next` from now on. */
    reset(next) {
      respond = next;
      requests = [];
    },
    close() {
      server.closeAllConnections?.();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}

function sse(event, data) {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

function streamEvents(id, model, blocks) {
  const usage = { input_tokens: 100, output_tokens: 10, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 };
  const hasTool = blocks.some((block) => block.type === 'tool_use');
  const start = {
    id,
    type: 'message',
    role: 'assistant',
    model,
    content: [],
    stop_reason: null,
    stop_sequence: null,
    usage: { ...usage, output_tokens: 1, service_tier: 'standard' },
  };
  let out = sse('message_start', { type: 'message_start', message: start }) + sse('ping', { type: 'ping' });
  blocks.forEach((block, index) => {
    const opening = block.type === 'text' ? { type: 'text', text: '' } : { ...block, input: {} };
    const delta =
      block.type === 'text' ? { type: 'text_delta', text: block.text } : { type: 'input_json_delta', partial_json: JSON.stringify(block.input) };
    out += sse('content_block_start', { type: 'content_block_start', index, content_block: opening });
    out += sse('content_block_delta', { type: 'content_block_delta', index, delta });
    out += sse('content_block_stop', { type: 'content_block_stop', index });
  });
  out += sse('message_delta', {
    type: 'message_delta',
    delta: { stop_reason: hasTool ? 'tool_use' : 'end_turn', stop_sequence: null },
    usage,
  });
  return out + sse('message_stop', { type: 'message_stop' });
}
