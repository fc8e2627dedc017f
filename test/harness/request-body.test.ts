import { expect, test } from 'vitest';
import type { ModelRequest } from '../../src/harness/model.js';
import { requestBytes, toMessageParams } from '../../src/harness/request-body.js';

/** What the SDK sends for a streaming request, serialized whole. */
const sentBytes = (request: ModelRequest) => Buffer.byteLength(JSON.stringify({ ...toMessageParams(request), stream: true }), 'utf8');

test('requestBytes counts exactly the bytes of the streamed body, turn after turn', () => {
  const request: ModelRequest = {
    model: 'claude-sonnet-4-6',
    maxTokens: 1024,
    system: [{ type: 'text', text: 'Réponds en français. 日本語も。' }],
    tools: [{ name: 'read', description: 'Read a file', input_schema: { type: 'object', properties: { path: { type: 'string' } } } }],
    messages: [{ role: 'user', content: 'Lis le fichier « README.md » 🙂' }],
  };
  const counted = [requestBytes(request)];
  const sent = [sentBytes(request)];
  for (let turn = 1; turn <= 3; turn++) {
    const id = `toolu_${turn}`;
    request.messages.push({ role: 'assistant', content: [{ type: 'tool_use', id, name: 'read', input: { path: `é${turn}.md` } }] });
    request.messages.push({ role: 'user', content: [{ type: 'tool_result', tool_use_id: id, content: `ligne ${turn}: ✓ "quoted"\n` }] });
    counted.push(requestBytes(request), requestBytes(request));
    sent.push(sentBytes(request), sentBytes(request));
  }
  expect(counted).toEqual(sent);
  expect(new Set(sent).size).toBe(4);
});

test('a request without tools or history is counted too', () => {
  const request: ModelRequest = { model: 'm', maxTokens: 1, system: [], tools: [], messages: [{ role: 'user', content: 'x' }] };
  expect(requestBytes(request)).toBe(sentBytes(request));
});
