// What each agent field means, for docs/reference.md (scripts/docs-reference.mjs renders it). The readers in
// this folder (fields.ts, outputs.ts, agent-limits.ts) are the validation; this table only describes them.
// Keyed by the readers' own lists (COMMON_FIELDS, AgentLimits, OutputKind), so a field added there without a
// description here fails the type check, and defaults come from the constants the readers use.
import { LIMITS } from '../limits.js';
import { DEFAULT_AGENT_LIMITS } from './agent-limits.js';
import { DEFAULT_TOOLS } from './fields.js';
import { DEFAULT_MODEL } from './model-id.js';
import type { COMMON_FIELDS } from './naming.js';
import type { AgentLimits, OutputKind } from './types.js';
import { SANDBOX_TOOLS } from './types.js';

export interface FieldDoc {
  /** The YAML/TS shape, in words: `string`, `list of names`, `mapping`. */
  type: string;
  /** What applies when the field is absent; `required` when it may not be. */
  default: string;
  description: string;
}

export const AGENT_FIELD_DOCS: Record<(typeof COMMON_FIELDS)[number], FieldDoc> = {
  description: { type: 'string', default: 'required', description: 'One line saying what the agent does; `flue-action list` shows it.' },
  model: {
    type: 'string',
    default: `\`${DEFAULT_MODEL}\``,
    description: 'Anthropic model id, `anthropic/claude-...` or bare `claude-...`. The action input and `--model` replace it.',
  },
  role: { type: 'name', default: 'none', description: 'A file in `.flue/roles/` (without `.md`) whose text is added to the system prompt.' },
  skills: {
    type: 'list of names',
    default: 'every skill found',
    description: 'Skills offered to the model (`.flue/skills/`, `.agents/skills/`, `.claude/skills/`); their bodies load when the model activates one.',
  },
  tools: {
    type: 'list of names',
    default: DEFAULT_TOOLS.map((tool) => `\`${tool}\``).join(', '),
    description: `Sandbox tools: ${SANDBOX_TOOLS.map((tool) => `\`${tool}\``).join(', ')}. \`write\` also enables \`edit\`. A TS agent may also list custom tools (defineTool).`,
  },
  commands: {
    type: 'list of strings',
    default: 'none',
    description: 'Real processes the agent may run, allow-listed: `npm test` is that exact argv; `git diff {args}` adds operands, never options.',
  },
  network: { type: 'mapping: allow', default: 'no network', description: '`allow:` lists http(s) URL prefixes that `curl` in the sandbox may reach.' },
  subagents: { type: 'list of names', default: 'none', description: 'Other agents in `.flue/agents/` this one may delegate to with the `task` tool.' },
  outputs: {
    type: 'mapping of output kinds',
    default: 'none: the agent may propose nothing',
    description: 'The safe outputs the agent may propose; the runner checks and applies them. See the output kinds below.',
  },
  result: {
    type: 'JSON Schema (markdown) or valibot schema (TS)',
    default: 'none: the run ends with the model’s last text',
    description: 'The structured result the agent must deliver through the `finish` tool; the action’s `result` output.',
  },
  limits: { type: 'mapping', default: 'the limits below', description: 'Budget of one run; each key is optional. See the limits below.' },
};

/** The extra fields of a TypeScript agent (`defineAgent({...})`). */
export const CODE_AGENT_FIELD_DOCS: Record<'instructions' | 'run', FieldDoc> = {
  instructions: { type: 'string', default: 'none', description: 'The system prompt: what the body of a markdown agent is.' },
  run: {
    type: 'function (ctx)',
    default: 'prompt the model once',
    description: 'Code-driven workflow: `ctx.prompt`, `ctx.skill`, `ctx.task`, `ctx.shell`, `ctx.event`, `ctx.outputs.*`, `ctx.log`.',
  },
};

