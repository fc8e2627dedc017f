import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { DefinitionError } from '../errors.js';
import { isMissingFile, repoPath } from './tracked-files.js';
import { didYouMean, quoteList } from './wording.js';

export const AGENTS_DIR = '.flue/agents';
/** Markdown first: with `triage.md` and `triage.ts` side by side, the error lists them in this order. */
export const AGENT_EXTENSIONS = ['.md', '.ts', '.mts', '.js', '.mjs'] as const;

export interface AgentFile {
  /** The file name without its extension. */
  name: string;
  /** Repository-relative path. */
  file: string;
  /** Absolute path. */
  path: string;
}

const extensionOf = (file: string): string | undefined => AGENT_EXTENSIONS.find((extension) => file.endsWith(extension));

/** Every agent file directly in `.flue/agents/`, sorted by name. Type declarations (`.d.ts`) are not agents. */
export async function listAgentFiles(root: string): Promise<AgentFile[]> {
  let entries: Dirent[];
  try {
    entries = await readdir(path.join(root, AGENTS_DIR), { withFileTypes: true });
  } catch (error) {
    if (isMissingFile(error)) return [];
    throw error;
  }
  const agents: AgentFile[] = [];
  for (const extension of AGENT_EXTENSIONS) {
    for (const entry of entries) {
      if (!entry.isFile() || !entry.name.endsWith(extension) || /\.d\.m?ts$/.test(entry.name)) continue;
      const absolute = path.join(root, AGENTS_DIR, entry.name);
      agents.push({ name: entry.name.slice(0, -extension.length), file: repoPath(root, absolute), path: absolute });
    }
  }
  return agents.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** Names that several files define (`triage.md` and `triage.ts`); such a name cannot be loaded. */
export function duplicateError(agents: AgentFile[], name: string): DefinitionError | undefined {
  const same = agents.filter((agent) => agent.name === name);
  if (same.length < 2) return undefined;
  const [first] = same;
  return new DefinitionError(
    first?.file ?? AGENTS_DIR,
    undefined,
    `agent ${JSON.stringify(name)} is defined twice: ${same.map((agent) => agent.file).join(' and ')}`,
    'Delete or rename one of them',
  );
}

/** An agent by name (`triage`) or by path (`.flue/agents/triage.md`, `agents/review.ts`), relative to `root`. */
export async function locateAgent(root: string, nameOrPath: string): Promise<AgentFile> {
  const looksLikePath = /[\\/]/.test(nameOrPath) || extensionOf(nameOrPath) !== undefined;
  if (looksLikePath) return locateByPath(root, nameOrPath);
  const agents = await listAgentFiles(root);
  const duplicate = duplicateError(agents, nameOrPath);
  if (duplicate) throw duplicate;
  const found = agents.find((agent) => agent.name === nameOrPath);
  if (found) return found;
  const names = [...new Set(agents.map((agent) => agent.name))];
  throw new DefinitionError(
    AGENTS_DIR,
    undefined,
    `no agent named ${JSON.stringify(nameOrPath)}${didYouMean(nameOrPath, names)}`,
    names.length === 0 ? `No agents exist yet: create ${AGENTS_DIR}/${nameOrPath}.md` : `Agents that exist: ${quoteList(names)}`,
  );
}

async function locateByPath(root: string, given: string): Promise<AgentFile> {
  const absolute = path.resolve(root, given);
  const file = repoPath(root, absolute);
  const extension = extensionOf(absolute);
  if (extension === undefined) throw new DefinitionError(file, undefined, 'is not an agent file', 'Agents are .md, .ts, .mts, .js or .mjs files');
  try {
    if (!(await stat(absolute)).isFile()) throw new DefinitionError(file, undefined, 'is not a file', 'Give the path of an agent file');
  } catch (error) {
    if (isMissingFile(error))
      throw new DefinitionError(file, undefined, 'does not exist', `Give the path of an agent file, or an agent name from ${AGENTS_DIR}/`);
    throw error;
  }
  return { name: path.basename(absolute, extension), file, path: absolute };
}
