import { afterEach, describe, expect, it } from 'vitest';
import type { ResultSchema } from '../../src/definitions/types.js';
import { runLoop } from '../../src/harness/loop.js';
import { LIMITS } from '../../src/limits.js';
import { startFakeAnthropic, text, textBlock, toolBlock, toolUse, turn, type FakeAnthropic } from '../fakes/anthropic.js';
import { loopOptions, severitySchema } from './helpers.js';

let fake: FakeAnthropic;
afterEach(() => fake?.close());

const toolResults = (request: number) => fake.requests[request]!.body.messages.at(-1).content;

describe('structured results: finish and give_up', () => {
  it('offers finish with the result schema as its input schema, and succeeds with the validated value', async () => {
    fake = await startFakeAnthropic({ turns: [turn([textBlock('Triaged.'), toolBlock('finish', { severity: 'low' })])] });
    const outcome = await runLoop(loopOptions(fake, { result: severitySchema }).options);
    expect(outcome).toMatchObject({ status: 'succeeded', cause: 'finished', result: { severity: 'low' }, text: 'Triaged.' });
    const finish = fake.requests[0]!.body.tools.find((t: { name: string }) => t.name === 'finish');
    expect(finish).toEqual({
      name: 'finish',
      description: 'Deliver the final result; its input is the result. Call once, when done.',
      input_schema: severitySchema.jsonSchema,
    });
  });

  it('returns the validation message to the model, which corrects itself', async () => {
    fake = await startFakeAnthropic({ turns: [toolUse('finish', { severity: 'urgent' }), toolUse('finish', { severity: 'high' })] });
    const outcome = await runLoop(loopOptions(fake, { result: severitySchema }).options);
    expect(outcome).toMatchObject({ status: 'succeeded', result: { severity: 'high' } });
    expect(toolResults(1)).toEqual([
      {
        type: 'tool_result',
        tool_use_id: 'toolu_fake_001',
        content: `Invalid result: severity: expected "low" or "high", got "urgent"\nFix it and call finish again (attempt 1 of ${LIMITS.resultRetries + 1}).`,
        is_error: true,
        cache_control: { type: 'ephemeral' },
      },
    ]);
  });

  it(`fails after ${LIMITS.resultRetries + 1} invalid finish calls`, async () => {
    const attempts = LIMITS.resultRetries + 1;
    fake = await startFakeAnthropic({ turns: Array.from({ length: attempts }, () => toolUse('finish', { severity: 9 })) });
    const outcome = await runLoop(loopOptions(fake, { result: severitySchema }).options);
    expect(outcome).toMatchObject({
      status: 'failed',
      cause: 'invalid_result',
      reason: `result still invalid after ${attempts} finish calls: severity: expected "low" or "high", got 9`,
    });
    expect(fake.requests).toHaveLength(attempts);
  });

  it('fails with the reason the agent gives to give_up', async () => {
    fake = await startFakeAnthropic({ turns: [toolUse('give_up', { reason: 'the issue is in another repository' })] });
    const outcome = await runLoop(loopOptions(fake).options);
    expect(outcome).toMatchObject({
      status: 'failed',
      cause: 'gave_up',
      reason: 'the agent gave up: the issue is in another repository',
    });
  });

  it('nudges once when the model ends without finish, and succeeds if it then finishes', async () => {
    fake = await startFakeAnthropic({ turns: [text('Severity is low.'), toolUse('finish', { severity: 'low' })] });
    const outcome = await runLoop(loopOptions(fake, { result: severitySchema }).options);
    expect(outcome).toMatchObject({ status: 'succeeded', result: { severity: 'low' } });
    expect(fake.requests[1]!.body.messages.at(-1)).toEqual({
      role: 'user',
      content: [
        {
          type: 'text',
          text: 'You ended without calling finish. Call finish with the result now (its input is the result), or give_up with the reason you cannot.',
          cache_control: { type: 'ephemeral' },
        },
      ],
    });
  });

  it('fails when the model ends twice without the required result', async () => {
    fake = await startFakeAnthropic({ turns: [text('Low.'), text('I said low.')] });
    const outcome = await runLoop(loopOptions(fake, { result: severitySchema }).options);
    expect(outcome).toMatchObject({
      status: 'failed',
      cause: 'missing_result',
      reason: 'the agent ended without the required result (finish was not called)',
      text: 'I said low.',
    });
  });

  it('wraps a non-object result schema as { result } and unwraps the value', async () => {
    const label: ResultSchema = {
      jsonSchema: { $schema: 'http://json-schema.org/draft-07/schema#', type: 'string', enum: ['bug', 'feature'] },
      validate: (value) => (value === 'bug' || value === 'feature' ? { ok: true, value } : { ok: false, message: 'expected bug or feature' }),
    };
    fake = await startFakeAnthropic({ turns: [toolUse('finish', { result: 'bug' })] });
    const outcome = await runLoop(loopOptions(fake, { result: label }).options);
    expect(outcome).toMatchObject({ status: 'succeeded', result: 'bug' });
    expect(fake.requests[0]!.body.tools.find((t: { name: string }) => t.name === 'finish').input_schema).toEqual({
      type: 'object',
      properties: { result: { type: 'string', enum: ['bug', 'feature'] } },
      required: ['result'],
    });
  });
});
