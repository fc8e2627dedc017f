import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import * as v from 'valibot';
import type { SkillSpec } from '../../src/definitions/types.js';
import { createAgentTools, defineRunnerTool, OutputCollector, type ToolDefinition } from '../../src/tools/index.js';
import { makeWorkspace, sandboxFor } from '../sandbox/workspace.js';
import { agentSpec, call, error, ok } from './harness.js';

let dir: string;
let cleanup: () => Promise<void>;
let skill: SkillSpec;

beforeEach(async () => {
  ({ dir, cleanup } = await makeWorkspace());
  const skillDir = path.join(dir, '.flue/skills/triage');
  await fs.mkdir(path.join(skillDir, 'scripts'), { recursive: true });
  await fs.writeFile(path.join(skillDir, 'SKILL.md'), '---\nname: triage\ndescription: Triage issues\n---\n# Triage\n\nLabel the issue.\n');
  await fs.writeFile(path.join(skillDir, 'labels.md'), 'bug: broken\n');
  await fs.writeFile(path.join(skillDir, 'scripts/check.sh'), 'echo ok\n');
  skill = { name: 'triage', description: 'Triage issues', file: '.flue/skills/triage/SKILL.md', dir: skillDir };
});
afterEach(() => cleanup());

const outputs = {
  add_comment: { max: 1 },
  add_labels: { allowed: ['bug', 'area/*'], max: 2 },
  submit_review: { max: 1, events: ['COMMENT' as const] },
};
const byName = (tools: ToolDefinition[], name: string): ToolDefinition => {
  const tool = tools.find((candidate) => candidate.name === name);
  if (!tool) throw new Error(`no tool ${name}`);
  return tool;
};
const toolsFor = (
  overrides: Parameters<typeof agentSpec>[0],
  options: { isPullRequest?: boolean; profile?: 'trusted' | 'untrusted'; allowWrite?: boolean } = {},
) => {
  const spec = agentSpec(overrides);
  const context = { isPullRequest: options.isPullRequest ?? false };
  const collector = new OutputCollector(spec.outputs, context);
  const sandbox = sandboxFor(dir, { profile: options.profile ?? 'trusted', allowWrite: options.allowWrite ?? false });
  return { tools: createAgentTools(spec, sandbox, collector, context), collector };
};

describe('createAgentTools', () => {
  test('offers exactly what the agent declares, in a fixed order, custom tools last', () => {
    const custom = defineRunnerTool({ name: 'lookup', description: 'Look up', input: v.object({}), run: async () => 'x' });
    const { tools } = toolsFor(
      { tools: ['glob', 'grep', 'bash', 'write', 'read'], skills: [skill], outputs, customTools: [custom] },
      { isPullRequest: true, allowWrite: true },
    );
    expect(tools.map((tool) => tool.name)).toEqual([
      'read',
      'write',
      'edit',
      'bash',
      'grep',
      'glob',
      'activate_skill',
      'add_comment',
      'add_labels',
      'submit_review',
      'lookup',
    ]);
    expect(toolsFor({ tools: ['read'] }).tools.map((tool) => tool.name)).toEqual(['read']);
  });

  test('no write/edit on a read-only sandbox, no submit_review outside a pull request', () => {
    const names = (options: Parameters<typeof toolsFor>[1]) => toolsFor({ tools: ['read', 'write'], outputs }, options).tools.map((tool) => tool.name);
    expect(names({ profile: 'untrusted', allowWrite: true })).toEqual(['read', 'add_comment', 'add_labels']);
    expect(names({ allowWrite: true, isPullRequest: true })).toEqual(['read', 'write', 'edit', 'add_comment', 'add_labels', 'submit_review']);
  });

  test('the default tool set stays lean: under 3 KB of JSON', () => {
    const { tools } = toolsFor({ tools: ['read', 'write', 'bash', 'grep', 'glob'], skills: [skill], outputs }, { allowWrite: true });
    const json = JSON.stringify(tools.map((tool) => ({ name: tool.name, description: tool.description, input_schema: tool.inputSchema })));
    expect(json.length).toBeLessThan(3_000);
  });
});

