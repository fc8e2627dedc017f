import { afterEach, describe, expect, it } from 'vitest';
import { Budget } from '../../src/harness/budget.js';
import type { ToolDefinition } from '../../src/tools/types.js';
import { runLoop } from '../../src/harness/loop.js';
import { hang, startFakeAnthropic, text, toolBlock, toolUse, turn, type FakeAnthropic } from '../fakes/anthropic.js';
import { limits, loopOptions, severitySchema, tool } from './helpers.js';

let fake: FakeAnthropic;
let budget: Budget | undefined;
afterEach(async () => {
  budget?.dispose();
  await fake?.close();
});

/** A model that never stops calling a tool. */
const endless = () => startFakeAnthropic({ handler: () => toolUse('echo', {}) });

describe('limits', () => {
  it('stops after max-turns model calls with budget_exhausted and one limit event', async () => {
    fake = await endless();
    budget = new Budget(limits({ maxTurns: 2 }));
    const echo = tool('echo', () => 'again');
    const { options, recorder } = loopOptions(fake, { budget, tools: [echo] });
    const outcome = await runLoop(options);
    expect(outcome).toMatchObject({ status: 'budget_exhausted', cause: 'turns', reason: 'reached max-turns (2 of 2)' });
    expect(fake.requests).toHaveLength(2);
    expect(echo.calls).toHaveLength(2); // the last allowed turn still gets its tool results
    expect(recorder.of('limit')).toEqual([{ type: 'limit', limit: 'turns', value: 2, max: 2 }]);
  });

  it('stops when the run has used max-tokens, without running the tools of the turn that crossed it', async () => {
    fake = await endless();
    budget = new Budget(limits({ maxTokens: 250 })); // 110 tokens a turn by default
    const echo = tool('echo', () => 'again');
    const { options, recorder } = loopOptions(fake, { budget, tools: [echo] });
    const outcome = await runLoop(options);
    expect(outcome).toMatchObject({ status: 'budget_exhausted', cause: 'tokens', reason: 'reached max-tokens (330 of 250)' });
    expect(echo.calls).toHaveLength(2);
    expect(outcome.totals).toMatchObject({ turns: 3, inputTokens: 300, outputTokens: 30 });
    expect(recorder.of('limit')).toEqual([{ type: 'limit', limit: 'tokens', value: 330, max: 250 }]);
  });

  it('stops at max-cost-usd, priced from the model table (Sonnet 4.6: $3 in, $15 out per million)', async () => {
    const usage = { input_tokens: 100_000, output_tokens: 10_000 }; // $0.30 + $0.15 a turn
    fake = await startFakeAnthropic({ handler: () => toolUse('echo', {}, { usage }) });
    budget = new Budget(limits({ maxCostUsd: 1 }));
    const { options, recorder } = loopOptions(fake, { budget, tools: [tool('echo', () => 'again')] });
    const outcome = await runLoop(options);
    expect(outcome).toMatchObject({ status: 'budget_exhausted', cause: 'cost', reason: 'reached max-cost-usd (1.35 of 1)' });
    expect(outcome.totals).toMatchObject({ turns: 3, costUsd: 1.35 });
    expect(recorder.of('limit')).toEqual([{ type: 'limit', limit: 'cost', value: 1.35, max: 1 }]);
    expect(recorder.of('model_response').map((e) => e.costUsd)).toEqual([0.45, 0.45, 0.45]);
  });

  it('still accepts a valid finish delivered on the turn that crossed the cost cap', async () => {
    const usage = { input_tokens: 400_000 }; // $1.20
    fake = await startFakeAnthropic({ turns: [turn([toolBlock('finish', { severity: 'high' })], { usage })] });
    budget = new Budget(limits({ maxCostUsd: 1 }));
    const outcome = await runLoop(loopOptions(fake, { budget, result: severitySchema }).options);
    expect(outcome).toMatchObject({ status: 'succeeded', cause: 'finished', result: { severity: 'high' } });
  });

  it('charges an unknown model the highest known price and says so once', async () => {
    fake = await startFakeAnthropic({
      turns: [toolUse('echo', {}, { usage: { input_tokens: 1_000_000 } }), text('done', { usage: { input_tokens: 0, output_tokens: 0 } })],
    });
    budget = new Budget(limits({ maxCostUsd: 100 }));
    const { options, recorder } = loopOptions(fake, { budget, modelId: 'claude-nova-9', tools: [tool('echo', () => 'x')] });
    const outcome = await runLoop(options);
    expect(outcome.totals.costUsd).toBe(15.00075); // $15 a million input at the fallback price, plus 10 output tokens at $75
    expect(recorder.of('warning')).toEqual([
      {
        type: 'warning',
        message: "No price known for model 'claude-nova-9': cost is estimated at the highest known rate ($15/$75 per million input/output tokens).",
      },
    ]);
  });

  it('fails with cause timeout when the wall-clock limit passes while the model hangs', async () => {
    fake = await startFakeAnthropic({ turns: [hang()] });
    budget = new Budget(limits({ timeoutMinutes: 0.003 })); // 180 ms
    const { options, recorder } = loopOptions(fake, { budget });
    const started = performance.now();
    const outcome = await runLoop(options);
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(outcome).toMatchObject({ status: 'budget_exhausted', cause: 'timeout', reason: 'timed out after 0.003 minutes (timeout-minutes)' });
    const [limit] = recorder.of('limit');
    expect(limit).toEqual({ type: 'limit', limit: 'time', value: expect.any(Number), max: 180 });
    expect(limit!.value).toBeGreaterThanOrEqual(179);
  });

  it('fails with cause timeout when the limit passes inside a tool that honours the signal', async () => {
    fake = await startFakeAnthropic({ turns: [toolUse('wait', {})] });
    budget = new Budget(limits({ timeoutMinutes: 0.002 }));
    const wait: ToolDefinition[] = [
      {
        name: 'wait',
        description: 'waits for the abort',
        inputSchema: { type: 'object' },
        execute: (_input, { signal }) => new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(signal.reason))),
      },
    ];
    const outcome = await runLoop(loopOptions(fake, { budget, tools: wait }).options);
    expect(outcome).toMatchObject({ status: 'budget_exhausted', cause: 'timeout' });
    expect(fake.requests).toHaveLength(1);
  });

  it('does not wait for a tool that ignores the signal once the time limit passes', async () => {
    fake = await startFakeAnthropic({ turns: [toolUse('stuck', {})] });
    budget = new Budget(limits({ timeoutMinutes: 0.002 }));
    const stuck = tool('stuck', () => new Promise<string>(() => {}));
    const outcome = await runLoop(loopOptions(fake, { budget, tools: [stuck] }).options);
    expect(outcome).toMatchObject({ status: 'budget_exhausted', cause: 'timeout' });
    expect(stuck.calls).toHaveLength(1);
  });

  it('ends as cancelled, without a limit event, when the caller aborts', async () => {
    fake = await startFakeAnthropic({ turns: [hang('mid-stream')] });
    const controller = new AbortController();
    budget = new Budget(limits(), { signal: controller.signal });
    const { options, recorder } = loopOptions(fake, { budget });
    setTimeout(() => controller.abort(), 50);
    const outcome = await runLoop(options);
    expect(outcome).toMatchObject({ status: 'cancelled', cause: 'cancelled', reason: 'the run was cancelled' });
    expect(recorder.of('limit')).toEqual([]);
  });

  it('does not call the model at all once the shared budget is spent', async () => {
    fake = await startFakeAnthropic({ turns: [text('one'), text('two')] });
    budget = new Budget(limits({ maxTurns: 1 }));
    expect((await runLoop(loopOptions(fake, { budget }).options)).status).toBe('succeeded');
    expect(await runLoop(loopOptions(fake, { budget }).options)).toMatchObject({ status: 'budget_exhausted', cause: 'turns' });
    expect(fake.requests).toHaveLength(1);
  });
});
