// The tool calls of one response run at once, except where the order matters: a call waits for the
// calls before it that write what it reads or writes (the same file, or anything, for bash).
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import type Anthropic from '@anthropic-ai/sdk';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { runToolCalls } from '../../src/harness/tool-calls.js';
import type { Sandbox } from '../../src/sandbox/index.js';
import { bashTool } from '../../src/tools/bash.js';
import { readTool } from '../../src/tools/read.js';
import type { ToolDefinition } from '../../src/tools/types.js';
import { editTool, writeTool } from '../../src/tools/write.js';
import { makeWorkspace, sandboxFor } from '../sandbox/workspace.js';

let dir: string;
let cleanup: () => Promise<void>;
let sandbox: Sandbox;

beforeEach(async () => {
  ({ dir, cleanup } = await makeWorkspace());
  sandbox = sandboxFor(dir, { allowWrite: true });
});
afterEach(() => cleanup());

const use = (id: string, name: string, input: Record<string, unknown>): Anthropic.ToolUseBlock =>
  ({ type: 'tool_use', id, name, input }) as Anthropic.ToolUseBlock;

function scope(...tools: ToolDefinition[]) {
  const events: string[] = [];
  return {
    events,
    scope: {
      tools: new Map(tools.map((tool) => [tool.name, tool])),
      signal: new AbortController().signal,
      turn: 1,
      emit: (event: { type: string; id?: string }) => events.push(`${event.type} ${event.id}`),
    },
  };
}

describe('runToolCalls', () => {
  test('two edits of one file in one response both land, in the order the model gave them', async () => {
    await fs.writeFile(path.join(dir, 'notes.txt'), 'one\ntwo\nthree\n');
    const { scope: s } = scope(editTool(sandbox));
    const results = await runToolCalls(
      [
        use('a', 'edit', { path: 'notes.txt', oldText: 'one', newText: 'ONE' }),
        use('b', 'edit', { path: './notes.txt', oldText: 'three', newText: 'THREE' }),
        use('c', 'edit', { path: path.join(dir, 'notes.txt'), oldText: 'ONE\ntwo', newText: 'ONE\nTWO' }),
      ],
      s,
    );
    expect(results.map((result) => result.is_error ?? false)).toEqual([false, false, false]);
    expect(await fs.readFile(path.join(dir, 'notes.txt'), 'utf8')).toBe('ONE\nTWO\nTHREE\n');
  });

  test('calls on different files run at once; a read of an edited file, and bash, wait for the edit', async () => {
    await fs.writeFile(path.join(dir, 'a.txt'), 'alpha\n');
    await fs.writeFile(path.join(dir, 'b.txt'), 'beta\n');
    const { scope: s, events } = scope(editTool(sandbox), writeTool(sandbox), readTool(sandbox), bashTool(sandbox));
    const results = await runToolCalls(
      [
        use('edit-a', 'edit', { path: 'a.txt', oldText: 'alpha', newText: 'ALPHA' }),
        use('write-b', 'write', { path: 'b.txt', content: 'BETA\n' }),
        use('read-other', 'read', { path: 'src/a.txt' }),
        use('read-a', 'read', { path: 'a.txt' }),
        use('bash', 'bash', { command: 'cat a.txt b.txt' }),
      ],
      s,
    );
    // The edit, the write and the unrelated read start together; the read of a.txt starts once its
    // edit is done, and bash (which may touch anything) once every call before it that writes is.
    expect(events.slice(0, 3)).toEqual(['tool_call edit-a', 'tool_call write-b', 'tool_call read-other']);
    expect(events.indexOf('tool_call read-a')).toBeGreaterThan(events.indexOf('tool_result edit-a'));
    expect(events.indexOf('tool_call bash')).toBeGreaterThan(events.indexOf('tool_result edit-a'));
    expect(events.indexOf('tool_call bash')).toBeGreaterThan(events.indexOf('tool_result write-b'));
    expect(results[3]?.content).toBe('     1\tALPHA');
    expect(results[4]?.content).toBe('ALPHA\nBETA\n[exit code 0]');
  });

  test("a custom tool (the agent's own code) keeps its place among the calls that write", async () => {
    const order: string[] = [];
    const custom = (name: string): ToolDefinition => ({
      name,
      description: name,
      inputSchema: { type: 'object' },
      access: () => ({ write: true, paths: 'all' }),
      async execute() {
        order.push(`${name} start`);
        await new Promise((resolve) => setTimeout(resolve, 5));
        order.push(`${name} end`);
        return { content: name };
      },
    });
    const { scope: s } = scope(custom('first'), custom('second'));
    await runToolCalls([use('1', 'first', {}), use('2', 'second', {})], s);
    expect(order).toEqual(['first start', 'first end', 'second start', 'second end']);
  });
});