describe('activate_skill', () => {
  test('returns the SKILL.md body and the files beside it as paths read accepts', async () => {
    const activate = byName(toolsFor({ skills: [skill] }).tools, 'activate_skill');
    expect(await call(activate, { name: 'triage' })).toEqual(
      ok(
        '# Triage\n\nLabel the issue.\n\nFiles of this skill (open them with read):\n- .flue/skills/triage/labels.md\n- .flue/skills/triage/scripts/check.sh',
      ),
    );
  });

  test('an unknown name lists the skills in the catalog', async () => {
    const activate = byName(toolsFor({ skills: [skill] }).tools, 'activate_skill');
    expect(await call(activate, { name: 'deploy' })).toEqual(error("Unknown skill 'deploy'. Available: triage"));
  });
});

describe('bash', () => {
  const base =
    'Run a bash script in the workspace (a sandboxed shell: common Unix tools, no network unless allowed). timeout in seconds, default 120, max 600.';

  test("names the agent's real programs, so the model calls them as the entries allow", () => {
    const { tools } = toolsFor({ tools: ['bash'], commands: ['npm test', 'git diff {args}'] });
    expect(byName(tools, 'bash').description).toBe(
      `${base} Real programs, exact argument lists only ({arg}: one operand, {args}: any, never an option): npm test; git diff {args}.`,
    );
  });

  test('says nothing of programs the run cannot start: none listed, or the untrusted profile', () => {
    expect(byName(toolsFor({ tools: ['bash'] }).tools, 'bash').description).toBe(base);
    const untrusted = toolsFor({ tools: ['bash'], commands: ['npm test'] }, { profile: 'untrusted' });
    expect(byName(untrusted.tools, 'bash').description).toBe(base);
  });
});

describe('safe-output tools', () => {
  test('record proposals the policy allows and return refusals the model can fix', async () => {
    const { tools, collector } = toolsFor({ outputs }, { isPullRequest: true });
    expect(byName(tools, 'add_labels').description).toBe('Propose labels to add. Allowed: bug, area/*; at most 2.');
    expect(await call(byName(tools, 'add_labels'), { labels: ['wontfix'] })).toEqual(
      error("add_labels: label 'wontfix' is not allowed; allowed: bug, area/*"),
    );
    expect(await call(byName(tools, 'add_labels'), { labels: ['bug', 'area/cli'] })).toEqual(ok('Proposed as output-1; it is applied after the run.'));
    expect(await call(byName(tools, 'add_comment'), { body: 'Labelled.' })).toEqual(ok('Proposed as output-2; it is applied after the run.'));
    expect(await call(byName(tools, 'submit_review'), { body: 'LGTM', comments: [{ path: 'src/a.txt', line: 1, body: 'ok' }] })).toEqual(
      ok('Proposed as output-3; it is applied after the run.'),
    );
    expect(await call(byName(tools, 'submit_review'), { body: 'LGTM', event: 'APPROVE' })).toEqual(
      error('Invalid input for submit_review:\n- event: Invalid type: Expected "COMMENT" but received "APPROVE"'),
    );
    expect(await call(byName(tools, 'add_comment'), {})).toEqual(
      error('Invalid input for add_comment:\n- body: Invalid key: Expected "body" but received undefined'),
    );
    expect(collector.list()).toEqual([
      { id: 'output-1', output: { kind: 'add_labels', labels: ['bug', 'area/cli'] } },
      { id: 'output-2', output: { kind: 'add_comment', body: 'Labelled.' } },
      {
        id: 'output-3',
        output: { kind: 'submit_review', body: 'LGTM', event: 'COMMENT', comments: [{ path: 'src/a.txt', line: 1, body: 'ok' }] },
      },
    ]);
  });
});
