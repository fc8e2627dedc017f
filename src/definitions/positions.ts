/**
 * Where a field sits in a file's YAML frontmatter, so a problem found in the parsed value (a valibot
 * issue path, a field name) is reported at its line and column. The `yaml` library keeps each node's
 * offset; its LineCounter turns offsets into lines. Nothing here is counted by hand.
 */
import { isMap, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';
import { DefinitionError, type SourcePosition } from '../errors.js';
import { DefinitionErrors, FieldError, type FieldTarget } from './problems.js';

/** `outputs.add_labels.allowed[2]` as keys: `['outputs', 'add_labels', 'allowed', 2]`. */
export function fieldKeys(field: string): Array<string | number> {
  return [...field.matchAll(/\[(\d+)\]|([^.[\]]+)/g)].map((match) => (match[1] === undefined ? (match[2] ?? '') : Number(match[1])));
}

export class FrontmatterPositions {
  /**
   * @param firstLine the file's line where the YAML starts (2: after the opening `---`). Columns need
   * no shift: the YAML is whole lines of the file.
   */
  constructor(
    private readonly document: Document,
    private readonly lines: LineCounter,
    private readonly firstLine: number,
  ) {}

  /** A YAML offset as a position in the file. */
  at(offset: number): SourcePosition {
    const { line, col } = this.lines.linePos(offset);
    return { line: line + this.firstLine - 1, column: col };
  }

  /**
   * The position of `target`. When part of its path is missing (a required field), the deepest part
   * that exists; for a missing top-level field, the opening `---` line. A key with an empty value is
   * placed at the key.
   */
  find(target: FieldTarget): SourcePosition {
    let node: unknown = this.document.contents;
    let found: SourcePosition = { line: this.firstLine - 1 };
    if (node === null) return found;
    found = this.start(node) ?? found;
    for (const [index, key] of target.keys.entries()) {
      const last = index === target.keys.length - 1;
      if (isMap(node)) {
        const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(key));
        const keyAt = pair ? this.start(pair.key) : undefined;
        if (!pair || keyAt === undefined) return index === 0 ? { line: this.firstLine - 1 } : found;
        if ((last && target.part === 'key') || pair.value === null) return keyAt;
        node = pair.value;
        found = this.start(node) ?? keyAt;
      } else if (isSeq(node) && typeof key === 'number' && node.items[key] !== undefined) {
        node = node.items[key];
        found = this.start(node) ?? found;
      } else {
        return found;
      }
    }
    if (target.item !== undefined && isSeq(node)) {
      const entry = node.items.find((item) => isScalar(item) && String(item.value).trim() === target.item);
      return (entry === undefined ? undefined : this.start(entry)) ?? found;
    }
    return found;
  }

  /** The same error, at its place in this frontmatter (each error of a DefinitionErrors). */
  locate(error: DefinitionError): DefinitionError {
    if (error instanceof DefinitionErrors) {
      const [first, ...rest] = error.errors.map((each) => this.locate(each));
      return first ? new DefinitionErrors([first, ...rest]) : error;
    }
    if (error.position !== undefined) return error;
    const target = error instanceof FieldError ? error.target : { keys: error.field === undefined ? [] : fieldKeys(error.field) };
    const position = error.field === undefined && !(error instanceof FieldError) ? { line: 1 } : this.find(target);
    return new DefinitionError(error.file, error.field, error.problem, error.fix, position);
  }

  private start(node: unknown): SourcePosition | undefined {
    const range = (node as Node | null)?.range;
    return range ? this.at(range[0]) : undefined;
  }
}
