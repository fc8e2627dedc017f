import * as v from 'valibot';
import { afterEach, describe, expect, it } from 'vitest';
import type { AgentRunFunction } from '../../src/lib/types.js';
import { runAgent } from '../../src/harness/run-agent.js';
import { apiError, startFakeAnthropic, text, toolUse, type FakeAnthropic } from '../fakes/anthropic.js';
import { clientFor, limits, runContext, severitySchema, spec, tool } from './helpers.js';

let fake: FakeAnthropic;
afterEach(() => fake?.close());

const skills = [{ name: 'triage', description: 'Label issues.', file: '.flue/skills/triage/SKILL.md', dir: '/w/.flue/skills/triage' }];

async function runTs(run: AgentRunFunction, overrides: Parameters<typeof spec>[0] = {}) {
  const context = runContext();
  const outcome = await runAgent({
    ...context.options,
    spec: spec({ format: 'typescript', file: '.flue/agents/review.ts', skills, run, ...overrides }),
    tools: [tool('read', () => 'contents')],
    model: clientFor(fake),
    prompt: 'unused by run agents',
  });
  return { outcome, ...context };
}

describe('runAgent', () => {
  it('runs a markdown agent as one conversation on the prompt, with its result schema', async () => {
    fake = await startFakeAnthropic({ turns: [toolUse('finish', { severity: 'high' })] });
    const { options } = runContext();
    const outcome = await runAgent({
      ...options,
      spec: spec({ result: severitySchema }),
      tools: [],
      model: clientFor(fake),
      prompt: 'Triage issue #1.',
    });
    expect(outcome).toMatchObject({ status: 'succeeded', cause: 'finished', result: { severity: 'high' } });
    expect(fake.requests[0]!.body.messages[0].content[0].text).toBe('Triage issue #1.');
  });

  it("gives a TS agent's run a ctx whose prompts, skills, shell and outputs go through the run", async () => {
    fake = await startFakeAnthropic({
      turns: [toolUse('read', { path: 'a.ts' }), text('It reads a.ts.'), toolUse('finish', { verdict: 'ok' }), text('Skill done.')],
    });
    const { outcome, proposed, commands, recorder } = await runTs(async (ctx) => {
      const summary = await ctx.prompt('Summarize a.ts.');
      const verdict = await ctx.prompt('Judge it.', { result: v.object({ verdict: v.picklist(['ok', 'bad']) }) });
      const skill = await ctx.skill('triage', { args: { issue: 3 } });
      const shell = await ctx.shell('git log -1');
      ctx.outputs.addComment(`${summary} ${verdict.verdict}`);
      ctx.outputs.addLabels(['bug']);
      ctx.log(`level ${String(ctx.inputs['level'])} on ${ctx.event.repository.name}`);
      return { summary, verdict, skill, shell: shell.stdout };
    });
    expect(outcome).toMatchObject({
      status: 'succeeded',
      result: { summary: 'It reads a.ts.', verdict: { verdict: 'ok' }, skill: 'Skill done.', shell: 'ran git log -1' },
      totals: { turns: 4 },
    });
    expect(proposed).toEqual([
      { kind: 'add_comment', body: 'It reads a.ts. ok' },
      { kind: 'add_labels', labels: ['bug'] },
    ]);
    expect(commands).toEqual(['git log -1']);
    expect(recorder.of('log')).toEqual([{ type: 'log', message: 'level 3 on app' }]);
    // After the event context, as every ctx prompt (test/harness/agent-context.test.ts).
    expect(fake.requests[3]!.body.messages[0].content[0].text).toMatch(
      /\n\nCall activate_skill with name "triage", then follow that skill\.\nArguments: \{"issue":3\}$/,
    );
    expect(fake.requests[2]!.body.tools.map((t: { name: string }) => t.name)).toEqual(['read', 'finish', 'give_up']);
    expect(recorder.of('model_request').map((e) => e.system !== undefined)).toEqual([true, false, false, false]);
    expect(recorder.of('tool_result').at(-1)).toMatchObject({
      turn: 0,
      id: 'shell_1',
      name: 'shell',
      isError: false,
      content: 'exit 0\nran git log -1',
    });
  });

  it('fails with the message when run throws, and logs it', async () => {
    fake = await startFakeAnthropic();
    const { outcome, recorder } = await runTs(async () => {
      throw new Error('cannot parse the diff');
    });
    expect(outcome).toMatchObject({ status: 'failed', cause: 'run_error', reason: 'run(ctx) threw: cannot parse the diff' });
    expect(recorder.of('error')).toEqual([{ type: 'error', message: 'cannot parse the diff', cause: 'run' }]);
  });

  it('reports the outcome of a prompt that failed or ran out of budget, not a generic throw', async () => {
    fake = await startFakeAnthropic({ turns: [apiError(401, 'invalid x-api-key')] });
    const failed = await runTs((ctx) => ctx.prompt('hi'));
    expect(failed.outcome).toMatchObject({
      status: 'failed',
      cause: 'model_error',
      reason: 'model API returned 401 authentication_error: invalid x-api-key (request-id req_error_401)',
    });

    fake.push(text('one'), text('two'));
    const exhausted = await runTs(
      async (ctx) => {
        await ctx.prompt('first');
        return ctx.prompt('second');
      },
      { limits: limits({ maxTurns: 1 }) },
    );
    expect(exhausted.outcome).toMatchObject({ status: 'budget_exhausted', cause: 'turns', totals: { turns: 1 } });
  });

  it('checks the return value against result:, and refuses an unknown skill', async () => {
    fake = await startFakeAnthropic();
    const invalid = await runTs(async () => ({ severity: 'urgent' }), { result: severitySchema });
    expect(invalid.outcome).toMatchObject({
      status: 'failed',
      cause: 'invalid_result',
      reason: 'run(ctx) returned an invalid result: severity: expected "low" or "high", got "urgent"',
    });
    const unknown = await runTs((ctx) => ctx.skill('deploy'));
    expect(unknown.outcome.reason).toBe("run(ctx) threw: ctx.skill('deploy'): no such skill in the catalog of triage (skills: triage)");
  });

  it('ends a run that ignores its signal at the time limit, and a cancelled one as cancelled', async () => {
    fake = await startFakeAnthropic();
    const forever = () => new Promise<never>(() => {});
    const timedOut = await runTs(forever, { limits: limits({ timeoutMinutes: 0.002 }) });
    expect(timedOut.outcome).toMatchObject({ status: 'budget_exhausted', cause: 'timeout', reason: 'timed out after 0.002 minutes (timeout-minutes)' });

    const controller = new AbortController();
    setTimeout(() => controller.abort(), 30);
    const { options } = runContext();
    const cancelled = await runAgent({
      ...options,
      spec: spec({ run: forever }),
      tools: [],
      model: clientFor(fake),
      prompt: '',
      signal: controller.signal,
    });
    expect(cancelled).toMatchObject({ status: 'cancelled', cause: 'cancelled' });
  });
});
