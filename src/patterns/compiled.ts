import { RE2JS } from 're2js';

/** A compiled pattern, or what is wrong with it in words the person or model who wrote it can act on. */
export type Compiled<T> = { ok: true; value: T } | { ok: false; problem: string };

/** `text` as an RE2 literal. */
export const quoteForRe2 = (text: string): string => RE2JS.quote(text);
