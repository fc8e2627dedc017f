// Adds a template's `include:` entry to a project's existing .gitlab-ci.yml. The file is the user's: the
// edit goes through the `yaml` document model so their comments and layout stay, and the result is parsed
// back and compared with the original before it is written. Anything that does not come back identical
// (apart from the added entry) is "unsafe": the caller writes a separate file and prints the line to add.
import { isDeepStrictEqual } from 'node:util';
import { isMap, isNode, isScalar, isSeq, parseAllDocuments, parseDocument, YAMLMap, YAMLSeq, type Document } from 'yaml';
import { errorMessage } from '../errors.js';
import { isRecord } from '../records.js';
import { oneLine } from '../text/index.js';

export type GitlabCiMerge =
  /** The file with the entry added. */
  | { kind: 'merged'; text: string }
  /** Every entry of the snippet is in the file already. */
  | { kind: 'present' }
  | { kind: 'unsafe'; why: string };

const asList = (value: unknown): unknown[] => (value === undefined || value === null ? [] : Array.isArray(value) ? value : [value]);

export function mergeGitlabCi(existing: string, snippet: string): GitlabCiMerge {
  const snippetDoc = parseDocument(snippet);
  const snippetJs: unknown = snippetDoc.toJS();
  if (!isRecord(snippetJs) || snippetJs.include === undefined) return { kind: 'unsafe', why: "the template's gitlab/ci.yml has no include:" };
  if (parseAllDocuments(existing).length > 1) return { kind: 'unsafe', why: 'it holds several YAML documents' };
  // GitLab reads `<<:` merge keys (Ruby's YAML): so must the comparison below.
  const doc = parseDocument(existing, { merge: true });
  if (doc.errors.length > 0) return { kind: 'unsafe', why: `it does not parse as YAML: ${oneLine(errorMessage(doc.errors[0]).split('\n')[0] ?? '')}` };
  if (doc.contents !== null && !isMap(doc.contents)) return { kind: 'unsafe', why: 'its top level is not a mapping of keys' };
  const before: unknown = doc.toJS() ?? {};
  if (!isRecord(before)) return { kind: 'unsafe', why: 'its top level is not a mapping of keys' };

  const others = Object.keys(snippetJs).filter((key) => key !== 'include');
  const clash = others.find((key) => key in before && !isDeepStrictEqual(before[key], snippetJs[key]));
  if (clash !== undefined) return { kind: 'unsafe', why: `it already has a different ${clash}:` };

  const present = asList(before.include);
  // The snippet's own nodes are copied, not rebuilt from their values: its flow style and comments stay.
  const includeNode = snippetDoc.get('include', true);
  const nodes = isSeq(includeNode) ? includeNode.items : [includeNode];
  const values = asList(snippetJs.include);
  const addedNodes = nodes.filter((_, index) => !present.some((old) => isDeepStrictEqual(old, values[index])));
  const added = values.filter((entry) => !present.some((old) => isDeepStrictEqual(old, entry)));
  const missingKeys = others.filter((key) => !(key in before));
  if (added.length === 0 && missingKeys.length === 0) return { kind: 'present' };

  // An empty file (or one of comments only) has no mapping yet.
  if (doc.contents === null) (doc as Document).contents = new YAMLMap();
  addIncludes(doc, addedNodes.map(copy));
  // Whole pairs, so a comment on the snippet's key (a job's explanation) comes along.
  const snippetPairs = isMap(snippetDoc.contents) ? snippetDoc.contents.items : [];
  for (const pair of snippetPairs) {
    const key = isScalar(pair.key) ? pair.key.value : pair.key;
    if (typeof key === 'string' && missingKeys.includes(key)) (doc.contents as YAMLMap).items.push(pair.clone());
  }
  // No padding inside `[a, b]`: the library's default would restyle every flow list of the user's file.
  const text = doc.toString({ flowCollectionPadding: false });

  const after: unknown = parseDocument(text, { merge: true }).toJS();
  const expected = { ...before, ...Object.fromEntries(missingKeys.map((key) => [key, snippetJs[key]])), include: [...present, ...added] };
  if (!isRecord(after) || !isDeepStrictEqual({ ...after, include: asList(after.include) }, expected)) {
    return { kind: 'unsafe', why: 'the edited file would not read back the same' };
  }
  return { kind: 'merged', text };
}

const copy = (node: unknown): unknown => (isNode(node) ? node.clone() : node);

/** Appends to an `include:` list; a single entry (a string or a mapping) becomes the list's first item. */
function addIncludes(doc: Document, entries: unknown[]): void {
  if (entries.length === 0) return;
  const current = doc.get('include', true);
  if (isSeq(current)) {
    for (const entry of entries) current.add(entry);
    return;
  }
  const list = new YAMLSeq();
  if (current !== undefined && current !== null) list.add(current);
  for (const entry of entries) list.add(entry);
  if (current !== undefined) {
    doc.set('include', list);
    return;
  }
  // A new `include:` goes last, set apart by a blank line: at the top, it would land between the file's
  // opening comment and the key that comment is attached to.
  const items = (doc.contents as YAMLMap).items;
  const pair = doc.createPair('include', list);
  if (isScalar(pair.key) && items.length > 0) pair.key.spaceBefore = true;
  items.push(pair);
}

/**
 * Stages the snippet's jobs run in (each include's `stage` input, `test` by default as in templates/agent.yml)
 * that the project's own `stages:` list leaves out: GitLab refuses such a pipeline, so init says so.
 */
export function missingStages(existing: string, snippet: string): string[] {
  const stages: unknown = (parseDocument(existing, { merge: true }).toJS() as Record<string, unknown> | null)?.stages;
  if (!Array.isArray(stages)) return [];
  const snippetJs: unknown = parseDocument(snippet).toJS();
  const entries = isRecord(snippetJs) ? asList(snippetJs.include) : [];
  const wanted = entries.map((entry) => {
    const stage = isRecord(entry) && isRecord(entry.inputs) ? entry.inputs.stage : undefined;
    return typeof stage === 'string' ? stage : 'test';
  });
  // `.pre` and `.post` exist in every pipeline, listed or not.
  return [...new Set(wanted.filter((stage) => stage !== '.pre' && stage !== '.post' && !stages.includes(stage)))];
}
