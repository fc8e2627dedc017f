// `flue-action init [template]`: copies a ready-made agent (templates/agents/<name>/) into the repository:
// its .flue/ files and the CI file for GitHub or GitLab. It never overwrites a file without asking (on a
// terminal) or `--force`; `--yes` answers every question with its default, as a script needs.
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { isatty } from 'node:tty';
import { InputError } from '../errors.js';
import { terminalSafe } from '../report/terminal.js';
import { EXIT } from './exit-codes.js';
import { mergeGitlabCi, missingStages } from './init-gitlab-ci.js';
import { detectPlatform, type Platform } from './init-platform.js';
import { terminalPrompter, type Prompter } from './init-prompt.js';
import { defaultTemplatesDir, filesUnder, findTemplate, listTemplates, templateAgents, type AgentTemplate } from './init-templates.js';
import type { CliIo } from './io.js';

export interface InitCommand {
  command: 'init';
  cwd: string;
  /** A folder name under the templates folder: triage, review, ci-explainer, mention. */
  template?: string;
  /** `--github` / `--gitlab`; otherwise detected from the origin remote. */
  platform?: Platform;
  /** Takes every default: no questions, existing files kept. */
  yes: boolean;
  /** Overwrites existing files without asking. */
  force: boolean;
  /** A folder laid out like the package's templates/agents/ (tests, or a team's own templates). */
  templatesDir?: string;
}

/** One file init means to write: `content` whole, or for an existing .gitlab-ci.yml the merged text. */
interface PlannedFile {
  /** Repository-relative, `/`-separated. */
  target: string;
  content: Buffer | string;
  /** An edit of the user's .gitlab-ci.yml (an added include), not a copy of a template file. */
  merge?: boolean;
}

export async function initCommand(command: InitCommand, io: CliIo, prompter?: Prompter): Promise<number> {
  const interactive = !command.yes && (prompter !== undefined || (io.isTerminal && isatty(0)));
  const ask = interactive ? (prompter ?? terminalPrompter(process.stdin, io.stderr)) : undefined;
  try {
    return await init(command, io, ask);
  } finally {
    ask?.close();
  }
}

async function init(command: InitCommand, io: CliIo, ask: Prompter | undefined): Promise<number> {
  const root = path.resolve(io.cwd, command.cwd);
  const say = (line: string) => io.stdout.write(`${terminalSafe(line)}\n`);
  const templates = listTemplates(command.templatesDir ?? defaultTemplatesDir());
  const template = await chooseTemplate(command, templates, ask);
  const platform = await choosePlatform(command, root, ask, say);

  const { files, notes } = plan(template, platform, root);
  if (ask) {
    say(`flue-action init ${template.name} (${platform === 'github' ? 'GitHub Actions' : 'GitLab CI/CD'}) will write:`);
    for (const file of files)
      say(`  ${file.target}${existsSync(path.join(root, file.target)) ? (file.merge ? ' (add the include)' : ' (exists)') : ''}`);
    if (!(await ask.confirm('Go ahead?', true))) {
      say('Nothing written.');
      return EXIT.succeeded;
    }
  }

  let written = 0;
  for (const file of files) {
    const target = path.join(root, file.target);
    const exists = existsSync(target);
    if (exists && Buffer.from(readFileSync(target)).equals(Buffer.from(file.content))) {
      say(`unchanged  ${file.target}`);
      continue;
    }
    if (exists && !file.merge && !command.force) {
      const overwrite = ask ? await ask.confirm(`${file.target} exists. Overwrite it?`, false) : false;
      if (!overwrite) {
        say(`skipped    ${file.target} (exists${ask ? '' : '; --force overwrites it'})`);
        continue;
      }
    }
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, file.content);
    written += 1;
    say(
      `${file.merge ? 'updated   ' : exists ? 'replaced  ' : 'wrote     '} ${file.target}${file.merge ? ` (added the ${template.name} include)` : ''}`,
    );
  }
  for (const note of notes) say(note);
  say(written === 0 ? 'Nothing new written.' : '');
  say(nextSteps(template, platform).join('\n'));
  return EXIT.succeeded;
}

