import { isRecord, nullPrototypeRecord } from '../records.js';
import type { SkillSpec } from './types.js';
import type { SourcePosition } from '../errors.js';
import { normalizeText, parseFrontmatterYaml, splitFrontmatter } from './frontmatter.js';
import { fieldKeys, type FrontmatterPositions } from './positions.js';
import { describeValue, quoteList } from './wording.js';
import type { DefinitionWarning } from './problems.js';

/** Limits set by the Agent Skills specification; breaking them is warned about, not refused. */
const SPEC = { nameChars: 64, descriptionChars: 1024, compatibilityChars: 500 } as const;
const SPEC_FIELDS = ['name', 'description', 'license', 'compatibility', 'metadata', 'allowed-tools'];
/** Claude Code's documented extensions: common in real skills and harmless here, so not warned about. */
const KNOWN_EXTENSIONS = ['argument-hint', 'disable-model-invocation', 'user-invocable', 'model', 'context', 'agent', 'hooks', 'version'];
const SPEC_NAME = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export interface SkillLocation {
  /** Repository-relative path of SKILL.md. */
  file: string;
  /** Absolute directory of the skill. */
  dir: string;
  /** Name of the directory, the spec's expected `name`. */
  folder: string;
}

export type SkillParse =
  | { ok: true; skill: SkillSpec; warnings: DefinitionWarning[] }
  /** Cannot work: the model could not be told what the skill is for. */
  | { ok: false; problem: string; fix: string; position: SourcePosition };

const FRONTMATTER_FIX = 'Start SKILL.md with a --- line, then name: <folder> and description: <what it does and when to use it>, then ---';

/** Reads one SKILL.md leniently: real-world skills break the spec and still work. */
export function parseSkill(text: string, where: SkillLocation): SkillParse {
  const split = splitFrontmatter(normalizeText(text));
  if (split.kind === 'none') return { ok: false, problem: 'has no frontmatter, so it has no description', fix: FRONTMATTER_FIX, position: { line: 1 } };
  if (split.kind === 'unclosed') {
    return {
      ok: false,
      problem: 'its frontmatter has no closing --- line',
      fix: 'End the frontmatter with a line containing only ---',
      position: { line: 1 },
    };
  }
  const warnings: DefinitionWarning[] = [];
  const read = readFields(split.yaml, (message, position) => void warnings.push({ file: where.file, message, ...(position ? { position } : {}) }));
  if (!read.ok) return read;
  const { fields, positions } = read;
  /** A warning at the line of `field` (`metadata.owner`), or of its key, when the YAML could be placed. */
  const warn: FieldWarn = (message, field, part) => {
    const position = positions?.find({ keys: field === undefined ? [] : fieldKeys(field), ...(part ? { part } : {}) });
    warnings.push({ file: where.file, message, ...(position && field !== undefined ? { position } : {}) });
  };
  const description = fields.description;
  if (typeof description !== 'string' || description.trim() === '') {
    const problem =
      description === undefined || description === null
        ? 'description is required'
        : `description must be a non-empty string, got ${describeValue(description)}`;
    const position = positions?.find({ keys: ['description'] }) ?? { line: 1 };
    return { ok: false, problem, fix: 'Add description: <what the skill does and when to use it>', position };
  }
  const skill: SkillSpec = {
    name: readName(fields.name, where, warn),
    description: description.trim(),
    file: where.file,
    dir: where.dir,
  };
  if (skill.description.length > SPEC.descriptionChars) {
    warn(
      `description is ${skill.description.length} characters; the Agent Skills spec allows ${SPEC.descriptionChars}, and the catalog sends all of it on every model call`,
      'description',
    );
  }
  readOptionalFields(fields, skill, warn);
  const unknown = Object.keys(fields).filter((key) => !SPEC_FIELDS.includes(key) && !KNOWN_EXTENSIONS.includes(key));
  if (unknown.length === 1)
    warn(`unknown field ${quoteList(unknown)} is ignored (the Agent Skills spec defines ${SPEC_FIELDS.join(', ')})`, unknown[0], 'key');
  if (unknown.length > 1)
    warn(`unknown fields ${quoteList(unknown)} are ignored (the Agent Skills spec defines ${SPEC_FIELDS.join(', ')})`, unknown[0], 'key');
  return { ok: true, skill, warnings };
}

type Fields = Record<string, unknown>;
/** A warning about `field` (a key path such as `metadata.owner`; `part: 'key'` for the key itself), or about the whole file. */
type FieldWarn = (message: string, field?: string, part?: 'key') => void;

/** The fields, and where they are (not for fields salvaged line by line from broken YAML). */
type ReadFields =
  | { ok: true; fields: Fields; positions?: FrontmatterPositions }
  | { ok: false; problem: string; fix: string; position: SourcePosition };

