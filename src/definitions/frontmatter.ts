import { LineCounter, parseDocument } from 'yaml';
import { DefinitionError, type SourcePosition } from '../errors.js';
import { FrontmatterPositions } from './positions.js';
import { DefinitionErrors } from './problems.js';
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

/** One YAML syntax error, at its place in the file. */
export interface YamlProblem {
  position: SourcePosition;
  message: string;
}

export type YamlResult = { ok: true; value: unknown; positions: FrontmatterPositions } | { ok: false; problems: [YamlProblem, ...YamlProblem[]] };

/**
 * Parses frontmatter YAML (1.2 core schema: `yes` stays a string, dates stay strings). Positions are
 * in the whole file: frontmatter starts on line 2, after the opening `---`. Every syntax error is
 * returned, so `check` lists them all.
 */
export function parseFrontmatterYaml(yaml: string, options: { uniqueKeys: boolean }): YamlResult {
  const lineCounter = new LineCounter();
  const document = parseDocument(yaml, { prettyErrors: true, uniqueKeys: options.uniqueKeys, lineCounter });
  const positions = new FrontmatterPositions(document, lineCounter, 2);
  const problems = document.errors.map((error) => ({
    position: positions.at(error.pos[0]),
    // The library appends "at line N, column M:" and a code excerpt; the position is reported separately.
    message: error.message.replace(/ at line \d+, column \d+:[\s\S]*$/, ''),
  }));
  const [first, ...rest] = problems;
  if (first) return { ok: false, problems: [first, ...rest] };
  return { ok: true, value: document.toJS(), positions };
}

/**
 * The fields of an agent's or role's frontmatter: strict YAML (a duplicate key is an error), and a
 * mapping; empty frontmatter has no fields. Problems are DefinitionErrors naming `file`, at their
 * line (several syntax errors are thrown together); `mappingFix` says what the frontmatter should hold.
 */
export function frontmatterFields(
  file: string,
  yaml: string,
  mappingFix: string,
): { fields: Record<string, unknown>; positions: FrontmatterPositions } {
  const parsed = parseFrontmatterYaml(yaml, { uniqueKeys: true });
  if (!parsed.ok) {
    const [first, ...rest] = parsed.problems;
    const error = (problem: YamlProblem): DefinitionError =>
      new DefinitionError(file, 'frontmatter', `invalid YAML: ${problem.message}`, YAML_FIX, problem.position);
    throw rest.length === 0 ? error(first) : new DefinitionErrors([error(first), ...rest.map(error)]);
  }
  const fields = parsed.value ?? {};
  if (!isRecord(fields)) {
    throw parsed.positions.locate(new DefinitionError(file, 'frontmatter', `must be a mapping of fields, got ${describeValue(fields)}`, mappingFix));
  }
  return { fields, positions: parsed.positions };
}

/** An agent or role whose frontmatter never ends: the whole file would be read as YAML. */
export function unclosedFrontmatter(file: string): DefinitionError {
  return new DefinitionError(file, 'frontmatter', 'the opening --- has no closing --- line', 'End the frontmatter with a line containing only ---', {
    line: 1,
  });
}
