import fs from 'node:fs';
import { FlueError } from '../errors.js';
import { isRecord } from '../records.js';
import { SESSION_LOG_VERSION } from './events.js';
import type { SessionEvent, SessionEventType, SessionHeader } from './events.js';

/** A session log as `flue-action view` and the reports read it. */
export interface ParsedSessionLog {
  /** The file it was read from, as given. */
  path: string;
  header: SessionHeader;
  /** Every well-formed event, in file order. */
  events: SessionEvent[];
  /** The last line was cut off mid-write: the process died while recording it. */
  truncated: boolean;
  /** Lines that were skipped, and why, each naming its line number. */
  problems: string[];
}

type FieldKind = 'string' | 'number' | 'boolean' | 'object' | 'array';

/** The fields each event must carry for the renderers to read it; `satisfies` keeps it exhaustive. */
const REQUIRED_FIELDS = {
  model_request: { turn: 'number', bytes: 'number', messages: 'array' },
  model_response: { turn: 'number', content: 'array', usage: 'object', costUsd: 'number', durationMs: 'number' },
  tool_call: { turn: 'number', id: 'string', name: 'string' },
  tool_result: {
    turn: 'number',
    id: 'string',
    name: 'string',
    isError: 'boolean',
    content: 'string',
    durationMs: 'number',
  },
  output_proposed: { id: 'string', output: 'object' },
  output_applied: { id: 'string', kind: 'string', dryRun: 'boolean' },
  output_rejected: { id: 'string', kind: 'string', reason: 'string' },
  limit: { limit: 'string', value: 'number', max: 'number' },
  warning: { message: 'string' },
  resume: { runner: 'object', afterLine: 'number', afterEvent: 'string', rerun: 'array' },
  log: { message: 'string' },
  error: { message: 'string' },
  end: { status: 'string', totals: 'object' },
} as const satisfies Record<SessionEventType, Record<string, FieldKind>>;

const HEADER_FIELDS: Record<string, FieldKind> = {
  id: 'string',
  time: 'string',
  agent: 'string',
  model: 'string',
  modelClient: 'string',
  trigger: 'object',
  files: 'object',
  runner: 'object',
};

const USAGE_FIELDS = ['inputTokens', 'outputTokens', 'cacheReadTokens', 'cacheWriteTokens'];
const TOTALS_FIELDS = [...USAGE_FIELDS, 'turns', 'costUsd', 'durationMs'];

/**
 * Reads a session log. Tolerates what a crash or a newer writer leaves behind (a torn last line,
 * an unknown event type, a malformed line: skipped and listed in `problems`); throws a one-line
 * FlueError naming the file for anything that is not a readable flue session log at all.
 */
export function readSessionLog(file: string): ParsedSessionLog {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : String(error);
    throw new FlueError(`Cannot read session log ${file}: ${why}.`);
  }
  return parseSessionLog(text, file);
}

/** `readSessionLog` on text already in memory; `file` names it in messages. */
export function parseSessionLog(text: string, file: string): ParsedSessionLog {
  const lines = text.split('\n');
  const endsWithNewline = text.endsWith('\n');
  if (endsWithNewline) lines.pop();
  const header = parseHeader(lines[0] ?? '', file, lines.length === 1 && !endsWithNewline);
  const log: ParsedSessionLog = { path: file, header, events: [], truncated: false, problems: [] };
  for (let index = 1; index < lines.length; index++) {
    const line = lines[index] ?? '';
    if (line.trim() === '') continue;
    const isLast = index === lines.length - 1 && !endsWithNewline;
    readEventLine(line, index + 1, isLast, log);
  }
  return log;
}

function readEventLine(line: string, lineNumber: number, isTornCandidate: boolean, log: ParsedSessionLog): void {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    if (isTornCandidate) {
      log.truncated = true;
      log.problems.push(`line ${lineNumber} is incomplete: the run stopped while writing it; ignored`);
    } else {
      log.problems.push(`line ${lineNumber} is not valid JSON; skipped`);
    }
    return;
  }
  const problem = eventProblem(value);
  if (problem) log.problems.push(`line ${lineNumber}: ${problem}; skipped`);
  else log.events.push(value as SessionEvent);
}

function eventProblem(value: unknown): string | undefined {
  if (!isRecord(value) || typeof value.type !== 'string') return 'not an event (no "type")';
  if (value.type === 'session') return 'a second session header (two runs wrote this file?)';
  if (!Object.hasOwn(REQUIRED_FIELDS, value.type)) {
    return `unknown event type "${value.type}" (written by a newer flue-action?)`;
  }
  const fields: Record<string, FieldKind> = REQUIRED_FIELDS[value.type as SessionEventType];
  const missing = missingFields(value, { time: 'string', ...fields });
  if (value.type === 'model_response' && isRecord(value.usage)) {
    missing.push(...missingNumbers(value.usage, USAGE_FIELDS, 'usage'));
  }
  if (value.type === 'end' && isRecord(value.totals)) {
    missing.push(...missingNumbers(value.totals, TOTALS_FIELDS, 'totals'));
  }
  if (value.type === 'output_proposed' && isRecord(value.output) && typeof value.output.kind !== 'string') {
    missing.push('output.kind');
  }
  return missing.length ? `${value.type} event lacks ${missing.join(', ')}` : undefined;
}

function parseHeader(line: string, file: string, onlyLine: boolean): SessionHeader {
  const notALog = (why: string) => new FlueError(`${file} is not a flue session log: ${why}. Pass the .jsonl file a flue-action run wrote.`);
  if (line.trim() === '') throw notALog('it is empty');
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    if (onlyLine && line.startsWith('{"type":"session"')) {
      throw new FlueError(`${file} holds only a torn header line: the run was killed before it recorded anything.`);
    }
    throw notALog('line 1 is not JSON');
  }
  if (!isRecord(value) || value.type !== 'session') throw notALog('line 1 is not a {"type":"session"} header');
  const version = value.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw notALog(`its header has no valid version (${JSON.stringify(version) ?? 'none'})`);
  }
  if (version > SESSION_LOG_VERSION) {
    throw new FlueError(
      `${file} is a version ${version} session log; this flue-action reads version ${SESSION_LOG_VERSION}. ` +
        `View it with the newer flue-action that wrote it (npx flue-action@latest view ${file}).`,
    );
  }
  const missing = missingFields(value, HEADER_FIELDS);
  if (missing.length) throw notALog(`its header lacks ${missing.join(', ')}`);
  return value as unknown as SessionHeader;
}

function missingFields(record: Record<string, unknown>, fields: Record<string, FieldKind>): string[] {
  return Object.entries(fields)
    .filter(([name, kind]) => kindOf(record[name]) !== kind)
    .map(([name]) => name);
}

const missingNumbers = (record: Record<string, unknown>, names: string[], parent: string): string[] =>
  names.filter((name) => typeof record[name] !== 'number').map((name) => `${parent}.${name}`);

function kindOf(value: unknown): FieldKind | 'other' {
  if (Array.isArray(value)) return 'array';
  if (isRecord(value)) return 'object';
  const type = typeof value;
  return type === 'string' || type === 'number' || type === 'boolean' ? type : 'other';
}
