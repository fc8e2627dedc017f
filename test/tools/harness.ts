import type { AgentSpec } from '../../src/definitions/types.js';
import type { ToolDefinition, ToolResult } from '../../src/tools/index.js';

/** Calls a tool as the harness does, with a live signal unless one is given. */
export function call(tool: ToolDefinition, input: unknown, signal = new AbortController().signal): Promise<ToolResult> {
  return tool.execute(input, { signal });
}

export const ok = (content: string): ToolResult => ({ content });
export const error = (content: string): ToolResult => ({ content, isError: true });

/** A complete AgentSpec with nothing enabled; tests switch on what they exercise. */
export function agentSpec(overrides: Partial<AgentSpec> = {}): AgentSpec {
  return {
    name: 'test',
    file: '.flue/agents/test.md',
    format: 'markdown',
    description: 'test agent',
    model: 'claude-sonnet-4-6',
    instructions: 'Do the thing.',
    skills: [],
    tools: [],
    commands: [],
    network: { allow: [] },
    subagents: [],
    outputs: {},
    limits: { maxTurns: 30, maxCostUsd: 2, timeoutMinutes: 10, maxTokens: 2_000_000, modelRetryMinutes: 5, modelIdleSeconds: 60 },
    customTools: [],
    files: {},
    warnings: [],
    ...overrides,
  };
}
