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
  // The lookahead asks for a digit, so prose like "Bearer authentication" is left alone.
  { pattern: /\b(Bearer)\s+(?=[\w.~+/-]*\d)[\w.~+/-]{8,}=*/gi, replacement: `$1 ${REDACTED}` },
];

/**
 * Every TOKEN_PATTERNS match contains one of these (case-insensitive here, so a superset): a string
 * without any skips the six replacements. Every string of every event passes here, keys included.
 */
const TOKEN_HINT = /gh[pousr]_|github_pat_|sk-ant-|glpat-|A[KS]IA|bearer\s/i;

/** The shortest TOKEN_PATTERNS match (`Bearer` + a space + 8 characters): a shorter string holds none. */
const SHORTEST_TOKEN = 15;

export interface Redactor {
  /** The text with every known secret and token shape replaced by `[REDACTED]`. */
  text(value: string): string;
  /**
   * A JSON-safe deep copy with every string (keys included) redacted. Never throws on odd input:
   * cycles become `"[Circular]"`, bigints become strings; `toJSON` is honoured as JSON.stringify does.
   */
  value(value: unknown): unknown;
}

export function createRedactor(secrets: readonly string[]): Redactor {
  const needles = secretVariants(secrets);
  // Needles are sorted longest first; a string shorter than the shortest needle and every token holds none.
  const shortest = Math.min(SHORTEST_TOKEN, needles.at(-1)?.length ?? Infinity);
  const text = (value: string): string => {
    if (value.length < shortest) return value;
    let out = value;
    for (const needle of needles) if (out.includes(needle)) out = out.split(needle).join(REDACTED);
    if (!TOKEN_HINT.test(out)) return out;
    for (const { pattern, replacement } of TOKEN_PATTERNS) out = out.replace(pattern, replacement);
    return out;
  };
  return { text, value: (value) => redactTree(value, text, new Set()) };
}

/**
 * Each secret as given, and as it reads inside JSON text or a URL (a tool that prints a JSON
 * config, a curl command line), longest first so a secret containing another is replaced whole.
 */
function secretVariants(secrets: readonly string[]): string[] {
  const variants = new Set<string>();
  for (const secret of secrets) {
    if (secret.length < MIN_SECRET_LENGTH) continue;
    variants.add(secret);
    variants.add(JSON.stringify(secret).slice(1, -1));
    variants.add(encodeURIComponent(secret));
  }
  return [...variants].sort((a, b) => b.length - a.length);
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
    const copy = Object.create(null) as Record<string, unknown>;
    for (const [key, item] of Object.entries(value)) copy[text(key)] = redactTree(item, text, ancestors);
    return copy;
  } finally {
    ancestors.delete(value);
  }
}
