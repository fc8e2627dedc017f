/**
 * Reads the Anthropic message shapes the log keeps as `unknown` (model_request messages,
 * model_response content). Anything unexpected is skipped: a report must render any log.
 */
import { isRecord } from '../records.js';

export type ShownBlock = { kind: 'text'; text: string } | { kind: 'thinking'; chars: number };

/** The text and thinking blocks of a model response; tool_use blocks are shown as tool calls. */
export function responseBlocks(content: unknown[]): ShownBlock[] {
  const blocks: ShownBlock[] = [];
  for (const block of content) {
    if (!isRecord(block)) continue;
    if (block.type === 'text' && typeof block.text === 'string' && block.text.trim() !== '') {
      blocks.push({ kind: 'text', text: block.text.trim() });
    }
    if (block.type === 'thinking' && typeof block.thinking === 'string') {
      blocks.push({ kind: 'thinking', chars: block.thinking.length });
    }
  }
  return blocks;
}

/**
 * The text the model was given in user messages (the task, the event): what it saw that is not a
 * tool result. Tool results are shown under their calls, so they are not repeated here.
 */
export function userTexts(messages: unknown[]): string[] {
  const texts: string[] = [];
  for (const message of messages) {
    if (!isRecord(message) || message.role !== 'user') continue;
    if (typeof message.content === 'string') texts.push(message.content);
    if (!Array.isArray(message.content)) continue;
    for (const block of message.content) {
      if (isRecord(block) && block.type === 'text' && typeof block.text === 'string') texts.push(block.text);
    }
  }
  return texts.map((text) => text.trim()).filter((text) => text !== '');
}
