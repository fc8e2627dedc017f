import { DefinitionError } from '../errors.js';
import { frontmatterFields, normalizeText, splitFrontmatter, unclosedFrontmatter } from './frontmatter.js';
import { toolEntries } from './fields.js';
import { COMMON_FIELDS, MARKDOWN_NAMING } from './naming.js';
import { jsonSchemaResult } from './result-schema.js';
import { readCommonFields, unknownFieldWarnings, type AgentDraft } from './draft.js';

const START_FIX = 'Start the file with a --- line, then description: <what the agent does>, then a closing --- line';

/** `.flue/agents/<name>.md`: YAML frontmatter with the fields of DESIGN.md §1, the body is the instructions. */
export function parseMarkdownAgent(file: string, text: string): AgentDraft {
  const split = splitFrontmatter(normalizeText(text));
  if (split.kind === 'none') throw new DefinitionError(file, undefined, 'has no frontmatter', START_FIX);
  if (split.kind === 'unclosed') {
    throw unclosedFrontmatter(file);
  }
  const fields = frontmatterFields(file, split.yaml, START_FIX);
  const common = readCommonFields(fields, file, MARKDOWN_NAMING, toolEntries(fields.tools, file));
  const warnings = unknownFieldWarnings(fields, COMMON_FIELDS, file, MARKDOWN_NAMING);
  if (split.body === '') warnings.push({ file, message: 'has no instructions after the frontmatter; the model sees only the event' });
  return {
    format: 'markdown',
    ...common,
    instructions: split.body,
    ...(fields.result === undefined || fields.result === null ? {} : { result: jsonSchemaResult(fields.result, file) }),
    customTools: [],
    warnings,
  };
}
