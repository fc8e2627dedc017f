import type { AgentSpec } from '../definitions/types.js';

/**
 * `trusted`: the agent gets what it declares. `untrusted`: for events a stranger can cause (an issue
 * opened, a PR from a fork): read-only tools, no real commands, no network, declared outputs only.
 */
export type Profile = 'trusted' | 'untrusted';

/**
 * What an agent declares beyond the untrusted profile. An agent that needs any of it is refused for
 * events a non-writer caused, instead of silently running without it.
 */
export function trustedCapabilities(spec: Pick<AgentSpec, 'tools' | 'commands' | 'network'>): string[] {
  const needs: string[] = [];
  if (spec.tools.includes('write') || spec.tools.includes('edit')) needs.push('tools: write');
  if (spec.commands.length > 0) needs.push(`commands: ${spec.commands.join(', ')}`);
  if (spec.network.allow.length > 0) needs.push('network');
  return needs;
}
