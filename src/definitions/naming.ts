import type { AgentLimits, OutputKind } from './types.js';

/**
 * How each agent format spells multi-word fields. YAML frontmatter is kebab-case like action inputs
 * (`max-turns`); a TS agent is camelCase like the rest of its code (`maxTurns`, `addComment`, matching
 * `ctx.outputs.addComment`). Output kinds keep their tool names in markdown (`add_comment`).
 */
export interface FieldNaming {
  format: 'markdown' | 'typescript';
  limits: Record<keyof AgentLimits, string>;
  outputs: Record<OutputKind, string>;
}

export const MARKDOWN_NAMING: FieldNaming = {
  format: 'markdown',
  limits: {
    maxTurns: 'max-turns',
    maxCostUsd: 'max-cost-usd',
    timeoutMinutes: 'timeout-minutes',
    maxTokens: 'max-tokens',
    modelRetryMinutes: 'model-retry-minutes',
    modelIdleSeconds: 'model-idle-seconds',
  },
  outputs: {
    add_comment: 'add_comment',
    add_labels: 'add_labels',
    remove_labels: 'remove_labels',
    submit_review: 'submit_review',
    propose_change: 'propose_change',
  },
};

export const CODE_NAMING: FieldNaming = {
  format: 'typescript',
  limits: {
    maxTurns: 'maxTurns',
    maxCostUsd: 'maxCostUsd',
    timeoutMinutes: 'timeoutMinutes',
    maxTokens: 'maxTokens',
    modelRetryMinutes: 'modelRetryMinutes',
    modelIdleSeconds: 'modelIdleSeconds',
  },
  outputs: {
    add_comment: 'addComment',
    add_labels: 'addLabels',
    remove_labels: 'removeLabels',
    submit_review: 'submitReview',
    propose_change: 'proposeChange',
  },
};

/** Top-level fields both formats share; anything else is warned about, not refused. */
export const COMMON_FIELDS = [
  'description',
  'model',
  'role',
  'skills',
  'tools',
  'commands',
  'network',
  'subagents',
  'outputs',
  'result',
  'limits',
] as const;
