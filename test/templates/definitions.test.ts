/**
 * Each ready-made agent under templates/agents/ as a user adopts it: the layout `flue-action init` copies,
 * definitions that pass `check --strict`, a GitHub workflow that uses only inputs action.yml declares with
 * the least permissions its outputs need, and a GitLab include that uses only inputs templates/agent.yml
 * declares (its `spec:`), matching their types and patterns.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { cli, makeTempDir, removeTempDirs, ROOT } from '../cli/helpers.js';
import { filesUnder, flueFiles, TEMPLATE_NAMES, TEMPLATES_DIR, templateFile, type TemplateName } from './templates.js';

type Mapping = Record<string, unknown>;

const action = parse(readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as { inputs: Record<string, unknown> };
const [specDocument] = parseAllDocuments(readFileSync(path.join(ROOT, 'templates', 'agent.yml'), 'utf8'));
const spec = (
  (specDocument?.toJS() ?? { spec: { inputs: {} } }) as { spec: { inputs: Record<string, { type?: string; regex?: string; default?: unknown }> } }
).spec.inputs;

/** What each template's workflow listens to, and the permissions its outputs need: nothing more. */
const GITHUB: Record<TemplateName, { events: string[]; permissions: Mapping }> = {
  triage: { events: ['issues'], permissions: { contents: 'read', issues: 'write' } },
  review: { events: ['pull_request'], permissions: { contents: 'read', 'pull-requests': 'write' } },
  'ci-explainer': { events: ['workflow_run'], permissions: { actions: 'read', contents: 'read', 'pull-requests': 'write' } },
  mention: { events: ['issue_comment', 'pull_request_review_comment'], permissions: { contents: 'write', issues: 'write', 'pull-requests': 'write' } },
};

afterEach(removeTempDirs);

function workflow(name: TemplateName): Mapping {
  return parse(templateFile(name, 'github/workflow.yml')) as Mapping;
}

function flueStep(name: TemplateName): { uses: string; with: Record<string, string> } {
  const jobs = Object.values(workflow(name).jobs as Record<string, { steps: Array<{ uses?: string; with?: Record<string, string> }> }>);
  const steps = jobs.flatMap((job) => job.steps).filter((step) => step.uses?.includes('/flue-action@'));
  expect(steps, `${name}: one flue-action step`).toHaveLength(1);
  const step = steps[0] as { uses: string; with: Record<string, string> };
  return { uses: step.uses, with: step.with ?? {} };
}

function gitlabInclude(name: TemplateName): { include: { component: string; inputs: Mapping }; jobs: Mapping } {
  const { include, ...jobs } = parse(templateFile(name, 'gitlab/ci.yml')) as { include: Array<{ component: string; inputs: Mapping }> };
  expect(include, `${name}: one include`).toHaveLength(1);
  return { include: include[0] as { component: string; inputs: Mapping }, jobs };
}

describe.each(TEMPLATE_NAMES)('templates/agents/%s', (name) => {
  test('has the layout init copies: flue/ with the agent, its skills and its scripted session; the workflow; the include; a README', () => {
    const files = Object.keys(filesUnder(path.join(TEMPLATES_DIR, name))).sort();
    expect(files).toContain(`flue/agents/${name}.md`);
    expect(files).toContain(`flue/scripted/${name}.jsonl`);
    expect(files).toEqual(expect.arrayContaining(['github/workflow.yml', 'gitlab/ci.yml', 'README.md']));
    expect(files.filter((file) => /^flue\/skills\/[^/]+\/SKILL\.md$/.test(file))).toHaveLength(1);
    // Nothing else: init copies flue/ whole, and a stray file would land in the user's .flue/.
    expect(
      files.every((file) => /^(flue\/(agents|skills|scripted)\/|github\/workflow\.yml$|gitlab\/ci\.yml$|README\.md$)/.test(file)),
      files.join(', '),
    ).toBe(true);
  });

  test('passes flue-action check --strict once copied to .flue/', async () => {
    const dir = await makeTempDir(flueFiles(name));
    const result = await cli(['check', '--strict', '--cwd', dir]);
    expect(result.stdout + result.stderr).toContain('ok: 0 error(s), 0 warning(s)');
    expect(result.code).toBe(0);
  });

  test('the GitHub workflow runs the agent with inputs action.yml declares, and asks for the least permissions', () => {
    const parsed = workflow(name);
    const step = flueStep(name);
    expect(step.uses).toBe('OWNER/flue-action@v1');
    expect(step.with.agent).toBe(name);
    expect(step.with['anthropic-api-key']).toBe('${{ secrets.ANTHROPIC_API_KEY }}');
    for (const input of Object.keys(step.with)) expect(Object.keys(action.inputs), `${name}: with.${input}`).toContain(input);
    // Public-repository defaults: no cost or raw JSON in comments (progress-details stays auto).
    expect(step.with['progress-details']).toBeUndefined();
    expect(Object.keys(parsed.on as Mapping).sort()).toEqual(GITHUB[name].events);
    expect(parsed.permissions).toEqual(GITHUB[name].permissions);
    for (const job of Object.values(parsed.jobs as Record<string, Mapping>)) {
      expect(job.permissions, 'no job widens the workflow permissions').toBeUndefined();
      const checkout = (job.steps as Array<{ uses?: string; with?: Mapping }>).find((entry) => entry.uses?.startsWith('actions/checkout@'));
      expect(checkout?.with?.['persist-credentials'], 'the checkout keeps no token in .git/config').toBe(false);
    }
  });

  test('the GitLab include runs the agent with inputs templates/agent.yml declares, of the declared types and patterns', () => {
    const { include, jobs } = gitlabInclude(name);
    expect(include.component).toBe('$CI_SERVER_FQDN/tools/flue-action/agent@v1');
    expect(include.inputs.agent).toBe(name);
    expect(include.inputs.as).toBe(`flue-${name}`);
    // The tag in the include line and the CLI the job installs are released together.
    expect(include.inputs.version).toBe('1');
    for (const [input, value] of Object.entries(include.inputs)) {
      const declared = spec[input];
      expect(declared, `${name}: inputs.${input} is not in templates/agent.yml's spec`).toBeDefined();
      if (declared?.type === 'array') expect(Array.isArray(value), `inputs.${input} is an array`).toBe(true);
      else if (declared?.type === 'boolean') expect(typeof value).toBe('boolean');
      else expect(typeof value, `inputs.${input} is a string`).toBe('string');
      if (declared?.regex !== undefined) expect(String(value)).toMatch(new RegExp(declared.regex));
    }
    expect(include.inputs['progress-details']).toBeUndefined();
    // Inputs without a default must be given.
    for (const [input, declared] of Object.entries(spec)) if (!('default' in declared)) expect(include.inputs, input).toHaveProperty(input);
    // A job beside the include only extends the included one (same name): it never defines a second job.
    for (const job of Object.keys(jobs)) expect(job).toBe(include.inputs.as);
  });
});

test('each README names its init command and every permission its workflow asks for; docs/templates.md lists every template', () => {
  const docs = readFileSync(path.join(ROOT, 'docs', 'templates.md'), 'utf8');
  for (const name of TEMPLATE_NAMES) {
    const readme = templateFile(name, 'README.md');
    expect(readme, name).toContain(`flue-action init ${name}`);
    for (const [permission, access] of Object.entries(GITHUB[name].permissions)) {
      expect(readme, `${name} README names ${permission}`).toContain(`${permission}: ${String(access)}`);
    }
    expect(docs).toContain(`[${name}](../templates/agents/${name}/README.md)`);
  }
});
