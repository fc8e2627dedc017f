import { DefinitionError } from '../errors.js';
import { frontmatterFields, normalizeText, splitFrontmatter, unclosedFrontmatter } from './frontmatter.js';
import { toolEntries } from './fields.js';
import { COMMON_FIELDS, MARKDOWN_NAMING } from './naming.js';
import { jsonSchemaResult } from './result-schema.js';
import { readCommonFields, unknownFieldWarnings, type AgentDraft } from './draft.js';
import { ErrorCollector, throwErrors } from './problems.js';

const START_FIX = 'Start the file with a --- line, then description: <what the agent does>, then a closing --- line';

/**
 * `.flue/agents/<name>.md`: YAML frontmatter with the fields of DESIGN.md §1, the body is the
 * instructions. Throws the first error of the file (each error it found, to `check`).
 */
export function parseMarkdownAgent(file: string, text: string): AgentDraft {
  const draft = readMarkdownAgent(file, text);
  throwErrors(draft.errors);
  return draft;
}

/**
 * The draft with every error of its fields, each at its line; a file whose frontmatter cannot be
 * read at all (none, unclosed, broken YAML) throws, as nothing else in it can be checked.
 */
export function readMarkdownAgent(file: string, text: string): AgentDraft {
  const split = splitFrontmatter(normalizeText(text));
  if (split.kind === 'none') throw new DefinitionError(file, undefined, 'has no frontmatter', START_FIX, { line: 1 });
  if (split.kind === 'unclosed') {
    throw unclosedFrontmatter(file);
  }
  const { fields, positions } = frontmatterFields(file, split.yaml, START_FIX);
  const problems = new ErrorCollector();
  const tools = problems.read(() => toolEntries(fields.tools, file), []);
  const common = readCommonFields(fields, file, MARKDOWN_NAMING, tools, problems);
  const result =
    fields.result === undefined || fields.result === null ? undefined : problems.read(() => jsonSchemaResult(fields.result, file), undefined);
  const warnings = unknownFieldWarnings(fields, COMMON_FIELDS, file, MARKDOWN_NAMING, positions);
  // The closing `---` is the line after the frontmatter's last line.
  const closing = { line: split.yaml.split('\n').length + 2 };
  if (split.body === '')
    warnings.push({ file, position: closing, message: 'has no instructions after the frontmatter; the model sees only the event' });
  return {
    format: 'markdown',
    ...common,
    instructions: split.body,
    ...(result ? { result } : {}),
    customTools: [],
    warnings,
    errors: problems.errors.map((error) => positions.locate(error)),
    positions,
  };
}