async function chooseTemplate(command: InitCommand, templates: AgentTemplate[], ask: Prompter | undefined): Promise<AgentTemplate> {
  if (command.template !== undefined) return findTemplate(templates, command.template);
  if (ask === undefined) {
    const names = templates.map((template) => template.name).join(', ') || '(none)';
    throw new InputError(`Missing template. Usage: flue-action init <template> [--yes]. Templates: ${names}.`);
  }
  if (templates.length === 0) throw new InputError('No templates found. Reinstall flue-action, or pass --templates DIR.');
  const choices = templates.map((template) => ({
    value: template.name,
    label: `${template.name.padEnd(14)} ${template.description}`,
  }));
  return findTemplate(templates, await ask.choose('Which agent?', choices));
}

async function choosePlatform(command: InitCommand, root: string, ask: Prompter | undefined, say: (line: string) => void): Promise<Platform> {
  if (command.platform !== undefined) return command.platform;
  const guess = await detectPlatform(root);
  if (guess.platform !== undefined) {
    say(`${guess.platform === 'github' ? 'GitHub' : 'GitLab'}: ${guess.reason} (--github or --gitlab to choose).`);
    return guess.platform;
  }
  if (ask) {
    const choices = [
      { value: 'github', label: 'GitHub Actions' },
      { value: 'gitlab', label: 'GitLab CI/CD' },
    ];
    return (await ask.choose(`GitHub or GitLab? (${guess.reason})`, choices)) as Platform;
  }
  say(`Writing for GitHub Actions: ${guess.reason} to tell GitHub from GitLab. Pass --gitlab for GitLab CI/CD.`);
  return 'github';
}

/** The template's files mapped to the repository, and what to tell the user about the CI file. */
function plan(template: AgentTemplate, platform: Platform, root: string): { files: PlannedFile[]; notes: string[] } {
  const flue = path.join(template.dir, 'flue');
  const files: PlannedFile[] = filesUnder(flue).map((file) => ({ target: `.flue/${file}`, content: readFileSync(path.join(flue, file)) }));
  const notes: string[] = [];
  const ciSource = path.join(template.dir, platform === 'github' ? 'github/workflow.yml' : 'gitlab/ci.yml');
  if (!existsSync(ciSource))
    throw new InputError(`Template '${template.name}' has no ${path.relative(template.dir, ciSource)}: it cannot be set up for ${platform}.`);
  const ci = readFileSync(ciSource, 'utf8');
  if (platform === 'github') {
    files.push({ target: `.github/workflows/flue-${template.name}.yml`, content: ci });
    return { files, notes };
  }
  const gitlabCi = path.join(root, '.gitlab-ci.yml');
  if (!existsSync(gitlabCi)) {
    files.push({ target: '.gitlab-ci.yml', content: ci });
    return { files, notes };
  }
  const existing = readFileSync(gitlabCi, 'utf8');
  for (const stage of missingStages(existing, ci)) {
    notes.push(
      `The ${template.name} job runs in stage '${stage}', which the stages: of .gitlab-ci.yml leave out: add it there, or set the include's stage input.`,
    );
  }
  const merged = mergeGitlabCi(existing, ci);
  if (merged.kind === 'merged') files.push({ target: '.gitlab-ci.yml', content: merged.text, merge: true });
  else if (merged.kind === 'present') notes.push(`.gitlab-ci.yml already includes the ${template.name} job.`);
  else {
    const own = `.gitlab/flue-${template.name}.yml`;
    files.push({ target: own, content: ci });
    notes.push(`.gitlab-ci.yml left as it is (${merged.why}). Add this entry to its include: list:\n  - local: ${own}`);
  }
  return { files, notes };
}

function nextSteps(template: AgentTemplate, platform: Platform): string[] {
  const agent = templateAgents(template)[0] ?? template.name;
  const secrets =
    platform === 'github'
      ? ['  1. Add the repository secret ANTHROPIC_API_KEY (Settings > Secrets and variables > Actions).']
      : [
          '  1. Add masked CI/CD variables (Settings > CI/CD > Variables): ANTHROPIC_API_KEY, and FLUE_GITLAB_TOKEN,',
          '     a project access token with the api scope and the Developer role (the bot the agent writes as).',
        ];
  return [
    'Next steps:',
    ...secrets,
    `  2. Try it offline: npx flue-action run ${agent} --dry-run  (without ANTHROPIC_API_KEY it replays .flue/scripted/${agent}.jsonl)`,
    '  3. Check the definitions as CI does: npx flue-action check --strict',
    `  4. Commit .flue/ and the ${platform === 'github' ? 'workflow' : 'CI file'}.`,
  ];
}
