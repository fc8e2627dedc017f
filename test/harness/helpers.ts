import type { AgentLimits, AgentSpec, ResultSchema } from '../../src/definitions/types.js';
import { AnthropicModelClient, type AnthropicClientOptions, type RetryClock } from '../../src/harness/anthropic/client.js';
import { Budget } from '../../src/harness/budget.js';
import type { LoopOptions } from '../../src/harness/loop.js';
import type { SessionEventInput, SessionRecorder } from '../../src/session-log/events.js';
import type { ProposedOutput, ToolDefinition, ToolResult } from '../../src/tools/types.js';
import type { Trigger } from '../../src/trigger/types.js';
import type { FakeAnthropic } from '../fakes/anthropic.js';

export const MODEL = 'claude-sonnet-4-6';

/** Records into an array; `of(type)` returns the events of one type without `time`. */
export function memoryRecorder() {
  const events: SessionEventInput[] = [];
  return {
    events,
    record(event: SessionEventInput) {
      events.push(event);
    },
    of<T extends SessionEventInput['type']>(type: T) {
      return events.filter((event): event is Extract<SessionEventInput, { type: T }> => event.type === type);
    },
  } satisfies SessionRecorder & Record<string, unknown>;
}

export function limits(overrides: Partial<AgentLimits> = {}): AgentLimits {
  return { maxTurns: 30, maxCostUsd: 2, timeoutMinutes: 10, maxTokens: 2_000_000, modelRetryMinutes: 5, modelIdleSeconds: 60, ...overrides };
}

export function clientFor(fake: FakeAnthropic, maxRetries = 2, options: Partial<AnthropicClientOptions> = {}): AnthropicModelClient {
  return new AnthropicModelClient({ apiKey: 'sk-test', baseURL: fake.url, maxRetries, clock: virtualClock(), ...options });
}

/**
 * Real time plus the time slept: backoffs take no wall time, but the client sees them pass. `slept`
 * lists each wait asked for; no jitter unless `random` says so.
 */
export function virtualClock(random = () => 0): RetryClock & { slept: number[] } {
  const slept: number[] = [];
  let skipped = 0;
  return {
    slept,
    now: () => performance.now() + skipped,
    async sleep(ms) {
      slept.push(ms);
      skipped += ms;
    },
    random,
  };
}

/** A tool whose result is computed from its input; records the inputs it was called with. */
export function tool(
  name: string,
  run: (input: Record<string, unknown>) => string | ToolResult | Promise<string | ToolResult>,
): ToolDefinition & { calls: unknown[] } {
  const calls: unknown[] = [];
  return {
    name,
    description: `${name} test tool`,
    inputSchema: { type: 'object', properties: {} },
    calls,
    async execute(input) {
      calls.push(input);
      const result = await run(input as Record<string, unknown>);
      return typeof result === 'string' ? { content: result } : result;
    },
  };
}

/** Everything a loop needs, against the fake; override what a test is about. */
export function loopOptions(fake: FakeAnthropic, overrides: Partial<LoopOptions> = {}) {
  const recorder = memoryRecorder();
  const budget = overrides.budget ?? new Budget(limits());
  const options: LoopOptions = {
    model: clientFor(fake),
    modelId: MODEL,
    system: 'You are a test agent.',
    tools: [],
    prompt: 'Do the thing.',
    budget,
    recorder,
    ...overrides,
  };
  return { options, recorder, budget };
}

/** A result schema `{ severity: 'low' | 'high' }` with the validator's message the way definitions word it. */
export const severitySchema: ResultSchema = {
  jsonSchema: {
    type: 'object',
    properties: { severity: { enum: ['low', 'high'] } },
    required: ['severity'],
  },
  validate(value) {
    const severity = (value as { severity?: unknown } | null)?.severity;
    if (severity === 'low' || severity === 'high') return { ok: true, value: { severity } };
    return { ok: false, message: `severity: expected "low" or "high", got ${JSON.stringify(severity)}` };
  },
};

export function spec(overrides: Partial<AgentSpec> = {}): AgentSpec {
  return {
    name: 'triage',
    file: '.flue/agents/triage.md',
    format: 'markdown',
    description: 'Triage issues',
    model: MODEL,
    instructions: 'You triage issues.',
    skills: [],
    tools: ['read'],
    commands: [],
    network: { allow: [] },
    subagents: [],
    outputs: {},
    limits: limits(),
    customTools: [],
    files: {},
    warnings: [],
    ...overrides,
  };
}

export const trigger: Trigger = {
  kind: 'manual',
  eventName: 'manual',
  repository: { owner: 'acme', name: 'app' },
  isPullRequest: false,
  labels: [],
  actor: 'alice',
  actorIsBot: false,
  refs: {},
  inputs: { level: 3 },
};

/** The options runAgent needs besides the agent and the model; `proposed` and `commands` collect what ran. */
export function runContext(recorder = memoryRecorder()) {
  const proposed: ProposedOutput[] = [];
  const commands: string[] = [];
  return {
    proposed,
    commands,
    recorder,
    options: {
      workspace: '/w',
      recorder,
      event: trigger,
      outputs: { propose: (output: ProposedOutput) => void proposed.push(output) },
      shell: async (command: string) => {
        commands.push(command);
        return { stdout: `ran ${command}`, stderr: '', exitCode: command.startsWith('false') ? 1 : 0 };
      },
    },
  };
}
