// The action's contract in three places that must agree: action.yml (what the runner passes), the
// settings module (what the code reads) and docs/action.md with its example workflows (what users copy).
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { setRunOutputs } from '../../src/action/report.js';
import { readActionSettings } from '../../src/action/settings.js';
import { LIMITS } from '../../src/limits.js';
import type { RunReport } from '../../src/pipeline.js';
import { parseCommandFile, ROOT } from './harness.js';

interface ActionYml {
  inputs: Record<string, { description: string; required?: boolean; default?: string }>;
  outputs: Record<string, { description: string }>;
}
const action = parse(readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as ActionYml;
const docs = readFileSync(path.join(ROOT, 'docs/action.md'), 'utf8');

/** The rows of the markdown table under `## heading`: first cell (backticks removed) to the second. */
function table(heading: string): Map<string, string> {
  const section = docs.slice(docs.indexOf(`## ${heading}\n`)).split('\n## ')[0] ?? '';
  const rows = section.split('\n').filter((line) => /^\| `/.test(line));
  return new Map(rows.map((row) => row.split('|').map((cell) => cell.trim())).map(([, name = '', second = '']) => [name.replace(/`/g, ''), second]));
}

const tempDirs: string[] = [];
afterEach(() => {
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('action.yml, the settings module and docs/action.md agree', () => {
  test('the settings read exactly the inputs action.yml declares', () => {
    const read = new Set<string>();
    const given: Record<string, string> = {
      INPUT_AGENT: 'triage',
      'INPUT_ANTHROPIC-API-KEY': 'sk-ant-docs-test-key',
      'INPUT_GITHUB-TOKEN': 'ghs_docs_test',
      GITHUB_WORKSPACE: ROOT,
    };
    // Inputs are read from the step's environment as the runner passes them: INPUT_<NAME>, dashes kept.
    const env = new Proxy(given, {
      get: (target, name) => {
        if (typeof name === 'string' && name.startsWith('INPUT_')) read.add(name.slice('INPUT_'.length).toLowerCase());
        return Reflect.get(target, name);
      },
    });
    readActionSettings({ env, secrets: [] });
    expect([...read].sort()).toEqual(Object.keys(action.inputs).sort());
  });

  test('every input is documented, with the default action.yml gives it', () => {
    const documented = table('Inputs');
    expect([...documented.keys()].sort()).toEqual(Object.keys(action.inputs).sort());
    for (const [name, input] of Object.entries(action.inputs)) {
      if (input.default) expect(documented.get(name), name).toBe(`\`${input.default}\``);
    }
    // `required: true` is only a label (the runner does not enforce it): the one required input says so.
    expect(
      Object.entries(action.inputs)
        .filter(([, input]) => input.required)
        .map(([name]) => name),
    ).toEqual(['agent']);
    expect(documented.get('agent')).toBe('(required)');
  });

  test('the limit inputs state the built-in defaults', () => {
    const documented = table('Inputs');
    const limits = {
      'max-turns': LIMITS.maxTurns,
      'max-cost-usd': LIMITS.maxCostUsd,
      'timeout-minutes': LIMITS.timeoutMinutes,
      'model-retry-minutes': LIMITS.modelRetryMinutes,
      'model-idle-seconds': LIMITS.modelIdleSeconds,
    };
    for (const [name, value] of Object.entries(limits)) {
      expect(documented.get(name), name).toBe(`agent's, else ${value}`);
      expect(action.inputs[name]?.description, name).toContain(`(default ${value})`);
    }
  });

  test('every output action.yml declares is set, and documented', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'flue-docs-'));
    tempDirs.push(dir);
    const file = path.join(dir, 'output');
    writeFileSync(file, '');
    const saved = process.env.GITHUB_OUTPUT;
    process.env.GITHUB_OUTPUT = file;
    try {
      const totals = { turns: 1, inputTokens: 1, outputTokens: 1, cacheReadTokens: 0, cacheWriteTokens: 0, costUsd: 0.1, durationMs: 1 };
      const publish = { applied: [], rejected: [], failed: [] };
      setRunOutputs({
        status: 'succeeded',
        totals,
        sessionId: 's',
        agent: 'a',
        model: 'm',
        modelClient: 'c',
        logFile: 'l',
        reportFile: 'r',
        publish,
        warnings: [],
      } as RunReport);
    } finally {
      if (saved === undefined) delete process.env.GITHUB_OUTPUT;
      else process.env.GITHUB_OUTPUT = saved;
    }
    const declared = Object.keys(action.outputs).sort();
    expect(Object.keys(parseCommandFile(readFileSync(file, 'utf8'))).sort()).toEqual(declared);
    expect([...table('Outputs').keys()].sort()).toEqual(declared);
  });
});

/** The least each example needs; a change here is a change to what users grant, so it is deliberate. */
const LEAST_PERMISSIONS: Record<string, Record<string, string>> = {
  'comment.yml': { contents: 'read', issues: 'write', 'pull-requests': 'write' },
  'review.yml': { contents: 'read', 'pull-requests': 'write' },
  'triage.yml': { contents: 'read', issues: 'write' },
};

interface Step {
  uses?: string;
  with?: Record<string, unknown>;
}

describe('the example workflows in docs/workflows', () => {
  const dir = path.join(ROOT, 'docs/workflows');
  const files = readdirSync(dir)
    .filter((name) => name.endsWith('.yml'))
    .sort();

  test('are the ones docs/action.md links, each with its least permissions', () => {
    expect(files).toEqual(Object.keys(LEAST_PERMISSIONS));
    for (const file of files) expect(docs).toContain(`(workflows/${file})`);
  });

  test.each(files)('%s: valid YAML, least permissions at the top, every `with:` an input of the action', (file) => {
    const workflow = parse(readFileSync(path.join(dir, file), 'utf8')) as {
      on: unknown;
      permissions: unknown;
      jobs: Record<string, { permissions?: unknown; 'runs-on': string; steps: Step[] }>;
    };
    expect(workflow.on).toBeTypeOf('object');
    expect(workflow.permissions).toEqual(LEAST_PERMISSIONS[file]);
    const steps = Object.values(workflow.jobs).flatMap((job) => {
      expect(job.permissions).toBeUndefined();
      expect(job['runs-on']).toBe('ubuntu-latest');
      return job.steps;
    });
    const flue = steps.filter((step) => step.uses === 'OWNER/flue-action@v1');
    expect(flue).toHaveLength(1);
    const inputs = Object.keys(flue[0]?.with ?? {});
    expect(inputs).toContain('agent');
    expect(inputs.filter((name) => !Object.hasOwn(action.inputs, name))).toEqual([]);
    // The key comes from a secret, never from the file.
    expect(flue[0]?.with?.['anthropic-api-key']).toBe('${{ secrets.ANTHROPIC_API_KEY }}');
  });
});

test.each(readdirSync(path.join(ROOT, '.github/workflows')).filter((name) => name.endsWith('.yml')))(
  '.github/workflows/%s: valid YAML with its permissions stated at the top',
  (file) => {
    const workflow = parse(readFileSync(path.join(ROOT, '.github/workflows', file), 'utf8')) as { permissions?: unknown };
    expect(workflow.permissions).toBeTypeOf('object');
  },
);
