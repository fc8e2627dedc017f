import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { DefinitionError } from '../errors.js';
import type { LoadedDocument } from './types.js';
import { frontmatterFields, normalizeText, splitFrontmatter, unclosedFrontmatter } from './frontmatter.js';
import { isMissingFile, repoPath, type TrackedFiles } from './tracked-files.js';
import { describeValue, didYouMean, quoteList } from './wording.js';
import type { DefinitionWarning, FieldTarget } from './problems.js';

export const ROLES_DIR = '.flue/roles';

/** Role names, from the `.md` files in `.flue/roles/`, sorted. */
export async function listRoles(root: string): Promise<string[]> {
  try {
    const entries = await readdir(path.join(root, ROLES_DIR), { withFileTypes: true });
    return entries
      .filter((entry) => entry.isFile() && entry.name.endsWith('.md'))
      .map((entry) => entry.name.slice(0, -'.md'.length))
      .sort();
  } catch (error) {
    if (isMissingFile(error)) return [];
    throw error;
  }
}

export interface Role {
  role: LoadedDocument & { name: string };
  warnings: DefinitionWarning[];
}

/** The role an agent names; a missing one is an error on the agent's `role` field. */
export async function loadRole(tracked: TrackedFiles, name: string, agentFile: string): Promise<Role> {
  const absolute = path.join(tracked.root, ROLES_DIR, `${name}.md`);
  const file = repoPath(tracked.root, absolute);
  const text = await tracked.readIfExists(absolute);
  if (text === undefined) {
    const roles = await listRoles(tracked.root);
    const fix = roles.length === 0 ? `No roles exist yet: create ${file}` : `Roles that exist: ${quoteList(roles)}`;
    throw new DefinitionError(agentFile, 'role', `${file} does not exist${didYouMean(name, roles)}`, fix);
  }
  const parsed = parseRole(file, text);
  return { role: { name, file, body: parsed.body }, warnings: parsed.warnings };
}

/** A role is a markdown overlay; frontmatter is optional and holds only `description`. */
export function parseRole(file: string, text: string): { description?: string; body: string; warnings: DefinitionWarning[] } {
  const split = splitFrontmatter(normalizeText(text));
  if (split.kind === 'unclosed') {
    throw unclosedFrontmatter(file);
  }
  const warnings: DefinitionWarning[] = [];
  let description: string | undefined;
  if (split.kind === 'frontmatter') {
    const { fields, positions } = frontmatterFields(file, split.yaml, 'Write description: <what the role is for>');
    const warn = (message: string, target: FieldTarget): void => void warnings.push({ file, message, position: positions.find(target) });
    for (const key of Object.keys(fields)) {
      if (key !== 'description')
        warn(`unknown field ${JSON.stringify(key)} is ignored${didYouMean(key, ['description'])}; a role has only description`, {
          keys: [key],
          part: 'key',
        });
    }
    if (typeof fields.description === 'string') description = fields.description.trim();
    else if (fields.description !== undefined && fields.description !== null)
      warn(`description should be a string, got ${describeValue(fields.description)}`, { keys: ['description'] });
  }
  if (split.body === '') warnings.push({ file, message: 'the role has no text after its frontmatter, so it changes nothing', position: { line: 1 } });
  return { ...(description === undefined ? {} : { description }), body: split.body, warnings };
}

/** Project instructions: AGENTS.md, else CLAUDE.md, from the root; empty files count as absent. */
export async function loadProjectInstructions(tracked: TrackedFiles): Promise<LoadedDocument | undefined> {
  for (const name of ['AGENTS.md', 'CLAUDE.md']) {
    const text = await tracked.readIfExists(path.join(tracked.root, name));
    if (text === undefined) continue;
    const body = normalizeText(text).trim();
    if (body !== '') return { file: name, body };
  }
  return undefined;
}
