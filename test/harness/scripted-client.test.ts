import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Budget } from '../../src/harness/budget.js';
import { runLoop } from '../../src/harness/loop.js';
import type { ModelRequest } from '../../src/harness/model.js';
import { ScriptedModelClient } from '../../src/harness/scripted-client.js';
import { limits, memoryRecorder, MODEL, tool } from './helpers.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'flue-scripted-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const request: ModelRequest = {
  model: MODEL,
  maxTokens: 100,
  system: [{ type: 'text', text: 'sys' }],
  tools: [],
  messages: [{ role: 'user', content: 'go' }],
};
const signal = new AbortController().signal;

async function script(name: string, text: string): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, text);
  return file;
}

describe('ScriptedModelClient', () => {
  it('replays JSONL turns in order as Messages, skipping comments, then reports that it ran out', async () => {
    const file = await script(
      'model.jsonl',
      [
        '// the demo script',
        '{"content": [{"type": "text", "text": "Looking."}, {"type": "tool_use", "name": "read", "input": {"path": "a.ts"}}], "usage": {"input_tokens": 900, "output_tokens": 30}}',
        '',
        '{"content": "Done."}',
      ].join('\n'),
    );
    const client = await ScriptedModelClient.load(file, 'examples/model.jsonl');
    expect(client.label).toBe('scripted (examples/model.jsonl)');
    const first = await client.send(request, signal);
    expect(first).toEqual({
      ok: true,
      message: expect.objectContaining({
        id: 'msg_scripted_1',
        model: MODEL,
        stop_reason: 'tool_use',
        content: [
          { type: 'text', text: 'Looking.', citations: null },
          { type: 'tool_use', id: 'toolu_scripted_1_2', name: 'read', input: { path: 'a.ts' }, caller: { type: 'direct' } },
        ],
        usage: expect.objectContaining({ input_tokens: 900, output_tokens: 30, cache_read_input_tokens: 0 }),
      }),
    });
    const second = await client.send(request, signal);
    expect(second.ok && second.message.stop_reason).toBe('end_turn');
    // No usage in the script: estimated at 4 characters a token.
    expect(second.ok && second.message.usage.input_tokens).toBeGreaterThan(10);
    expect(await client.send(request, signal)).toEqual({
      ok: false,
      error: {
        message: 'the scripted (examples/model.jsonl) model has no turn left: it holds 2 turns and the run asked for turn 3',
      },
    });
  });

  it('accepts a JSON array of turns', async () => {
    const file = await script('model.json', '[{"content": "one"}, {"content": [{"type": "text", "text": "two"}]}]');
    const client = await ScriptedModelClient.load(file);
    const texts = [];
    for (let i = 0; i < 2; i++) {
      const outcome = await client.send(request, signal);
      texts.push(outcome.ok && outcome.message.content[0]);
    }
    expect(texts).toEqual([
      { type: 'text', text: 'one', citations: null },
      { type: 'text', text: 'two', citations: null },
    ]);
  });

  it('names the file and line of a malformed turn, and a missing file', async () => {
    const bad = await script('bad.jsonl', '{"content": "ok"}\n{"content": [oops]}\n');
    await expect(ScriptedModelClient.load(bad, 'bad.jsonl')).rejects.toThrow(
      /^bad\.jsonl:2: not a JSON turn \(.+\)\. Each line holds one turn, such as \{"content": "Done\."\}$/,
    );
    const wrong = await script('wrong.jsonl', '{"content": [{"type": "tool_use", "input": {}}]}');
    await expect(ScriptedModelClient.load(wrong, 'wrong.jsonl')).rejects.toThrow(
      'wrong.jsonl: turn 1: content[0] must be a text block with text or a tool_use block with a name.',
    );
    await expect(ScriptedModelClient.load(join(dir, 'absent.jsonl'), 'absent.jsonl')).rejects.toThrow(
      /^Cannot read the scripted model file absent\.jsonl: ENOENT/,
    );
  });

  it('drives the loop: a tool call, then the answer; a script that runs out fails the run', async () => {
    const client = new ScriptedModelClient(
      [{ content: [{ type: 'tool_use', name: 'echo', input: { say: 'hi' } }] }, { content: 'All done.' }],
      'inline',
    );
    const echo = tool('echo', (input) => String(input['say']));
    const budget = new Budget(limits());
    const base = { model: client, modelId: MODEL, system: 's', prompt: 'p', budget, recorder: memoryRecorder() };
    expect(await runLoop({ ...base, tools: [echo] })).toMatchObject({ status: 'succeeded', text: 'All done.' });
    expect(echo.calls).toEqual([{ say: 'hi' }]);
    expect(await runLoop({ ...base, tools: [] })).toMatchObject({
      status: 'failed',
      cause: 'model_error',
      reason: 'the scripted (inline) model has no turn left: it holds 2 turns and the run asked for turn 3',
    });
    budget.dispose();
  });
});
