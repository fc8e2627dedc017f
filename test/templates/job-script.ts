/**
 * A part of the GitLab template's job script, cut from templates/agent.yml itself, so a test runs the
 * shell a job runs: from the comment line that starts `start` to the one that starts `end`.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

export const TEMPLATE = path.join(import.meta.dirname, '../../templates/agent.yml');

export function scriptBetween(start: string, end: string): string {
  const documents = readFileSync(TEMPLATE, 'utf8').split(/^---$/m);
  const job = Object.values(parse(documents[1] ?? '') as Record<string, { script: string[] }>)[0];
  const script = job?.script.join('\n') ?? '';
  const from = script.indexOf(start);
  const to = script.indexOf(end, from);
  if (from < 0 || to < from) throw new Error(`templates/agent.yml has no script part from '${start}' to '${end}'`);
  return script.slice(from, to);
}
