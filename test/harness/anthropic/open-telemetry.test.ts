// The SDK traces and propagates through OpenTelemetry unless told not to. The client leaves that on
// when the process registered a propagator or tracer provider, and turns it off when nothing did.
import { propagation, type TextMapPropagator } from '@opentelemetry/api';
import { afterEach, expect, it } from 'vitest';
import { openTelemetryRegistered } from '../../../src/harness/anthropic/client.js';
import type { ModelRequest } from '../../../src/harness/model.js';
import { startFakeAnthropic, text, type FakeAnthropic } from '../../fakes/anthropic.js';
import { clientFor, MODEL } from '../helpers.js';

let fake: FakeAnthropic | undefined;
afterEach(async () => {
  propagation.disable();
  await fake?.close();
});

const request: ModelRequest = { model: MODEL, maxTokens: 64, system: [], tools: [], messages: [{ role: 'user', content: 'Hi.' }] };

/** A propagator that marks every request it is asked to inject into. */
const marker: TextMapPropagator = {
  inject: (_context, carrier, setter) => setter.set(carrier, 'x-flue-test-trace', 'propagated'),
  extract: (context) => context,
  fields: () => ['x-flue-test-trace'],
};

it('propagates through a registered propagator, and not from a client made before there was one', async () => {
  fake = await startFakeAnthropic({ turns: [text('one'), text('two')] });
  expect(openTelemetryRegistered()).toBe(false);
  const madeBefore = clientFor(fake);

  expect(propagation.setGlobalPropagator(marker)).toBe(true);
  expect(openTelemetryRegistered()).toBe(true);
  const madeAfter = clientFor(fake);

  expect((await madeAfter.send(request, new AbortController().signal)).ok).toBe(true);
  expect((await madeBefore.send(request, new AbortController().signal)).ok).toBe(true);
  expect(fake.requests.map((sent) => sent.headers['x-flue-test-trace'])).toEqual(['propagated', undefined]);
});
