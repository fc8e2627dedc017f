import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { describe, expect, onTestFinished, test } from 'vitest';
import { parse, stringify } from 'yaml';
import {
  jobFolder,
  MERGE_REQUEST_UNSET,
  makeProject,
  mergeRequestPipeline,
  runPipeline,
  STAND_IN_CLI,
  standInRecords,
  triggerPipeline,
} from '../gitlab-ci/harness.js';
import { TEMPLATE_NAMES, templateFile, type TemplateName } from './templates.js';

type Mapping = Record<string, unknown>;

/** The template's snippet with its include pointed at the project's copy of templates/agent.yml and the stand-in CLI. */
function snippet(name: TemplateName): Mapping {
  const { include, ...jobs } = parse(templateFile(name, 'gitlab/ci.yml')) as { include: Array<{ inputs: Mapping }> } & Mapping;
  return { include: include.map((entry) => ({ local: 'templates/agent.yml', inputs: { ...entry.inputs, cli: STAND_IN_CLI } })), ...jobs };
}

/** A .gitlab-ci.yml with the templates' snippets and the `test` job ci-explainer's snippet names in `needs:`. */
function ciYml(names: readonly TemplateName[], testScript = 'true'): string {
  const parts = names.map(snippet);
  const include = parts.flatMap((part) => part.include as unknown[]);
  const jobs = Object.assign({}, ...parts.map(({ include: _include, ...rest }) => rest));
  return stringify({ include, test: { stage: 'test', script: [testScript], rules: [{ when: 'always' }] }, ...jobs });
}

/** The job names gitlab-ci-local would run (`when` not `never`), with their `when`. */
async function planned(variables: Record<string, string>, unset: string[] = []): Promise<Record<string, string>> {
  const project = makeProject({ withTemplate: true, ciYml: ciYml(TEMPLATE_NAMES) });
  const run = await runPipeline(project, { variables, unset, args: ['--list-json'] });
  expect(run.code, run.output).toBe(0);
  const jobs = JSON.parse(run.stdout) as Array<{ name: string; when: string }>;
  return Object.fromEntries(jobs.filter((job) => job.when !== 'never').map((job) => [job.name, job.when]));
}

describe('which pipeline starts which template', () => {
  const api = 'http://127.0.0.1:9/api/v4';

  test('a merge request pipeline: the reviewer, and the CI explainer only on failure', async () => {
    const project = makeProject({ withTemplate: true, ciYml: '' });
    const variables = mergeRequestPipeline(project, { apiUrl: api, iid: 7 });
    expect(await planned(variables, MERGE_REQUEST_UNSET)).toEqual({ test: 'always', 'flue-review': 'on_success', 'flue-ci-explainer': 'on_failure' });
  });

  test('trigger pipelines plan both jobs, with no pipeline variable: each picks its webhooks by its events input', async () => {
    expect(await planned(triggerPipeline(api))).toEqual({ test: 'always', 'flue-triage': 'on_success', 'flue-mention': 'on_success' });
  });

  test('a push pipeline starts none of them', async () => {
    expect(await planned({ CI_PIPELINE_SOURCE: 'push' })).toEqual({ test: 'always' });
  });
});

describe("ci-explainer's job in a failed merge request pipeline", () => {
  test('runs after the failed job it needs, in .post, saves its trace through the API, then starts the CLI', async () => {
    const seen: string[] = [];
    const server = createServer((request, response) => {
      seen.push(`${request.method} ${request.url} ${request.headers['private-token']}`);
      if (request.url === '/api/v4/projects/1217/pipelines/77/jobs?scope=failed&per_page=100') {
        response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify([{ id: 901, name: 'test', stage: 'test' }]));
      } else if (request.url === '/api/v4/projects/1217/jobs/901/trace') {
        response.writeHead(200, { 'content-type': 'text/plain' }).end('$ npm test\nFAIL test/greet.test.js\n');
      } else response.writeHead(404).end('{"message":"404 Not Found"}');
    });
    onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v4`;

    const project = makeProject({ withTemplate: true, ciYml: ciYml(['ci-explainer'], 'exit 1') });
    const variables = { ...mergeRequestPipeline(project, { apiUrl, iid: 7 }), CI_PIPELINE_ID: '77', FLUE_GITLAB_TOKEN: 'glpat-pipeline-test-0001' };
    const run = await runPipeline(project, { variables, unset: MERGE_REQUEST_UNSET, validateSchema: true });

    expect(run.output).toContain('json schema validated');
    expect(run.code, run.output).not.toBe(0); // the pipeline failed: its `test` job did
    expect(run.jobLog('flue-ci-explainer')).toContain('flue-ci-explainer: saved the trace of 1 failed job(s)');
    expect(seen).toEqual([
      'GET /api/v4/projects/1217/pipelines/77/jobs?scope=failed&per_page=100 glpat-pipeline-test-0001',
      'GET /api/v4/projects/1217/jobs/901/trace glpat-pipeline-test-0001',
    ]);
    const saved = path.join(jobFolder(project.dir, 'flue-ci-explainer'), '.flue-context', 'failed-jobs.log');
    expect(existsSync(saved)).toBe(true);
    expect(readFileSync(saved, 'utf8')).toBe('=== job test (#901), stage test ===\n$ npm test\nFAIL test/greet.test.js\n\n');
    expect(standInRecords(run.jobLog('flue-ci-explainer')).map((record) => record.argv)).toEqual([
      ['run', 'ci-explainer', '--log-dir', '.flue/logs', '--trigger-phrase', '@flue'],
    ]);
  });

  test('does not run when the job it needs passed', async () => {
    const project = makeProject({ withTemplate: true, ciYml: ciYml(['ci-explainer'], 'true') });
    const run = await runPipeline(project, {
      variables: mergeRequestPipeline(project, { apiUrl: 'http://127.0.0.1:9/api/v4', iid: 7 }),
      unset: MERGE_REQUEST_UNSET,
    });
    expect(run.code, run.output).toBe(0);
    expect(run.output).not.toContain('stand-in: {');
    expect(run.output).not.toContain('flue-ci-explainer: saved');
  });
});

describe("mention's job in a trigger pipeline (a Comments webhook)", () => {
  test('the CLI starts with the session log under .flue/logs, the folder the artifacts keep (the runner leaves it out of any change set)', async () => {
    const project = makeProject({ withTemplate: true, ciYml: ciYml(['mention']) });
    const variables = { ...triggerPipeline('http://127.0.0.1:9/api/v4'), FLUE_GITLAB_TOKEN: 'glpat-pipeline-test-0001' };
    const run = await runPipeline(project, { variables, jobs: ['flue-mention'] });
    expect(run.code, run.output).toBe(0);
    const log = run.jobLog('flue-mention');
    expect(standInRecords(log).map((record) => record.argv)).toEqual([['run', 'mention', '--log-dir', '.flue/logs', '--trigger-phrase', '@flue']]);
  });
});
