/**
 * A model that replays canned assistant turns: the offline demo runs on it without an API key, and
 * benchmarks use it as a zero-latency model. Everything it returns is labelled `scripted (<file>)`.
 *
 * File format (JSONL): one assistant turn per line, returned in order, one per model call. Blank lines
 * and lines starting with `//` are ignored. A `.json` file holding an array of the same turns works too.
 *
 *   // examples/triage/model.jsonl
 *   {"content": [{"type": "text", "text": "Reading the code."}, {"type": "tool_use", "name": "grep", "input": {"pattern": "parseConfig"}}]}
 *   {"content": [{"type": "tool_use", "name": "add_labels", "input": {"labels": ["bug"]}}], "usage": {"input_tokens": 2400, "output_tokens": 60}}
 *   {"content": "Labelled it as a bug."}
 *
 * A turn: `content`, a string (one text block) or an array of `{"type": "text", "text"}` and
 * `{"type": "tool_use", "name", "input", "id"?}` blocks; optional `stop_reason` (default `tool_use` when
 * the turn calls a tool, else `end_turn`); optional `usage` in the API's field names. Without `usage`,
 * tokens are estimated at 4 characters a token from the request and the turn, so costs look plausible.
 */
import { readFile } from 'node:fs/promises';
import type Anthropic from '@anthropic-ai/sdk';
import { InputError } from '../errors.js';
import type { ModelClient, ModelOutcome, ModelRequest } from './model.js';
import { requestBytes } from './request-body.js';

export interface ScriptedBlock {
  type: 'text' | 'tool_use';
  text?: string;
  name?: string;
  input?: unknown;
  id?: string;
}

export interface ScriptedTurn {
  content: string | ScriptedBlock[];
  stop_reason?: Anthropic.StopReason;
  usage?: { input_tokens: number; output_tokens: number; cache_creation_input_tokens?: number; cache_read_input_tokens?: number };
}

export class ScriptedModelClient implements ModelClient {
  readonly label: string;
  readonly #turns: ScriptedTurn[];
  #next = 0;

  constructor(turns: ScriptedTurn[], file: string) {
    this.#turns = turns.map((turn, index) => checkTurn(turn, `${file}: turn ${index + 1}`));
    this.label = `scripted (${file})`;
  }

  /** Reads a script; `displayName` is how the label names the file (a repository-relative path, say). */
  static async load(file: string, displayName = file): Promise<ScriptedModelClient> {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      throw new InputError(`Cannot read the scripted model file ${displayName}: ${(error as Error).message}`);
    }
    return new ScriptedModelClient(parseScript(text, displayName), displayName);
  }

  /** A resumed run (`--resume`) asks for the turns after the `count` its log already holds. */
  skipTurns(count: number): void {
    this.#next = Math.min(this.#next + count, this.#turns.length);
  }

  async send(request: ModelRequest, signal: AbortSignal): Promise<ModelOutcome> {
    if (signal.aborted) return { ok: false, error: { message: 'model request aborted', aborted: true } };
    const turn = this.#turns[this.#next];
    if (!turn) {
      const count = this.#turns.length;
      return {
        ok: false,
        error: { message: `the ${this.label} model has no turn left: it holds ${count} turns and the run asked for turn ${count + 1}` },
      };
    }
    this.#next += 1;
    return { ok: true, message: toMessage(turn, this.#next, request) };
  }
}

export function parseScript(text: string, file: string): ScriptedTurn[] {
  const trimmed = text.trim();
  if (trimmed.startsWith('[')) {
    try {
      return JSON.parse(trimmed) as ScriptedTurn[];
    } catch (error) {
      throw new InputError(`${file}: not valid JSON: ${(error as Error).message}`);
    }
  }
  const turns: ScriptedTurn[] = [];
  text.split('\n').forEach((line, index) => {
    const content = line.trim();
    if (content === '' || content.startsWith('//')) return;
    try {
      turns.push(JSON.parse(content) as ScriptedTurn);
    } catch (error) {
      throw new InputError(
        `${file}:${index + 1}: not a JSON turn (${(error as Error).message}). Each line holds one turn, such as {"content": "Done."}`,
      );
    }
  });
  return turns;
}

function checkTurn(turn: ScriptedTurn, where: string): ScriptedTurn {
  const fix = 'A turn looks like {"content": [{"type": "text", "text": "..."}, {"type": "tool_use", "name": "read", "input": {...}}]}';
  if (typeof turn !== 'object' || turn === null) throw new InputError(`${where}: must be an object. ${fix}`);
  if (typeof turn.content === 'string') return turn;
  if (!Array.isArray(turn.content)) throw new InputError(`${where}: content must be a string or an array of blocks. ${fix}`);
  turn.content.forEach((block, index) => {
    const ok = (block?.type === 'text' && typeof block.text === 'string') || (block?.type === 'tool_use' && typeof block.name === 'string');
    if (!ok) throw new InputError(`${where}: content[${index}] must be a text block with text or a tool_use block with a name. ${fix}`);
  });
  return turn;
}

function toMessage(turn: ScriptedTurn, number: number, request: ModelRequest): Anthropic.Message {
  const blocks = typeof turn.content === 'string' ? [{ type: 'text' as const, text: turn.content }] : turn.content;
  const content: Anthropic.ContentBlock[] = blocks.map((block, index) =>
    block.type === 'text'
      ? { type: 'text', text: block.text ?? '', citations: null }
      : {
          type: 'tool_use',
          id: block.id ?? `toolu_scripted_${number}_${index + 1}`,
          name: block.name ?? '',
          input: block.input ?? {},
          caller: { type: 'direct' },
        },
  );
  const callsTool = content.some((block) => block.type === 'tool_use');
  return {
    id: `msg_scripted_${number}`,
    type: 'message',
    role: 'assistant',
    model: request.model,
    content,
    stop_reason: turn.stop_reason ?? (callsTool ? 'tool_use' : 'end_turn'),
    stop_sequence: null,
    stop_details: null,
    container: null,
    diagnostics: null,
    usage: usageOf(turn, request, content),
  };
}

function usageOf(turn: ScriptedTurn, request: ModelRequest, content: Anthropic.ContentBlock[]): Anthropic.Usage {
  return {
    input_tokens: turn.usage?.input_tokens ?? Math.ceil(requestBytes(request) / 4),
    output_tokens: turn.usage?.output_tokens ?? Math.ceil(JSON.stringify(content).length / 4),
    cache_creation_input_tokens: turn.usage?.cache_creation_input_tokens ?? 0,
    cache_read_input_tokens: turn.usage?.cache_read_input_tokens ?? 0,
    cache_creation: null,
    inference_geo: null,
    output_tokens_details: null,
    server_tool_use: null,
    service_tier: 'standard',
    speed: null,
  };
}
