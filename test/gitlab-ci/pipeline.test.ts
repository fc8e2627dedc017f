// templates/agent.yml run by a real GitLab pipeline runner, gitlab-ci-local, with the stand-in CLI in the
// CLI's place: the three ways to include it resolve and run, inputs reach the CLI word for word as arguments
// and nothing in them runs, empty inputs add no option, a note without the trigger phrase ends the job before
// npm, the token comes from the variable token-variable names, and the logs are kept when the run fails.
import { chmodSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { parse, stringify } from 'yaml';
import {
  GITLAB_JOB,
  LOG_DIR,
  makeBareRepository,
  MERGE_REQUEST_UNSET,
  makeProject,
  mergeRequestPipeline,
  runPipeline,
  serveFiles,
  serveGit,
  STAND_IN_CLI,
  type StandInRecord,
  standInRecords,
  TEMPLATE,
  tempDir,
  triggerPipeline,
} from './harness.js';

const version = (JSON.parse(readFileSync(path.join(path.dirname(TEMPLATE), '../package.json'), 'utf8')) as { version: string }).version;
const NOTE_PAYLOAD = readFileSync(new URL('../fixtures/gitlab/note-merge-request.json', import.meta.url), 'utf8');
const MR_PIPELINE = { ...GITLAB_JOB, CI_PIPELINE_SOURCE: 'merge_request_event' };
const TRIGGER_PIPELINE = { ...GITLAB_JOB, CI_PIPELINE_SOURCE: 'trigger' };

/** What every run passes, whatever the inputs: the agent, where the logs go, the default trigger phrase. */
const defaultArgs = (agent: string) => ['run', agent, '--log-dir', LOG_DIR, '--trigger-phrase', '@flue'];

/** A .gitlab-ci.yml with these includes. */
const ciYml = (...include: object[]) => stringify({ include });

/** The documented note payload with another note text. */
function notePayload(note: string): string {
  const payload = JSON.parse(NOTE_PAYLOAD) as { object_attributes: { note: string } };
  payload.object_attributes.note = note;
  return JSON.stringify(payload);
}

/**
 * A folder holding an `npm` that records its arguments and "installs" the stand-in CLI as flue-action's
 * dist/cli.js under `--prefix`: the template's default command, without the registry.
 */
function recordingNpm(): string {
  const bin = tempDir('flue-gitlab-bin-');
  const npm = `#!/usr/bin/env node
const { cpSync, mkdirSync, writeFileSync } = require('node:fs');
const args = process.argv.slice(2);
console.log('npm: ' + JSON.stringify(args));
const dist = args[args.indexOf('--prefix') + 1] + '/node_modules/flue-action/dist';
mkdirSync(dist, { recursive: true });
writeFileSync(dist + '/../package.json', '{"type": "module"}');
cpSync(${JSON.stringify(STAND_IN_CLI)}, dist + '/cli.js');
`;
  writeFileSync(path.join(bin, 'npm'), npm);
  chmodSync(path.join(bin, 'npm'), 0o755);
  return bin;
}

/** The arguments the recording npm was called with, once per call. */
const npmCalls = (log: string) =>
  log
    .split('\n')
    .filter((line) => line.startsWith('npm: '))
    .map((line) => JSON.parse(line.slice('npm: '.length)) as string[]);

describe('include forms', () => {
  test('local, remote (over HTTP) and component (this project at its commit, and another project at a tag) all run the job', async () => {
    const template = readFileSync(TEMPLATE, 'utf8');
    const files = await serveFiles({ [`/flue/flue-action/-/raw/v${version}/templates/agent.yml`]: template });
    const gitRoot = tempDir('flue-gitlab-git-');
    makeBareRepository(gitRoot, 'flue/flue-action', { 'templates/agent.yml': template }, `v${version}`);
    const git = await serveGit(gitRoot);
    const cli = STAND_IN_CLI;
    const project = makeProject({
      withTemplate: true,
      origin: `${git.url}/acme/app.git`,
      ciYml: ciYml(
        { local: 'templates/agent.yml', inputs: { agent: 'local', as: 'flue-local', cli } },
        { remote: `${files.url}/flue/flue-action/-/raw/v${version}/templates/agent.yml`, inputs: { agent: 'remote', as: 'flue-remote', cli } },
        // GitLab's documented way to test a component in its own project.
        { component: '$CI_SERVER_FQDN/$CI_PROJECT_PATH/agent@$CI_COMMIT_SHA', inputs: { agent: 'own', as: 'flue-own', cli } },
        { component: `gitlab.example.com/flue/flue-action/agent@v${version}`, inputs: { agent: 'catalog', as: 'flue-catalog', cli } },
      ),
    });

    const run = await runPipeline(project, { variables: MR_PIPELINE, validateSchema: true });

    expect(run.code, run.output).toBe(0);
    expect(run.output).toContain('json schema validated');
    for (const agent of ['local', 'remote', 'own', 'catalog']) {
      const records = standInRecords(run.jobLog(`flue-${agent}`));
      expect(records.map((record) => record.argv)).toEqual([defaultArgs(agent)]);
      expect(records[0]?.env).toMatchObject({ GITLAB_CI: 'true', CI_PIPELINE_SOURCE: 'merge_request_event' });
    }
    expect(files.requests).toEqual([`/flue/flue-action/-/raw/v${version}/templates/agent.yml`]);
    // The component came from the other project's repository, cloned at the tag.
    expect(git.requests.some((request) => request.includes('/flue/flue-action.git/'))).toBe(true);
  });

  test('the default rules leave the job out of a push pipeline', async () => {
    const project = makeProject({ withTemplate: true, ciYml: ciYml({ local: 'templates/agent.yml', inputs: { agent: 'review', as: 'flue-review' } }) });

    const run = await runPipeline(project, { variables: { CI_PIPELINE_SOURCE: 'push' }, args: ['--list-json'] });

    expect(run.code, run.output).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual([expect.objectContaining({ name: 'flue-review', when: 'never' })]);
  });
});

describe('pipeline variables', () => {
  test('a merge request pipeline and a trigger pipeline reach the CLI with the variables GitLab sets, and no branch of a push', async () => {
    const project = makeProject({
      withTemplate: true,
      ciYml: ciYml({ local: 'templates/agent.yml', inputs: { agent: 'review', as: 'flue-review', cli: STAND_IN_CLI } }),
    });
    const apiUrl = 'http://127.0.0.1:9/api/v4';

    const mr = await runPipeline(project, {
      variables: mergeRequestPipeline(project, { apiUrl, iid: 7, sourceProjectId: 99, baseSha: 'b'.repeat(40), actor: 'alice' }),
      unset: MERGE_REQUEST_UNSET,
    });
    const payload = notePayload('@flue please review');
    const trigger = await runPipeline(project, { variables: triggerPipeline(apiUrl), fileVariables: { TRIGGER_PAYLOAD: payload } });

    expect(mr.code, mr.output).toBe(0);
    const mrEnv = standInRecords(mr.jobLog('flue-review'))[0]?.env ?? {};
    expect(mrEnv).toMatchObject({
      GITLAB_CI: 'true',
      CI_PIPELINE_SOURCE: 'merge_request_event',
      CI_API_V4_URL: apiUrl,
      CI_PROJECT_ID: '1217',
      CI_MERGE_REQUEST_IID: '7',
      CI_MERGE_REQUEST_PROJECT_ID: '1217',
      CI_MERGE_REQUEST_SOURCE_PROJECT_ID: '99',
      CI_MERGE_REQUEST_SOURCE_BRANCH_SHA: project.sha,
      CI_MERGE_REQUEST_DIFF_BASE_SHA: 'b'.repeat(40),
      CI_COMMIT_SHA: project.sha,
      GITLAB_USER_LOGIN: 'alice',
    });
    expect(mrEnv).not.toHaveProperty('CI_COMMIT_BRANCH');
    expect(trigger.code, trigger.output).toBe(0);
    const triggerEnv = standInRecords(trigger.jobLog('flue-review'))[0]?.env ?? {};
    expect(triggerEnv).toMatchObject({ CI_PIPELINE_SOURCE: 'trigger', CI_API_V4_URL: apiUrl });
    // A file variable: the job gets the path of a file holding the webhook's JSON.
    expect(triggerEnv.TRIGGER_PAYLOAD).toMatch(/TRIGGER_PAYLOAD$/);
    expect(standInRecords(trigger.jobLog('flue-review'))[0]?.payload).toBe(payload);
  });
});

describe('inputs', () => {
  const HOSTILE = {
    agent: '$(touch pwned-agent)',
    prompt: 'Review this.\n"; rm -rf . ; echo "\n$(touch pwned-prompt) `touch pwned-tick` $HOME ${CI_JOB_TOKEN} \'quoted\' \\',
    input: '{"severity": "high",\n "note": "$(touch pwned-input)"}',
    model: 'claude-x; touch pwned-model',
    'fallback-model': 'claude-y && touch pwned-fallback',
    'working-directory': 'packages/$(touch pwned-cwd)',
    'trigger-phrase': '@flue $(touch pwned-phrase)',
    'allowed-users': 'alice,$(touch pwned-users)',
    'allowed-bots': 'renovate[bot],`touch pwned-bots`',
  };

  test('every input reaches the CLI word for word as one argument, and nothing in them runs', async () => {
    const project = makeProject({
      withTemplate: true,
      ciYml: ciYml({
        local: 'templates/agent.yml',
        inputs: {
          ...HOSTILE,
          as: 'flue-hostile',
          'max-turns': '12',
          'max-cost-usd': '0.5',
          'timeout-minutes': '7',
          'dry-run': true,
          'progress-comment': false,
          'progress-details': 'full',
          'trust-author-text': true,
          resume: 'auto',
          cli: STAND_IN_CLI,
        },
      }),
    });

    const run = await runPipeline(project, { variables: MR_PIPELINE });

    expect(run.code, run.output).toBe(0);
    expect(standInRecords(run.jobLog('flue-hostile')).map((record) => record.argv)).toEqual([
      [
        'run',
        HOSTILE.agent,
        '--log-dir',
        LOG_DIR,
        '--cwd',
        HOSTILE['working-directory'],
        '--trigger-phrase',
        HOSTILE['trigger-phrase'],
        '--prompt',
        HOSTILE.prompt,
        '--input',
        HOSTILE.input,
        '--model',
        HOSTILE.model,
        '--fallback-model',
        HOSTILE['fallback-model'],
        '--allowed-users',
        HOSTILE['allowed-users'],
        '--allowed-bots',
        HOSTILE['allowed-bots'],
        '--max-turns',
        '12',
        '--max-cost-usd',
        '0.5',
        '--timeout-minutes',
        '7',
        '--progress-comment',
        'false',
        '--progress-details',
        'full',
        '--trust-author-text',
        '--dry-run',
        '--resume',
        'auto',
      ],
    ]);
    expect(readdirSync(project.dir).filter((name) => name.startsWith('pwned'))).toEqual([]);
    expect(existsSync(path.join(project.dir, 'templates/agent.yml'))).toBe(true);
  });

  test('empty optional inputs add no option, and by default flue-action@<version> is installed from npm outside the checkout', async () => {
    const project = makeProject({ withTemplate: true, ciYml: ciYml({ local: 'templates/agent.yml', inputs: { agent: 'review', as: 'flue-review' } }) });

    const run = await runPipeline(project, { variables: MR_PIPELINE, path: [recordingNpm()] });

    expect(run.code, run.output).toBe(0);
    const log = run.jobLog('flue-review');
    expect(log).toContain(`flue-action: installing flue-action@${version} from npm`);
    const [install] = npmCalls(log);
    expect(install).toEqual([
      'install',
      '--prefix',
      expect.stringMatching(/^\/tmp\/tmp\.\w+$/),
      '--ignore-scripts',
      '--no-audit',
      '--no-fund',
      '--loglevel=error',
      `flue-action@${version}`,
    ]);
    expect(npmCalls(log)).toHaveLength(1);
    const [record] = standInRecords(log);
    expect(record?.argv).toEqual(defaultArgs('review'));
    // Started by node from the installed package, not through npx or npm.
    expect(record?.script).toBe(`${install?.[2]}/node_modules/flue-action/dist/cli.js`);
  });

  test('resume takes only auto or false: another value stops the pipeline naming the input', async () => {
    const project = makeProject({
      withTemplate: true,
      ciYml: ciYml({ local: 'templates/agent.yml', inputs: { agent: 'review', as: 'flue-review', cli: STAND_IN_CLI, resume: 'yes; touch pwned' } }),
    });
    const run = await runPipeline(project, { variables: MR_PIPELINE });
    expect(run.code).not.toBe(0);
    expect(run.output).toContain('`resume` input: `yes; touch pwned` cannot be used because it is not in the list of allowed options');
    expect(run.output).not.toContain('stand-in: ');
  });

  test('a value that is not a number, or a token-variable that is not a variable name, stops the pipeline naming the input', async () => {
    for (const [input, value] of [
      ['max-cost-usd', '2; touch pwned'],
      ['token-variable', 'X; touch pwned'],
    ] as const) {
      const project = makeProject({
        withTemplate: true,
        ciYml: ciYml({ local: 'templates/agent.yml', inputs: { agent: 'review', as: 'flue-review', cli: STAND_IN_CLI, [input]: value } }),
      });
      const run = await runPipeline(project, { variables: MR_PIPELINE });
      expect(run.code).not.toBe(0);
      expect(run.output).toContain(`\`${input}\` input: \`${value}\` does not match required regex`);
      expect(run.output).not.toContain('stand-in: ');
    }
  });
});

describe('the token', () => {
  test('comes from the variable token-variable names, and a missing one is named in the job log', async () => {
    const project = makeProject({
      withTemplate: true,
      ciYml: ciYml(
        { local: 'templates/agent.yml', inputs: { agent: 'named', as: 'flue-named', cli: STAND_IN_CLI, 'token-variable': 'REVIEW_BOT_TOKEN' } },
        { local: 'templates/agent.yml', inputs: { agent: 'missing', as: 'flue-missing', cli: STAND_IN_CLI, 'token-variable': 'NO_SUCH_TOKEN' } },
        { local: 'templates/agent.yml', inputs: { agent: 'default', as: 'flue-default', cli: STAND_IN_CLI } },
      ),
    });

    const run = await runPipeline(project, {
      variables: { ...MR_PIPELINE, REVIEW_BOT_TOKEN: 'glpat-review-bot', FLUE_GITLAB_TOKEN: 'glpat-default' },
    });

    expect(run.code, run.output).toBe(0);
    expect(standInRecords(run.jobLog('flue-named'))[0]?.env.FLUE_GITLAB_TOKEN).toBe('glpat-review-bot');
    expect(standInRecords(run.jobLog('flue-default'))[0]?.env.FLUE_GITLAB_TOKEN).toBe('glpat-default');
    // Not the default variable's token: the one named is missing, and the CLI reports a missing token.
    const missing = run.jobLog('flue-missing');
    expect(standInRecords(missing)[0]?.env.FLUE_GITLAB_TOKEN).toBeUndefined();
    expect(missing).toContain(
      'flue-action: the CI/CD variable NO_SUCH_TOKEN (token-variable) is not set or empty in this job (a protected variable reaches only protected branches and tags).',
    );
  });
});

describe('trigger phrase', () => {
  /** Three jobs on one payload, with the trigger phrases `@flue`, `@reviewer` and none (the default). */
  const threePhrases = ciYml(
    ...[
      ['default', '@flue'],
      ['other', '@reviewer'],
      ['empty', ''],
    ].map(([name, phrase]) => ({ local: 'templates/agent.yml', inputs: { agent: name, as: `flue-${name}`, 'trigger-phrase': phrase } })),
  );

  test('a note without the phrase ends the job before npm installs anything, with a line saying why; a note with it (any case) runs', async () => {
    const project = makeProject({ withTemplate: true, ciYml: threePhrases });

    const run = await runPipeline(project, {
      variables: TRIGGER_PIPELINE,
      fileVariables: { TRIGGER_PAYLOAD: notePayload('Thanks! @Flue, could you review the parser change?') },
      path: [recordingNpm()],
    });

    expect(run.code, run.output).toBe(0);
    expect(standInRecords(run.jobLog('flue-default'))).toHaveLength(1);
    // An empty trigger-phrase means the CLI's default, @flue.
    expect(standInRecords(run.jobLog('flue-empty'))).toHaveLength(1);
    const skipped = run.jobLog('flue-other');
    expect(standInRecords(skipped)).toEqual([]);
    expect(npmCalls(skipped)).toEqual([]);
    expect(skipped).toContain('flue-action: skipped - the note does not mention "@reviewer" (trigger-phrase); nothing was downloaded.');
    expect(run.artifacts('flue-other')).toEqual([]);
  });

  test('events: a webhook of a kind the job does not answer ends it before npm installs anything; its own kind runs', async () => {
    const project = makeProject({
      withTemplate: true,
      ciYml: ciYml(
        { local: 'templates/agent.yml', inputs: { agent: 'mention', as: 'flue-mention', events: 'note' } },
        { local: 'templates/agent.yml', inputs: { agent: 'triage', as: 'flue-triage', events: 'issue,merge_request' } },
      ),
    });
    const issue = JSON.stringify({ object_kind: 'issue', object_attributes: { description: 'It crashes.' } });
    const run = await runPipeline(project, { variables: TRIGGER_PIPELINE, fileVariables: { TRIGGER_PAYLOAD: issue }, path: [recordingNpm()] });
    expect(run.code, run.output).toBe(0);
    expect(standInRecords(run.jobLog('flue-triage'))).toHaveLength(1);
    const skipped = run.jobLog('flue-mention');
    expect(standInRecords(skipped)).toEqual([]);
    expect(npmCalls(skipped)).toEqual([]);
    expect(skipped).toContain('flue-action: skipped - a "issue" webhook; this job answers note (events); nothing was downloaded.');
  });

  test("events with an action: a stranger's edit of their issue (update) ends the triage job before npm; the new issue (open) runs", async () => {
    // GitLab sends an Issue Hook for every edit, label and close: with `events: issue`, each edit a stranger
    // makes to their own issue started another paid run and another note. The triage include says issue:open.
    const triage = parse(readFileSync(path.join(path.dirname(TEMPLATE), 'agents/triage/gitlab/ci.yml'), 'utf8')) as {
      include: Array<{ inputs: { events: string } }>;
    };
    const events = triage.include[0]?.inputs.events ?? '';
    expect(events).toBe('issue:open');
    const project = makeProject({
      withTemplate: true,
      ciYml: ciYml(
        { local: 'templates/agent.yml', inputs: { agent: 'triage', as: 'flue-triage', events } },
        { local: 'templates/agent.yml', inputs: { agent: 'any', as: 'flue-any', events: 'issue' } },
      ),
    });
    const issue = (action: string) => JSON.stringify({ object_kind: 'issue', object_attributes: { action, description: 'It crashes.' } });

    const edited = await runPipeline(project, {
      variables: TRIGGER_PIPELINE,
      fileVariables: { TRIGGER_PAYLOAD: issue('update') },
      path: [recordingNpm()],
    });
    expect(edited.code, edited.output).toBe(0);
    const skipped = edited.jobLog('flue-triage');
    expect(standInRecords(skipped)).toEqual([]);
    expect(npmCalls(skipped)).toEqual([]);
    expect(skipped).toContain('flue-action: skipped - a "issue:update" webhook; this job answers issue:open (events); nothing was downloaded.');
    // A kind alone still answers every action.
    expect(standInRecords(edited.jobLog('flue-any'))).toHaveLength(1);

    const opened = await runPipeline(project, {
      variables: TRIGGER_PIPELINE,
      fileVariables: { TRIGGER_PAYLOAD: issue('open') },
      path: [recordingNpm()],
    });
    expect(opened.code, opened.output).toBe(0);
    expect(standInRecords(opened.jobLog('flue-triage'))).toHaveLength(1);
  });

  test('the mention include answers a new note (note:create), not each edit of it; a note webhook without an action (GitLab before 16.11) is a new one', async () => {
    const mention = parse(readFileSync(path.join(path.dirname(TEMPLATE), 'agents/mention/gitlab/ci.yml'), 'utf8')) as {
      include: Array<{ inputs: { events: string } }>;
    };
    const events = mention.include[0]?.inputs.events ?? '';
    expect(events).toBe('note:create');
    const project = makeProject({
      withTemplate: true,
      ciYml: ciYml({ local: 'templates/agent.yml', inputs: { agent: 'mention', as: 'flue-mention', events } }),
    });
    const note = (action: string | undefined) => {
      const payload = JSON.parse(notePayload('@flue why does this fail?')) as { object_attributes: Record<string, unknown> };
      if (action === undefined) delete payload.object_attributes.action;
      else payload.object_attributes.action = action;
      return JSON.stringify(payload);
    };
    const runs: Record<string, number> = {};
    for (const action of ['create', 'update', undefined]) {
      const run = await runPipeline(project, { variables: TRIGGER_PIPELINE, fileVariables: { TRIGGER_PAYLOAD: note(action) }, path: [recordingNpm()] });
      expect(run.code, run.output).toBe(0);
      runs[String(action)] = standInRecords(run.jobLog('flue-mention')).length;
      if (action === 'update') {
        expect(run.jobLog('flue-mention')).toContain(
          'flue-action: skipped - a "note:update" webhook; this job answers note:create (events); nothing was downloaded.',
        );
      }
    }
    expect(runs).toEqual({ create: 1, update: 0, undefined: 1 });
  });

  test('a note the CLI must read itself (a character reference), another event, or a payload that is not JSON, goes on to the CLI', async () => {
    const project = makeProject({
      withTemplate: true,
      ciYml: ciYml({ local: 'templates/agent.yml', inputs: { agent: 'review', as: 'flue-review', 'trigger-phrase': '@reviewer' } }),
    });
    const issue = JSON.stringify({ object_kind: 'issue', object_attributes: { description: 'no phrase here' } });
    for (const payload of [notePayload('&#64;reviewer please'), issue, 'not json']) {
      const run = await runPipeline(project, { variables: TRIGGER_PIPELINE, fileVariables: { TRIGGER_PAYLOAD: payload }, path: [recordingNpm()] });
      expect(run.code, run.output).toBe(0);
      expect(standInRecords(run.jobLog('flue-review')), payload).toHaveLength(1);
    }
  });
});

describe('artifacts', () => {
  test('the session logs are kept when the run fails, and the job fails with the CLI exit code', async () => {
    const project = makeProject({
      withTemplate: true,
      ciYml: ciYml({ local: 'templates/agent.yml', inputs: { agent: 'review', as: 'flue-review', cli: STAND_IN_CLI } }),
      projectDirFor: ['flue-review'],
    });

    const run = await runPipeline(project, { variables: { ...MR_PIPELINE, STAND_IN_EXIT: '3' } });

    expect(run.code).not.toBe(0);
    expect(run.output).toMatch(/flue-review finished in .* FAIL 3/);
    const kept = run.artifacts('flue-review');
    expect(kept).toEqual([expect.stringMatching(new RegExp(`^${LOG_DIR}/review-stand-in-\\d+\\.jsonl$`))]);
    const record = JSON.parse(run.artifact('flue-review', kept[0] ?? '')) as StandInRecord;
    expect(record.argv).toEqual(defaultArgs('review'));
    // The CLI keeps its logs under CI_PROJECT_DIR: the harness makes it the folder the job runs in.
    expect(record.env.CI_PROJECT_DIR).toBe(record.cwd);
  });
});
