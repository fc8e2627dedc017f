import { parseDocument } from 'yaml';
import { DefinitionError } from '../errors.js';
import { isRecord } from '../records.js';
import { describeValue } from './wording.js';

export const YAML_FIX = 'Fix the YAML there; quote values that contain ": " or start with a quote, [, {, * or &';

/** Files written on Windows or by some editors carry a BOM and CRLF line ends; neither may change a value. */
export function normalizeText(text: string): string {
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}

export type SplitDocument =
  /** The file does not start with a `---` line. */
  | { kind: 'none'; body: string }
  /** A `---` line opens frontmatter that no `---` line closes. */
  | { kind: 'unclosed' }
  | { kind: 'frontmatter'; yaml: string; body: string };

const FENCE = /^---[ \t]*$/;

/** Splits normalized text into YAML frontmatter and the markdown body after it. */
export function splitFrontmatter(text: string): SplitDocument {
  const lines = text.split('\n');
  if (!FENCE.test(lines[0] ?? '')) return { kind: 'none', body: text.trim() };
  const close = lines.findIndex((line, index) => index > 0 && FENCE.test(line));
  if (close === -1) return { kind: 'unclosed' };
  return {
    kind: 'frontmatter',
    yaml: lines.slice(1, close).join('\n'),
    body: lines
      .slice(close + 1)
      .join('\n')
      .trim(),
  };
}

export type YamlResult = { ok: true; value: unknown } | { ok: false; line: number; message: string };

/**
 * Parses frontmatter YAML (1.2 core schema: `yes` stays a string, dates stay strings). `line` is the
 * line in the whole file: frontmatter starts on line 2, after the opening `---`.
 */
export function parseFrontmatterYaml(yaml: string, options: { uniqueKeys: boolean }): YamlResult {
  const document = parseDocument(yaml, { prettyErrors: true, uniqueKeys: options.uniqueKeys });
  const [error] = document.errors;
  if (error) {
    const line = (error.linePos?.[0].line ?? 1) + 1;
    // The library appends "at line N, column M:" and a code excerpt; the line is reported separately.
    const message = error.message.replace(/ at line \d+, column \d+:[\s\S]*$/, '');
    return { ok: false, line, message };
  }
  return { ok: true, value: document.toJS() };
}

/**
 * The fields of an agent's or role's frontmatter: strict YAML (a duplicate key is an error), and a
 * mapping; empty frontmatter has no fields. Either problem is one DefinitionError naming `file`;
 * `mappingFix` says what the frontmatter should hold.
 */
export function frontmatterFields(file: string, yaml: string, mappingFix: string): Record<string, unknown> {
  const parsed = parseFrontmatterYaml(yaml, { uniqueKeys: true });
  if (!parsed.ok) {
    throw new DefinitionError(file, 'frontmatter', `invalid YAML at line ${parsed.line}: ${parsed.message}`, YAML_FIX);
  }
  const fields = parsed.value ?? {};
  if (!isRecord(fields)) {
    throw new DefinitionError(file, 'frontmatter', `must be a mapping of fields, got ${describeValue(fields)}`, mappingFix);
  }
  return fields;
}

/** An agent or role whose frontmatter never ends: the whole file would be read as YAML. */
export function unclosedFrontmatter(file: string): DefinitionError {
  return new DefinitionError(
    file,
    'frontmatter',
    'the opening --- on line 1 has no closing --- line',
    'End the frontmatter with a line containing only ---',
  );
}
