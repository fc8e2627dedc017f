/**
 * The request rules of the real Messages API that a client bug would break, with the API's own
 * wording where it matters, so a test against the fake fails the way production would.
 */

export interface Rejection {
  status: number;
  type: string;
  message: string;
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

export function validateRequest(headers: Record<string, string>, body: unknown): Rejection | undefined {
  if (!headers['x-api-key'] && !headers['authorization']) {
    return { status: 401, type: 'authentication_error', message: 'x-api-key header is required' };
  }
  if (!headers['anthropic-version']) {
    return invalid('anthropic-version: header is required');
  }
  if (!isObject(body)) return invalid('request body must be a JSON object');
  if (typeof body['model'] !== 'string') return invalid('model: Field required');
  if (!Number.isInteger(body['max_tokens']) || (body['max_tokens'] as number) < 1) {
    return invalid('max_tokens: Input should be a positive integer');
  }
  const problem = checkSystem(body['system']) ?? checkTools(body['tools']) ?? checkMessages(body['messages']);
  if (problem) return invalid(problem);
  const breakpoints = countCacheControl(body);
  if (breakpoints > 4) {
    return invalid(`A maximum of 4 blocks with cache_control may be provided. Found ${breakpoints}.`);
  }
  return undefined;
}

function invalid(message: string): Rejection {
  return { status: 400, type: 'invalid_request_error', message };
}

function checkSystem(system: unknown): string | undefined {
  if (system === undefined || typeof system === 'string') return undefined;
  if (!Array.isArray(system)) return 'system: Input should be a valid string or list';
  const bad = system.findIndex((block) => !isObject(block) || block['type'] !== 'text' || !block['text']);
  return bad === -1 ? undefined : `system.${bad}: text content blocks must be non-empty`;
}

function checkTools(tools: unknown): string | undefined {
  if (tools === undefined) return undefined;
  if (!Array.isArray(tools)) return 'tools: Input should be a valid list';
  const names = new Set<string>();
  for (const [i, tool] of tools.entries()) {
    if (!isObject(tool) || typeof tool['name'] !== 'string' || !/^[a-zA-Z0-9_-]{1,128}$/.test(tool['name'])) {
      return `tools.${i}.custom.name: String should match pattern '^[a-zA-Z0-9_-]{1,128}$'`;
    }
    if (names.has(tool['name'])) return 'tools: Tool names must be unique.';
    names.add(tool['name']);
    if (!isObject(tool['input_schema']) || tool['input_schema']['type'] !== 'object') {
      return `tools.${i}.custom.input_schema.type: Input should be 'object'`;
    }
  }
  return undefined;
}

function checkMessages(messages: unknown): string | undefined {
  if (!Array.isArray(messages) || messages.length === 0) return 'messages: at least one message is required';
  if (!isObject(messages[0]) || messages[0]['role'] !== 'user') return 'messages: first message must use the "user" role';
  for (const [i, message] of messages.entries()) {
    if (!isObject(message) || (message['role'] !== 'user' && message['role'] !== 'assistant')) {
      return `messages.${i}.role: Input should be 'user' or 'assistant'`;
    }
    const content = message['content'];
    const empty = typeof content === 'string' ? content === '' : !Array.isArray(content) || content.length === 0;
    if (empty && i !== messages.length - 1) {
      return `messages.${i}: all messages must have non-empty content except for the optional final assistant message`;
    }
    if (Array.isArray(content)) {
      const blank = content.findIndex((b) => isObject(b) && b['type'] === 'text' && b['text'] === '');
      if (blank !== -1) return `messages.${i}.content.${blank}.text: text content blocks must be non-empty`;
    }
    const pairing = checkToolPairing(messages as Json[], i);
    if (pairing) return pairing;
  }
  return undefined;
}

/** Each tool_use must be answered by a tool_result at the start of the very next user message. */
function checkToolPairing(messages: Json[], i: number): string | undefined {
  const message = messages[i]!;
  const blocks = Array.isArray(message['content']) ? (message['content'] as Json[]) : [];
  if (message['role'] === 'assistant') {
    const ids = blocks.filter((b) => b['type'] === 'tool_use').map((b) => String(b['id']));
    if (ids.length === 0) return undefined;
    const next = messages[i + 1];
    const answered = new Set(
      (next && Array.isArray(next['content']) ? (next['content'] as Json[]) : [])
        .filter((b) => b['type'] === 'tool_result')
        .map((b) => String(b['tool_use_id'])),
    );
    const missing = ids.filter((id) => !answered.has(id));
    if (missing.length > 0 && next) {
      return (
        `messages.${i + 1}: \`tool_use\` ids were found without \`tool_result\` blocks immediately after: ` +
        `${missing.join(', ')}. Each \`tool_use\` block must have a corresponding \`tool_result\` block in the next message.`
      );
    }
    return undefined;
  }
  const previous = messages[i - 1];
  const asked = new Set(
    (previous && Array.isArray(previous['content']) ? (previous['content'] as Json[]) : [])
      .filter((b) => b['type'] === 'tool_use')
      .map((b) => String(b['id'])),
  );
  let seenOther = false;
  for (const [j, block] of blocks.entries()) {
    if (block['type'] !== 'tool_result') {
      seenOther = true;
      continue;
    }
    if (seenOther) return `messages.${i}.content.${j}: tool_result blocks must come before any other content`;
    if (!asked.has(String(block['tool_use_id']))) {
      return (
        `messages.${i}.content.${j}: unexpected \`tool_use_id\` found in \`tool_result\` blocks: ${String(block['tool_use_id'])}. ` +
        'Each `tool_result` block must have a corresponding `tool_use` block in the previous message.'
      );
    }
  }
  return undefined;
}

function countCacheControl(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((sum: number, item) => sum + countCacheControl(item), 0);
  if (!isObject(value)) return 0;
  let count = isObject(value['cache_control']) ? 1 : 0;
  for (const [key, child] of Object.entries(value)) {
    // Tool input schemas are user data, not content blocks.
    if (key !== 'input_schema' && key !== 'input' && key !== 'cache_control') count += countCacheControl(child);
  }
  return count;
}