export const LIMIT_DOCS: Record<keyof AgentLimits, { type: string; description: string }> = {
  maxTurns: { type: 'whole number', description: 'Most model calls in the run.' },
  maxCostUsd: { type: 'number', description: 'Most USD the run may spend on the model.' },
  timeoutMinutes: { type: 'number', description: 'Wall-clock limit of the run; it ends cleanly with a status.' },
  maxTokens: { type: 'whole number', description: 'Input plus output tokens over the whole run (all model calls).' },
  modelRetryMinutes: { type: 'number', description: 'How long one model call keeps retrying an overload, a server error or a broken stream.' },
  modelIdleSeconds: { type: 'number', description: 'Silence on a started model stream before the attempt is aborted and retried.' },
};

export const LIMIT_DEFAULTS: AgentLimits = DEFAULT_AGENT_LIMITS;

export interface OutputDoc {
  description: string;
  /** Each policy key the reader accepts, with its default. */
  keys: Record<string, { default: string; description: string }>;
}

export const OUTPUT_DOCS: Record<OutputKind, OutputDoc> = {
  add_comment: {
    description: 'A comment on the issue or pull request (a note on GitLab).',
    keys: { max: { default: String(LIMITS.defaultCommentsMax), description: 'Most comments applied in one run.' } },
  },
  add_labels: {
    description: 'Labels added to the issue or pull request.',
    keys: {
      allowed: { default: 'required', description: 'Label names or globs (`area/*`) the agent may add.' },
      max: { default: String(LIMITS.defaultLabelsMax), description: 'Most labels in one run.' },
    },
  },
  remove_labels: {
    description: 'Labels removed from the issue or pull request.',
    keys: {
      allowed: { default: 'required', description: 'Label names or globs the agent may remove.' },
      max: { default: String(LIMITS.defaultLabelsMax), description: 'Most labels in one run.' },
    },
  },
  submit_review: {
    description: 'One pull request review with inline comments.',
    keys: {
      max: { default: String(LIMITS.defaultReviewsMax), description: 'Most reviews in one run.' },
      events: { default: '`[COMMENT]`', description: 'Review events allowed: `COMMENT`, `REQUEST_CHANGES`, `APPROVE` (only when listed).' },
    },
  },
  propose_change: {
    description:
      "The agent's edits in the checkout, committed by the runner to a new branch with a draft pull request (a merge request on GitLab); trusted runs only.",
    keys: {
      max: { default: '1', description: 'Most change sets in one run.' },
      'branch-prefix': { default: '`flue/`', description: 'The new branch is `<prefix><agent>-<run id>`.' },
      'protected-paths': {
        default: 'none',
        description: 'Globs never committed, besides the ones always protected (`.github/`, `.gitlab-ci.yml`, `.flue/`, `.git`, ...).',
      },
      'max-files': { default: String(LIMITS.defaultChangeMaxFiles), description: 'Most files a change set may touch.' },
      'max-lines': { default: String(LIMITS.defaultChangeMaxLines), description: 'Most lines added and removed.' },
      draft: { default: 'true', description: 'Open the pull or merge request as a draft.' },
      'on-pull-request': {
        default: '`branch`',
        description:
          'On a pull (merge) request event: `branch` opens a pull request into its branch; `suggestions` posts the change as one review of suggestions on it.',
      },
    },
  },
};

/** SKILL.md frontmatter: the Agent Skills specification's fields (skill-file.ts warns about any other). */
export const SKILL_FIELD_DOCS: Record<string, FieldDoc> = {
  name: {
    type: 'string',
    default: 'the folder name, with a warning',
    description: 'Lowercase letters, digits and single hyphens, at most 64 characters; should match the folder.',
  },
  description: {
    type: 'string',
    default: 'required',
    description: 'What the skill does and when to use it (at most 1024 characters): the model chooses skills by it.',
  },
  license: { type: 'string', default: 'none', description: 'The license of the skill.' },
  compatibility: { type: 'string', default: 'none', description: 'What the skill needs from its environment (at most 500 characters).' },
  metadata: { type: 'mapping of strings', default: 'none', description: 'Free-form key-value pairs.' },
  'allowed-tools': {
    type: 'list or space-separated string',
    default: 'none',
    description: 'Tools the skill expects; recorded, not granted: `tools:` of the agent decides.',
  },
};
