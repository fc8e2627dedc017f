/**
 * The ready-made agents under templates/agents/ as the tests use them: each template's files, its
 * scripted session turned into the fake Anthropic's turns (the same turns, served as the Messages API),
 * and a checkout with the template's `flue/` copied to `.flue/` as `flue-action init` does.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseScript, type ScriptedTurn } from '../../src/harness/scripted-client.js';
import { textBlock, toolBlock, turn, type FakeTurn } from '../fakes/anthropic.js';
import { ROOT } from '../cli/helpers.js';
import { git } from '../sandbox/git-repo.js';

export const TEMPLATES_DIR = path.join(ROOT, 'templates', 'agents');
export const TEMPLATE_NAMES = ['ci-explainer', 'mention', 'review', 'triage'] as const;
export type TemplateName = (typeof TEMPLATE_NAMES)[number];

/** Every file of `dir`, path relative to it (with `/`) to content. */
export function filesUnder(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (relative: string) => {
    for (const entry of readdirSync(path.join(dir, relative))) {
      const child = relative === '' ? entry : `${relative}/${entry}`;
      if (statSync(path.join(dir, child)).isDirectory()) walk(child);
      else files[child] = readFileSync(path.join(dir, child), 'utf8');
    }
  };
  walk('');
  return files;
}

/** The template's `flue/` as it lands in a repository: under `.flue/`. */
export function flueFiles(name: TemplateName): Record<string, string> {
  return Object.fromEntries(Object.entries(filesUnder(path.join(TEMPLATES_DIR, name, 'flue'))).map(([file, text]) => [`.flue/${file}`, text]));
}

export function templateFile(name: TemplateName, relative: string): string {
  return readFileSync(path.join(TEMPLATES_DIR, name, relative), 'utf8');
}

/**
 * A template's scripted session: `flue/scripted/<session>.jsonl`, by default the one named after the
 * template (what the offline demo replays); mention also has `mention-fix`, a comment asking for a fix.
 */
export const scriptFile = (name: TemplateName, session: string = name) => path.join(TEMPLATES_DIR, name, 'flue', 'scripted', `${session}.jsonl`);

/** The template's scripted session, read by the runner's own parser. */
export function scriptedTurns(name: TemplateName, session: string = name): ScriptedTurn[] {
  return parseScript(readFileSync(scriptFile(name, session), 'utf8'), `${session}.jsonl`);
}

/** The same turns for the fake Anthropic API: where a scripted model cannot be used (the action, a GitLab job). */
export function fakeTurns(name: TemplateName, session: string = name): FakeTurn[] {
  return scriptedTurns(name, session).map((scripted) => {
    if (typeof scripted.content === 'string') return turn([textBlock(scripted.content)]);
    return turn(
      scripted.content.map((block) => (block.type === 'text' ? textBlock(block.text ?? '') : toolBlock(block.name ?? '', block.input, block.id))),
    );
  });
}

/** The tool calls of a template's session, `name` to input, in order: what the tests expect to land. */
export function toolCalls(name: TemplateName, tool: string, session: string = name): Array<Record<string, unknown>> {
  return scriptedTurns(name, session).flatMap((scripted) =>
    typeof scripted.content === 'string'
      ? []
      : scripted.content.filter((block) => block.type === 'tool_use' && block.name === tool).map((block) => block.input as Record<string, unknown>),
  );
}

/** The repository each scripted session was written for: GitHub's Hello-World example, plus what the workflow writes. */
export const README = [
  '# Hello-World',
  '',
  'My first repository on GitHub.',
  '',
  '## Contributing',
  '',
  '1. Fork the repository and create a branch.',
  '2. Make your change, then `git add` and `git committ -m "Describe the change"`.',
  '3. Open a pull request.',
  '',
].join('\n');

/** What the triage workflow's `gh issue list` step writes. */
export const RECENT_ISSUES = '#7 [closed] Typo in the contributing steps\n#5 [open] Add a license\n';

/** What the ci-explainer workflow's `gh run view --log-failed` step writes (its format: job, step, line). */
export const FAILED_LOG = [
  'test\tRun npm test\t2026-12-07T02:00:01.0000000Z > hello@1.0.0 test',
  'test\tRun npm test\t2026-12-07T02:00:02.0000000Z FAIL test/greet.test.js',
  'test\tRun npm test\t2026-12-07T02:00:02.0000000Z   Expected: "Hello, world!"',
  'test\tRun npm test\t2026-12-07T02:00:02.0000000Z   Received: "Hello world"',
  'test\tRun npm test\t2026-12-07T02:00:03.0000000Z ##[error]Process completed with exit code 1.',
  '',
].join('\n');

export const GREET = 'export function greet(name) {\n  return `Hello ${name}`;\n}\n';

/** The checkout each template runs over: the template's `.flue/` and the files its session reads. */
export function checkout(name: TemplateName): Record<string, string> {
  const extra: Record<TemplateName, Record<string, string>> = {
    triage: { '.flue-context/recent-issues.txt': RECENT_ISSUES },
    review: {},
    'ci-explainer': { '.flue-context/failed-jobs.log': FAILED_LOG, 'src/greet.js': GREET },
    mention: {},
  };
  return { 'README.md': README, ...flueFiles(name), ...extra[name] };
}

/** The CI workflow mention's fix session tries to edit: protected, so it must reach no commit. */
export const CI_WORKFLOW = 'on: push\n';

/** The checkout mention's fix session runs over: the answer's, with a CI workflow beside it. */
export function fixCheckout(): Record<string, string> {
  return { ...checkout('mention'), '.github/workflows/ci.yml': CI_WORKFLOW };
}

/** README.md as mention's fix session leaves it: line 8's typo fixed. */
export const FIXED_README = README.replace('git committ -m', 'git commit -m');

/**
 * Makes `dir` (already holding its files) a git repository with them committed on main, as a CI
 * checkout is: propose_change reads the change set against HEAD. Returns HEAD's sha.
 */
export function commitCheckout(dir: string): string {
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'init');
  return git(dir, 'rev-parse', 'HEAD').trim();
}
