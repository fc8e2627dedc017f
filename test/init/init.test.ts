// `flue-action init` in a temp git repository, in process: platform detection, --yes, the flags, files that
// exist, the .gitlab-ci.yml merge and the errors.
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, removeTempDirs } from '../cli/helpers.js';
import { FIXTURE_TEMPLATES, fixture, read, tempRepo } from './helpers.js';

afterAll(removeTempDirs);

const init = (dir: string, ...args: string[]) => cli(['init', ...args, '--templates', FIXTURE_TEMPLATES], { cwd: dir });

const TRIAGE_FLUE = [
  '.flue/agents/triage.md',
  '.flue/roles/analyst.md',
  '.flue/scripted/triage.jsonl',
  '.flue/skills/triage/SKILL.md',
  '.flue/skills/triage/labels.md',
];

const GITLAB_STEPS = [
  'Next steps:',
  '  1. Add masked CI/CD variables (Settings > CI/CD > Variables): ANTHROPIC_API_KEY, and FLUE_GITLAB_TOKEN,',
  '     a project access token with the api scope and the Developer role (the bot the agent writes as).',
  '  2. Try it offline: npx flue-action run triage --dry-run  (without ANTHROPIC_API_KEY it replays .flue/scripted/triage.jsonl)',
  '  3. Check the definitions as CI does: npx flue-action check --strict',
  '  4. Commit .flue/ and the CI file.',
];

describe('flue-action init --yes', () => {
  it('writes .flue/ and the workflow for a github.com remote, then the next steps', async () => {
    const dir = await tempRepo('git@github.com:octo/app.git');
    const result = await init(dir, 'triage', '--yes');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')).toEqual([
      'GitHub: the origin remote is on github.com (--github or --gitlab to choose).',
      ...TRIAGE_FLUE.map((file) => `wrote      ${file}`),
      'wrote      .github/workflows/flue-triage.yml',
      '',
      'Next steps:',
      '  1. Add the repository secret ANTHROPIC_API_KEY (Settings > Secrets and variables > Actions).',
      '  2. Try it offline: npx flue-action run triage --dry-run  (without ANTHROPIC_API_KEY it replays .flue/scripted/triage.jsonl)',
      '  3. Check the definitions as CI does: npx flue-action check --strict',
      '  4. Commit .flue/ and the workflow.',
      '',
    ]);
    expect(read(dir, '.github/workflows/flue-triage.yml')).toBe(fixture('triage/github/workflow.yml'));
    expect(read(dir, '.flue/agents/triage.md')).toBe(fixture('triage/flue/agents/triage.md'));
    expect(existsSync(path.join(dir, '.gitlab-ci.yml'))).toBe(false);
  });

  it('writes .gitlab-ci.yml for a GitLab remote (https, self-managed host)', async () => {
    const dir = await tempRepo('https://gitlab.example.com/group/app.git');
    const result = await init(dir, 'triage', '--yes');
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')).toEqual([
      'GitLab: the origin remote is on gitlab.example.com (--github or --gitlab to choose).',
      ...TRIAGE_FLUE.map((file) => `wrote      ${file}`),
      'wrote      .gitlab-ci.yml',
      '',
      ...GITLAB_STEPS,
      '',
    ]);
    expect(read(dir, '.gitlab-ci.yml')).toBe(fixture('triage/gitlab/ci.yml'));
    expect(existsSync(path.join(dir, '.github'))).toBe(false);
  });

  it('--gitlab and --github win over the remote', async () => {
    const github = await tempRepo('git@github.com:octo/app.git');
    expect((await init(github, 'review', '--yes', '--gitlab')).stdout).toContain('wrote      .gitlab-ci.yml\n');
    expect(existsSync(path.join(github, '.github'))).toBe(false);
    const gitlab = await tempRepo('ssh://git@gitlab.com:2222/group/app.git');
    expect((await init(gitlab, 'review', '--yes', '--github')).stdout).toContain('wrote      .github/workflows/flue-review.yml\n');
    expect(existsSync(path.join(gitlab, '.gitlab-ci.yml'))).toBe(false);
  });

  it('without a remote, an existing .gitlab-ci.yml means GitLab; nothing at all means GitHub, said so', async () => {
    const gitlab = await tempRepo(undefined, { '.gitlab-ci.yml': 'lint:\n  script: [make lint]\n' });
    expect((await init(gitlab, 'review', '--yes')).stdout).toMatch(/^GitLab: \.gitlab-ci\.yml exists /);
    const none = await tempRepo('https://git.example.org/app.git');
    const result = await init(none, 'review', '--yes');
    expect(result.stdout.split('\n')[0]).toBe(
      "Writing for GitHub Actions: the origin remote's host git.example.org is neither GitHub nor GitLab to tell GitHub from GitLab. Pass --gitlab for GitLab CI/CD.",
    );
    expect(existsSync(path.join(none, '.github/workflows/flue-review.yml'))).toBe(true);
  });

  it('never overwrites an existing file: it is skipped with a line saying so, and --force replaces it', async () => {
    const mine = '---\ndescription: my own triage\n---\nMine.\n';
    const dir = await tempRepo('git@github.com:octo/app.git', { '.flue/agents/triage.md': mine });
    const result = await init(dir, 'triage', '--yes');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('skipped    .flue/agents/triage.md (exists; --force overwrites it)\n');
    expect(read(dir, '.flue/agents/triage.md')).toBe(mine);
    expect(result.stdout).toContain('wrote      .flue/roles/analyst.md\n');

    const again = await init(dir, 'triage', '--yes');
    expect(again.stdout).toContain('unchanged  .flue/roles/analyst.md\n');
    expect(again.stdout).toContain('skipped    .flue/agents/triage.md (exists; --force overwrites it)\n');

    const forced = await init(dir, 'triage', '--yes', '--force');
    expect(forced.stdout).toContain('replaced   .flue/agents/triage.md\n');
    expect(read(dir, '.flue/agents/triage.md')).toBe(fixture('triage/flue/agents/triage.md'));
  });

  it("adds the include to the user's .gitlab-ci.yml, keeping their jobs and comments; a second init changes nothing", async () => {
    const user = ['# Our pipeline.', 'stages: [build, test]', '', 'build:', '  stage: build', '  script: [make] # the whole thing', ''].join('\n');
    const dir = await tempRepo('git@gitlab.com:group/app.git', { '.gitlab-ci.yml': user });
    const result = await init(dir, 'triage', '--yes');
    expect(result.stdout).toContain('updated    .gitlab-ci.yml (added the triage include)\n');
    expect(read(dir, '.gitlab-ci.yml')).toBe(
      [
        '# Our pipeline.',
        'stages: [build, test]',
        '',
        'build:',
        '  stage: build',
        '  script: [make] # the whole thing',
        '',
        'include:',
        '  - remote: https://raw.githubusercontent.com/OWNER/flue-action/v1/templates/agent.yml',
        '    inputs:',
        '      agent: triage',
        '      as: flue-triage',
        '',
      ].join('\n'),
    );
    // `stages: [build, test]` has the template's default stage: no note about it.
    expect(result.stdout).not.toContain('runs in stage');
    const again = await init(dir, 'triage', '--yes');
    expect(again.stdout).toContain('.gitlab-ci.yml already includes the triage job.\n');
    const review = await init(dir, 'review', '--yes');
    expect(review.stdout).toContain('updated    .gitlab-ci.yml (added the review include)\n');
    expect(read(dir, '.gitlab-ci.yml')).toContain(
      '      as: flue-triage\n  - remote: https://raw.githubusercontent.com/OWNER/flue-action/v1/templates/agent.yml\n    inputs:\n      agent: review\n',
    );
  });

  it('a .gitlab-ci.yml it cannot edit safely is left alone: the include goes to .gitlab/flue-<name>.yml with the line to add', async () => {
    const broken = 'build:\n  script: [make\n';
    const dir = await tempRepo('git@gitlab.com:group/app.git', { '.gitlab-ci.yml': broken });
    const result = await init(dir, 'triage', '--yes');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('wrote      .gitlab/flue-triage.yml\n');
    expect(result.stdout).toMatch(
      /\.gitlab-ci\.yml left as it is \(it does not parse as YAML: Flow sequence in block collection must be sufficiently indented and end with a \] at line 3, column 1:\)\. Add this entry to its include: list:\n {2}- local: \.gitlab\/flue-triage\.yml\n/,
    );
    expect(read(dir, '.gitlab-ci.yml')).toBe(broken);
    expect(read(dir, '.gitlab/flue-triage.yml')).toBe(fixture('triage/gitlab/ci.yml'));
  });
});

