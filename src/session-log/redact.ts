import { nullPrototypeRecord } from '../records.js';
import { secretForms } from './secret-forms.js';
import { revealHidden } from './hidden-split.js';

/** What a secret is replaced with, in the log and anywhere else a redactor is used. */
export const REDACTED = '[REDACTED]';

/**
 * Secrets shorter than this are not redacted by value: replacing a 4-character string everywhere
 * would corrupt the log (every "true", every path segment) while protecting nothing worth a token.
 */
export const MIN_SECRET_LENGTH = 8;

/**
 * Token shapes redacted even when nobody passed their value: a token the agent found in the
 * workspace, or one pasted into an issue, must not reach an artifact anyone can download.
 */
const TOKEN_PATTERNS: readonly { pattern: RegExp; replacement: string }[] = [
  { pattern: /\bgh[pousr]_[A-Za-z0-9]{20,}/g, replacement: REDACTED },
  { pattern: /\bgithub_pat_[A-Za-z0-9_]{20,}/g, replacement: REDACTED },
  { pattern: /\bsk-ant-[A-Za-z0-9_-]{20,}/g, replacement: REDACTED },
  { pattern: /\bglpat-[A-Za-z0-9_-]{20,}/g, replacement: REDACTED },
  { pattern: /\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/g, replacement: REDACTED },
  // A JWT: the Actions runtime and OIDC request tokens are JWTs, and so are most cloud session tokens.
  // Header and payload are base64url JSON objects, so both start `eyJ` (`{"`).
  { pattern: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g, replacement: REDACTED },
  // What actions/checkout writes into .git/config (`extraheader = AUTHORIZATION: basic <base64 of
  // x-access-token:TOKEN>`) and what `curl -u` sends: 20+ characters is a credential, not a word.
  { pattern: /\b(authorization:\s*basic)\s+[A-Za-z0-9+/]{20,}={0,2}/gi, replacement: `$1 ${REDACTED}` },
  // The lookahead asks for a digit, so prose like "Bearer authentication" is left alone.
  { pattern: /\b(Bearer)\s+(?=[\w.~+/-]*\d)[\w.~+/-]{8,}=*/gi, replacement: `$1 ${REDACTED}` },
];

/**
 * Every TOKEN_PATTERNS match contains one of these (case-insensitive here, so a superset): a string
 * without any skips the replacements. Every string of every event passes here, keys included.
 */
const TOKEN_HINT = /gh[pousr]_|github_pat_|sk-ant-|glpat-|A[KS]IA|eyJ|bearer\s|authorization:/i;

/** The shortest TOKEN_PATTERNS match (`Bearer` + a space + 8 characters): a shorter string holds none. */
const SHORTEST_TOKEN = 15;

export interface Redactor {
  /**
   * The text with every known secret (in every form secretForms lists) and token shape replaced by
   * `[REDACTED]`, also where markup that renders as nothing splits one (see hidden-split.ts).
   */
  text(value: string): string;
  /**
   * A JSON-safe deep copy with every string (keys included) redacted. Never throws on odd input:
   * cycles become `"[Circular]"`, bigints become strings; `toJSON` is honoured as JSON.stringify does.
   */
  value(value: unknown): unknown;
}

export function createRedactor(secrets: readonly string[]): Redactor {
  const needles = secretNeedles(secrets);
  // One alternation, longest first, so a secret containing another is replaced whole: one regex pass
  // over the text is several times faster than one `includes` per form, and a run has ~15 forms a secret.
  const needlePattern = needles.length === 0 ? undefined : new RegExp(needles.map(escapeRegExp).join('|'), 'g');
  // A string shorter than the shortest needle and every token holds none.
  const shortest = Math.min(SHORTEST_TOKEN, needles.at(-1)?.length ?? Infinity);
  const plain = (value: string): string => {
    let out = needlePattern === undefined ? value : value.replace(needlePattern, REDACTED);
    if (!TOKEN_HINT.test(out)) return out;
    for (const { pattern, replacement } of TOKEN_PATTERNS) out = out.replace(pattern, replacement);
    return out;
  };
  const text = (value: string): string => {
    if (value.length < shortest) return value;
    const out = plain(value);
    return revealHidden(out, plain) ?? out;
  };
  return { text, value: (value) => redactTree(value, text, new Set()) };
}

/** Every form of every secret long enough to redact, deduplicated, longest first. */
function secretNeedles(secrets: readonly string[]): string[] {
  const needles = new Set<string>();
  for (const secret of secrets) {
    if (secret.length < MIN_SECRET_LENGTH) continue;
    for (const form of secretForms(secret)) if (form.length >= MIN_SECRET_LENGTH) needles.add(form);
  }
  return [...needles].sort((a, b) => b.length - a.length);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function redactTree(value: unknown, text: (s: string) => string, ancestors: Set<object>): unknown {
  if (typeof value === 'string') return text(value);
  if (typeof value === 'bigint') return value.toString();
  if (value === null || typeof value !== 'object') return value;
  if (ancestors.has(value)) return '[Circular]';
  const toJSON: unknown = (value as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === 'function') return redactTree(toJSON.call(value), text, ancestors);
  ancestors.add(value);
  try {
    if (Array.isArray(value)) return value.map((item) => redactTree(item, text, ancestors));
    // Null prototype: a `__proto__` key from a tool's JSON must stay data, not become a prototype.
    const copy = nullPrototypeRecord();
    for (const [key, item] of Object.entries(value)) copy[text(key)] = redactTree(item, text, ancestors);
    return copy;
  } finally {
    ancestors.delete(value);
  }
}
