import type { Dirent } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { SourcePosition } from '../errors.js';
import { LIMITS } from '../limits.js';
import type { SkillSpec } from './types.js';
import { normalizeText, splitFrontmatter } from './frontmatter.js';
import { parseSkill } from './skill-file.js';
import type { DefinitionWarning } from './problems.js';
import { isMissingFile, repoPath, TrackedFiles } from './tracked-files.js';

/** Where skills are looked for, in order: the first skill of a name wins. */
export const SKILL_ROOTS = ['.flue/skills', '.agents/skills', '.claude/skills'] as const;

/** A SKILL.md that cannot work: it stays out of the catalog. */
export interface SkippedSkill {
  /** Directory name: the only name a skill with unreadable frontmatter has. */
  folder: string;
  /** Repository-relative path of SKILL.md. */
  file: string;
  problem: string;
  fix: string;
  position: SourcePosition;
}

export interface SkillWarning extends DefinitionWarning {
  /** The skill the warning belongs to, so an agent shows only its own skills' warnings. */
  skill: string;
}

export interface SkillCatalog {
  skills: SkillSpec[];
  skipped: SkippedSkill[];
  warnings: SkillWarning[];
  /** sha256 of every SKILL.md read, by repository-relative path. */
  hashes: Record<string, string>;
}

/** Every skill under SKILL_ROOTS of `root`, parsed leniently. Never throws for a malformed skill. */
export async function findSkills(root: string): Promise<SkillCatalog> {
  const tracked = new TrackedFiles(root);
  const catalog: SkillCatalog = { skills: [], skipped: [], warnings: [], hashes: tracked.hashes };
  for (const skillRoot of SKILL_ROOTS) {
    for (const folder of await skillFolders(path.join(root, skillRoot))) {
      const dir = path.join(root, skillRoot, folder);
      const text = await tracked.readIfExists(path.join(dir, 'SKILL.md'));
      if (text === undefined) continue;
      addSkill(catalog, text, { file: repoPath(root, path.join(dir, 'SKILL.md')), dir, folder });
    }
  }
  return catalog;
}

function addSkill(catalog: SkillCatalog, text: string, where: { file: string; dir: string; folder: string }): void {
  const parsed = parseSkill(text, where);
  if (!parsed.ok) {
    catalog.skipped.push({ folder: where.folder, file: where.file, problem: parsed.problem, fix: parsed.fix, position: parsed.position });
    return;
  }
  const { skill } = parsed;
  const winner = catalog.skills.find((other) => other.name === skill.name);
  if (winner) {
    catalog.warnings.push({
      file: where.file,
      position: { line: 1 },
      skill: skill.name,
      message: `skill ${JSON.stringify(skill.name)} is also defined by ${winner.file}, which wins; this one is ignored`,
    });
    return;
  }
  catalog.skills.push(skill);
  catalog.warnings.push(...parsed.warnings.map((warning) => ({ ...warning, skill: skill.name })));
}

/** Skill by name, or else by folder name (a skill whose `name` differs from its folder). */
export function findSkill(catalog: SkillCatalog, name: string): SkillSpec | undefined {
  return catalog.skills.find((skill) => skill.name === name) ?? catalog.skills.find((skill) => path.basename(skill.dir) === name);
}

async function skillFolders(dir: string): Promise<string[]> {
  let entries: Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    if (isMissingFile(error)) return [];
    throw error;
  }
  const folders: string[] = [];
  for (const entry of entries) {
    if (entry.isDirectory() || (entry.isSymbolicLink() && (await isDirectory(path.join(dir, entry.name))))) folders.push(entry.name);
  }
  return folders.sort();
}

async function isDirectory(target: string): Promise<boolean> {
  try {
    return (await stat(target)).isDirectory();
  } catch {
    return false;
  }
}

export interface SkillBody {
  /** SKILL.md without its frontmatter. */
  body: string;
  /** Files beside SKILL.md, recursive, relative to the skill directory, `/`-separated, sorted. */
  resources: string[];
  /** More files exist than LIMITS.skillResources; the list was cut. */
  truncated: boolean;
}

/** What `activate_skill` returns: the instructions, and the files the skill may point the model to. */
export async function readSkillBody(skill: SkillSpec): Promise<SkillBody> {
  const split = splitFrontmatter(normalizeText(await readFile(path.join(skill.dir, 'SKILL.md'), 'utf8')));
  const body = split.kind === 'unclosed' ? '' : split.body;
  const resources: string[] = [];
  const truncated = await collectResources(skill.dir, '', resources);
  return { body, resources, truncated };
}

/** Depth-first in name order; dot-files and node_modules are skipped, symlinked folders not followed. */
async function collectResources(dir: string, prefix: string, into: string[]): Promise<boolean> {
  const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1));
  for (const entry of entries) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const relative = `${prefix}${entry.name}`;
    if (entry.isDirectory()) {
      if (await collectResources(path.join(dir, entry.name), `${relative}/`, into)) return true;
      continue;
    }
    if (relative === 'SKILL.md') continue;
    if (into.length === LIMITS.skillResources) return true;
    into.push(relative);
  }
  return false;
}