function readFields(yaml: string, warn: (message: string, position?: SourcePosition) => void): ReadFields {
  // Duplicate keys are common in hand-edited skills and harmless: the last one wins, as in most parsers.
  const parsed = parseFrontmatterYaml(yaml, { uniqueKeys: false });
  if (parsed.ok) {
    const { positions } = parsed;
    if (parsed.value === null || parsed.value === undefined) return { ok: true, fields: {}, positions };
    if (isRecord(parsed.value)) return { ok: true, fields: parsed.value, positions };
    return {
      ok: false,
      problem: `frontmatter must be a mapping of fields, got ${describeValue(parsed.value)}`,
      fix: FRONTMATTER_FIX,
      position: positions.find({ keys: [] }),
    };
  }
  const [first] = parsed.problems;
  const where = `line ${first.position.line}: ${first.message}`;
  const salvaged = salvageFields(yaml);
  if (salvaged === undefined) {
    return {
      ok: false,
      problem: `frontmatter is not valid YAML (${where})`,
      fix: 'Quote values that contain ": " or start with a quote, [ or {',
      position: first.position,
    };
  }
  warn(
    `frontmatter is not valid YAML (${where}); read name and description line by line, other fields ignored. Quote values that contain ": "`,
    first.position,
  );
  return { ok: true, fields: salvaged };
}

const UNSAFE_START = /^["'[{|>&*!%@`]/;

/**
 * The most common YAML break in real skills is an unquoted `description: Use when: ...`. Such lines
 * are still readable as `key: value`; a value that starts like YAML syntax (a quote, a bracket, a
 * block scalar) is not guessed at, and then the skill is skipped.
 */
function salvageFields(yaml: string): Fields | undefined {
  const fields: Record<string, string> = {};
  let current: string | undefined;
  for (const line of yaml.split('\n')) {
    const entry = /^([A-Za-z][\w-]*):[ \t]*(.*)$/.exec(line);
    if (entry?.[1] !== undefined) {
      current = entry[1];
      fields[current] = (entry[2] ?? '').trim();
    } else if (current !== undefined && /^[ \t]+\S/.test(line)) {
      fields[current] = `${fields[current] ?? ''} ${line.trim()}`.trim();
    } else if (line.trim() !== '' && !line.startsWith('#')) {
      return undefined;
    }
  }
  const { name, description } = fields;
  if (description === undefined || description === '' || UNSAFE_START.test(description)) return undefined;
  return name === undefined || UNSAFE_START.test(name) ? { description } : { name, description };
}

function readName(value: unknown, where: SkillLocation, warn: FieldWarn): string {
  if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
    warn(`name is missing; using the folder name ${JSON.stringify(where.folder)}`, 'name');
    return where.folder;
  }
  if (typeof value !== 'string') {
    warn(`name must be a string, got ${describeValue(value)}; using the folder name ${JSON.stringify(where.folder)}`, 'name');
    return where.folder;
  }
  const name = value.trim();
  if (name.length > SPEC.nameChars || !SPEC_NAME.test(name)) {
    warn(
      `name ${JSON.stringify(name)} breaks the Agent Skills spec (lowercase letters, digits and single hyphens, at most ${SPEC.nameChars} characters)`,
      'name',
    );
  }
  if (name !== where.folder)
    warn(`name ${JSON.stringify(name)} differs from its folder ${JSON.stringify(where.folder)}; agents list it as ${JSON.stringify(name)}`, 'name');
  return name;
}

function readOptionalFields(fields: Fields, skill: SkillSpec, warn: FieldWarn): void {
  const { license, compatibility, metadata } = fields;
  if (license !== undefined && license !== null) {
    if (typeof license !== 'string') warn(`license should be a string, got ${describeValue(license)}`, 'license');
    skill.license = String(license);
  }
  if (compatibility !== undefined && compatibility !== null) {
    skill.compatibility = String(compatibility);
    if (skill.compatibility.length > SPEC.compatibilityChars) {
      warn(`compatibility is ${skill.compatibility.length} characters; the Agent Skills spec allows ${SPEC.compatibilityChars}`, 'compatibility');
    }
  }
  if (metadata !== undefined && metadata !== null) {
    if (isRecord(metadata)) skill.metadata = stringMap(metadata, warn);
    else warn(`metadata must be a mapping, got ${describeValue(metadata)}; it is ignored`, 'metadata');
  }
  const allowed = readAllowedTools(fields['allowed-tools'], warn);
  if (allowed) skill.allowedTools = allowed;
}

function stringMap(metadata: Record<string, unknown>, warn: FieldWarn): Record<string, string> {
  const result = nullPrototypeRecord<string>();
  for (const [key, value] of Object.entries(metadata)) {
    if (typeof value === 'string') {
      result[key] = value;
      continue;
    }
    warn(`metadata.${key} should be a string, got ${describeValue(value)}; it was converted to JSON`, `metadata.${key}`);
    result[key] = JSON.stringify(value) ?? String(value);
  }
  return result;
}

/** The spec says space-separated; real skills also write a YAML list or `Read, Grep`. */
function readAllowedTools(value: unknown, warn: FieldWarn): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return splitToolList(value);
  if (Array.isArray(value) && value.every((tool) => typeof tool === 'string')) return value.map((tool) => tool.trim()).filter((tool) => tool !== '');
  warn(`allowed-tools must be a space-separated string or a list of strings, got ${describeValue(value)}; it is ignored`, 'allowed-tools');
  return undefined;
}

/** Splits on spaces and commas outside parentheses: `Bash(git add:*) Read` is two tools. */
function splitToolList(value: string): string[] {
  const tools: string[] = [];
  let current = '';
  let depth = 0;
  for (const char of value) {
    if (char === '(') depth++;
    if (char === ')') depth = Math.max(0, depth - 1);
    if (depth === 0 && /[\s,]/.test(char)) {
      if (current !== '') tools.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  if (current !== '') tools.push(current);
  return tools;
}
