import { afterEach, describe, expect, it } from 'vitest';
import { runAgent } from '../../src/harness/run-agent.js';
import { buildSystemPrompt } from '../../src/harness/system-prompt.js';
import type { AgentSetup } from '../../src/harness/task.js';
import { startFakeAnthropic, text, toolUse, type FakeAnthropic } from '../fakes/anthropic.js';
import { clientFor, limits, runContext, spec, tool } from './helpers.js';

let fake: FakeAnthropic;
afterEach(() => fake?.close());

const researcher = spec({ name: 'researcher', file: '.flue/agents/researcher.md', instructions: 'You research.', subagents: ['researcher'] });
const top = spec({ subagents: ['researcher'] });
const loadSubagent = async (name: string): Promise<AgentSetup> => {
  if (name !== 'researcher') throw new Error(`no agent named ${name}`);
  return { spec: researcher, tools: [tool('read', () => 'file text')] };
};
const toolNames = (request: number): string[] => fake.requests[request]!.body.tools.map((t: { name: string }) => t.name);
const lastResult = (request: number) => fake.requests[request]!.body.messages.at(-1).content[0];

describe('task: delegation to subagents', () => {
  it('runs nested subagents on the shared budget, down to the depth limit and no further', async () => {
    fake = await startFakeAnthropic({
      turns: [
        toolUse('task', { prompt: 'Research the crash.', agent: 'researcher', description: 'crash' }),
        toolUse('task', { prompt: 'Go deeper.', agent: 'researcher' }),
        toolUse('task', { prompt: 'Deeper still.' }),
        text('deep answer'),
        text('mid answer'),
        text('top answer'),
      ],
    });
    const { options, recorder } = runContext();
    const outcome = await runAgent({ ...options, spec: top, tools: [], model: clientFor(fake), prompt: 'Triage.', loadSubagent });
    expect(outcome).toMatchObject({ status: 'succeeded', text: 'top answer', totals: { turns: 6 } });

    expect(toolNames(0)).toEqual(['task', 'give_up']);
    expect(toolNames(1)).toEqual(['read', 'task', 'give_up']);
    expect(toolNames(2)).toEqual(['read', 'give_up']); // depth 2: no task tool
    expect(lastResult(3)).toMatchObject({ is_error: true, content: "Unknown tool 'task'. Available tools: read, give_up." });
    expect(lastResult(4)).toMatchObject({ content: 'deep answer' });
    expect(lastResult(5)).toMatchObject({ content: 'mid answer' });
    expect(fake.requests[1]!.body.system[0].text).toBe(buildSystemPrompt(researcher, '/w'));
    expect(fake.requests[1]!.body.messages[0]).toEqual({
      role: 'user',
      content: [{ type: 'text', text: 'Research the crash.', cache_control: { type: 'ephemeral' } }],
    });
    expect(recorder.of('model_request').map((e) => e.agent)).toEqual([
      undefined,
      'researcher#1',
      'researcher#2',
      'researcher#2',
      'researcher#1',
      undefined,
    ]);
  });

  it('stops the whole tree with one limit event when a subagent spends the last turn', async () => {
    fake = await startFakeAnthropic({
      turns: [toolUse('task', { prompt: 'a', agent: 'researcher' }), toolUse('read', {}), toolUse('read', {})],
    });
    const { options, recorder } = runContext();
    const outcome = await runAgent({
      ...options,
      spec: top,
      tools: [],
      model: clientFor(fake),
      prompt: 'Triage.',
      loadSubagent,
      limits: limits({ maxTurns: 3 }),
    });
    expect(outcome).toMatchObject({ status: 'budget_exhausted', cause: 'turns', totals: { turns: 3 } });
    expect(recorder.of('limit')).toEqual([{ type: 'limit', agent: 'researcher#1', limit: 'turns', value: 3, max: 3 }]);
    expect(fake.requests).toHaveLength(3);
  });

  it('returns an error result for an undeclared or unloadable subagent, and JSON for a structured result', async () => {
    const helper = spec({
      name: 'helper',
      result: {
        jsonSchema: { type: 'object', properties: { n: { type: 'number' } } },
        validate: (value) => ({ ok: true, value }),
      },
    });
    fake = await startFakeAnthropic({
      turns: [
        toolUse('task', { prompt: 'x', agent: 'stranger' }),
        toolUse('task', { prompt: 'x', agent: 'broken' }),
        toolUse('task', { prompt: 'x', agent: 'helper' }),
        toolUse('finish', { n: 7 }),
        text('done'),
      ],
    });
    const { options } = runContext();
    const outcome = await runAgent({
      ...options,
      spec: spec({ subagents: ['broken', 'helper'] }),
      tools: [],
      model: clientFor(fake),
      prompt: 'Go.',
      loadSubagent: async (name) => {
        if (name === 'helper') return { spec: helper, tools: [] };
        throw new Error('.flue/agents/broken.md: description: is required');
      },
    });
    expect(outcome.status).toBe('succeeded');
    expect(lastResult(1)).toMatchObject({
      is_error: true,
      content: "The subagent stopped (failed): 'stranger' is not a subagent of triage; declared: broken, helper",
    });
    expect(lastResult(2)).toMatchObject({
      is_error: true,
      content: "The subagent stopped (failed): could not load subagent 'broken': .flue/agents/broken.md: description: is required",
    });
    expect(lastResult(4)).toMatchObject({ content: '{"n":7}' });
  });
});
