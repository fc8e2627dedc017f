/**
 * Defensive readers for webhook payloads. A payload is whatever JSON a file held, so every field is
 * read as `unknown` and a field of the wrong type reads as absent rather than crashing a stage later.
 */
import { LIMITS } from '../limits.js';
import { isRecord, nullPrototypeRecord } from '../records.js';
import { capText } from './text.js';

export type JsonObject = Record<string, unknown>;

export function object(value: unknown): JsonObject | undefined {
  return isRecord(value) ? value : undefined;
}

export function string(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** A positive safe integer (issue numbers, ids); anything else reads as absent. */
export function positiveInteger(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0 ? value : undefined;
}

/** Event text (titles, bodies, comments), capped so one payload cannot flood the context or the log. */
export function text(value: unknown): string | undefined {
  const raw = string(value);
  return raw === undefined ? undefined : capText(raw, LIMITS.triggerTextChars);
}

/** The value of an own property only: `__proto__` or `constructor` in a payload is data, never inherited. */
export function field(parent: JsonObject | undefined, name: string): unknown {
  return parent !== undefined && Object.hasOwn(parent, name) ? parent[name] : undefined;
}

export function login(user: unknown): string | undefined {
  return string(field(object(user), 'login'));
}

/** GitHub marks apps as `type: Bot`; their logins end in `[bot]`, which is also all a GitLab payload tells. */
export function isBot(user: unknown): boolean {
  const account = object(user);
  return field(account, 'type') === 'Bot' || (login(user)?.endsWith('[bot]') ?? false);
}

/** Label names from `[{ name }]` (GitHub) or `["name"]` (GitLab, `--input`); other entries are skipped. */
export function labelNames(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  const names: string[] = [];
  for (const entry of value) {
    const name = typeof entry === 'string' ? entry : string(field(object(entry), 'name'));
    if (name !== undefined && name !== '') names.push(name);
  }
  return names;
}

/** `refs/heads/main` → `main`; tags and other refs are kept whole, so a tag never reads as a branch. */
export function branchName(ref: unknown): string | undefined {
  const value = string(ref);
  return value?.startsWith('refs/heads/') ? value.slice('refs/heads/'.length) : value;
}

// Deeper than any real workflow input; bounds the copy so a hostile file cannot exhaust the stack.
const MAX_DATA_DEPTH = 32;

/**
 * A copy of JSON data whose objects have no prototype, so a `__proto__` key stays a plain key in
 * every stage that later merges or indexes it. Non-JSON values (functions, symbols) are dropped.
 */
export function dataCopy(value: unknown, depth = 0): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value !== 'object') return undefined;
  if (depth >= MAX_DATA_DEPTH) return '[nested too deep]';
  if (Array.isArray(value)) return value.map((item) => dataCopy(item, depth + 1) ?? null);
  return dataRecord(value as JsonObject, depth);
}

/** A null-prototype copy of a user-keyed record (workflow inputs, `--input` JSON). */
export function dataRecord(value: JsonObject | undefined, depth = 0): Record<string, unknown> {
  const copy = nullPrototypeRecord();
  if (value === undefined) return copy;
  for (const key of Object.keys(value)) {
    const item = dataCopy(value[key], depth + 1);
    if (item !== undefined) copy[key] = item;
  }
  return copy;
}

/** Drops keys whose value is `undefined`, so a Trigger serializes and compares without holes. */
export function withoutUndefined<T extends object>(value: T): T {
  for (const key of Object.keys(value) as Array<keyof T>) {
    if (value[key] === undefined) delete value[key];
  }
  return value;
}