describe('flue-action init: errors and notes', () => {
  it('an unknown template: one message listing the names, exit 2, nothing written', async () => {
    const dir = await tempRepo('git@github.com:octo/app.git');
    const result = await init(dir, 'triag', '--yes');
    expect(result).toEqual({ code: 2, stdout: '', stderr: "flue-action: Unknown template 'triag'. Expected one of: review, triage.\n" });
    expect(readdirSync(dir)).toEqual(['.git']);
  });

  it('no template outside a terminal: the usage and the names', async () => {
    const dir = await tempRepo();
    const result = await init(dir, '--yes');
    expect(result.stderr).toBe('flue-action: Missing template. Usage: flue-action init <template> [--yes]. Templates: review, triage.\n');
    expect(result.code).toBe(2);
  });

  it('--github with --gitlab, a missing templates folder, an unknown flag', async () => {
    const dir = await tempRepo();
    expect((await init(dir, 'triage', '--github', '--gitlab')).stderr).toBe(
      'flue-action: Options --github and --gitlab exclude each other: pass one of them.\n',
    );
    const missing = await cli(['init', 'triage', '--templates', path.join(dir, 'nope')], { cwd: dir });
    expect(missing.stderr).toBe(`flue-action: No templates folder at ${path.join(dir, 'nope')}. Reinstall flue-action, or pass --templates DIR.\n`);
    expect((await cli(['init', 'triage', '--dry-run'], { cwd: dir })).stderr).toBe(
      "flue-action: Option '--dry-run' does not apply to flue-action init. See flue-action --help.\n",
    );
  });

  it('a template without the CI file for the platform says so', async () => {
    const dir = await tempRepo();
    const templates = path.join(dir, 'templates');
    writeFileSync(path.join(dir, 'x'), '');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(path.join(templates, 'bare', 'flue', 'agents'), { recursive: true });
    writeFileSync(path.join(templates, 'bare', 'flue', 'agents', 'bare.md'), '---\ndescription: x\n---\nx\n');
    const result = await cli(['init', 'bare', '--yes', '--templates', templates], { cwd: dir });
    expect(result.stderr).toBe("flue-action: Template 'bare' has no github/workflow.yml: it cannot be set up for github.\n");
  });

  it("a stages: list without the job's stage gets a note: GitLab would refuse the pipeline", async () => {
    const dir = await tempRepo('git@gitlab.com:group/app.git', { '.gitlab-ci.yml': 'stages: [build]\nbuild:\n  stage: build\n  script: [make]\n' });
    const result = await init(dir, 'triage', '--yes');
    expect(result.stdout).toContain(
      "The triage job runs in stage 'test', which the stages: of .gitlab-ci.yml leave out: add it there, or set the include's stage input.\n",
    );
  });
});
