/** A replacement of `source.slice(from, to)` by `text`. */
export interface Edit {
  readonly from: number;
  readonly to: number;
  readonly text: string;
}

/** `source` with every edit applied. Edits may come in any order but must not overlap. */
export function applyEdits(source: string, edits: readonly Edit[]): string {
  if (edits.length === 0) return source;
  const sorted = [...edits].sort((a, b) => a.from - b.from || a.to - b.to);
  let out = '';
  let index = 0;
  for (const edit of sorted) {
    if (edit.from < index) throw new Error(`applyEdits: edit at ${edit.from} overlaps the one ending at ${index}`);
    out += source.slice(index, edit.from) + edit.text;
    index = edit.to;
  }
  return out + source.slice(index);
}
