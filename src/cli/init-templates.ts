// The ready-made agents `flue-action init` copies: templates/agents/<name>/ in the package, each laid out as
//   flue/               copied to the repository's .flue/ (agents/, skills/, scripted/, roles/)
//   github/workflow.yml written to .github/workflows/flue-<name>.yml
//   gitlab/ci.yml       a .gitlab-ci.yml snippet: an `include:` of templates/agent.yml with its inputs
//   README.md           what the template does; its first paragraph is the description `init` lists
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError } from '../errors.js';

export interface AgentTemplate {
  name: string;
  /** One line, from the template's README.md. */
  description: string;
  dir: string;
}

/**
 * templates/agents/ of the installed package. The CLI runs from dist/ (one level under the package root), the
 * sources from src/cli/ (two levels): the first of the two that exists. `bundleUrl` is a parameter, not read
 * inline, so the bundler leaves the path alone (as src/definitions/module-hooks.ts does for lib.js).
 */
export function defaultTemplatesDir(bundleUrl: string = import.meta.url): string {
  const candidates = ['../templates/agents/', '../../templates/agents/'].map((relative) => fileURLToPath(new URL(relative, bundleUrl)));
  return candidates.find((dir) => existsSync(dir)) ?? (candidates[0] as string);
}

export function listTemplates(templatesDir: string): AgentTemplate[] {
  if (!existsSync(templatesDir) || !statSync(templatesDir).isDirectory()) {
    throw new InputError(`No templates folder at ${templatesDir}. Reinstall flue-action, or pass --templates DIR.`);
  }
  return readdirSync(templatesDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(templatesDir, entry.name, 'flue')))
    .map((entry) => entry.name)
    .sort()
    .map((name) => ({ name, description: readmeSummary(path.join(templatesDir, name, 'README.md')), dir: path.join(templatesDir, name) }));
}

export function findTemplate(templates: AgentTemplate[], name: string): AgentTemplate {
  const template = templates.find((candidate) => candidate.name === name);
  if (template === undefined) {
    const names = templates.map((candidate) => candidate.name).join(', ') || '(none)';
    throw new InputError(`Unknown template '${name}'. Expected one of: ${names}.`);
  }
  return template;
}

/** The first paragraph of the README that is not a heading, as one line; the heading when there is none. */
function readmeSummary(file: string): string {
  if (!existsSync(file)) return '';
  const lines = readFileSync(file, 'utf8').split('\n');
  const heading =
    lines
      .find((line) => line.startsWith('# '))
      ?.slice(2)
      .trim() ?? '';
  const start = lines.findIndex((line) => line.trim() !== '' && !line.startsWith('#'));
  if (start === -1) return heading;
  const end = lines.findIndex((line, index) => index > start && line.trim() === '');
  return lines
    .slice(start, end === -1 ? undefined : end)
    .map((line) => line.trim())
    .join(' ');
}

/** Every file under `dir`, as paths relative to it with `/` separators, sorted. */
export function filesUnder(dir: string): string[] {
  const found: string[] = [];
  const walk = (relative: string) => {
    for (const entry of readdirSync(path.join(dir, relative), { withFileTypes: true })) {
      const child = relative === '' ? entry.name : `${relative}/${entry.name}`;
      if (entry.isDirectory()) walk(child);
      else if (entry.isFile()) found.push(child);
    }
  };
  walk('');
  return found.sort();
}

/** The agents a template adds: the names `flue-action run` takes. */
export function templateAgents(template: AgentTemplate): string[] {
  const agents = path.join(template.dir, 'flue', 'agents');
  if (!existsSync(agents)) return [];
  return readdirSync(agents)
    .filter((file) => /\.(md|ts|mts|js|mjs)$/.test(file))
    .map((file) => file.replace(/\.[^.]+$/, ''))
    .sort();
}
