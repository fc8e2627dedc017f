/**
 * Markdown judged by a GFM parse (micromark): what a platform will show, notify and hide. Shared by
 * the publish stage (what the runner posts) and the gate (whether a comment calls the runner); both
 * load it only when they have markdown to read, since it is not needed to start most runs.
 */
import type { Redactor } from '../session-log/redact.js';
import { applyEdits, type Edit } from './edits.js';
import { hiddenHtmlEdits } from './hidden.js';
import { sanitizeHostile } from './hostile.js';
import { mentionEdits } from './mentions.js';
import { parseDeadline, parseMarkdown, type Markdown } from './parse.js';
import { renderedSecretEdits } from './rendered.js';

export { applyEdits, type Edit } from './edits.js';
export { hiddenHtmlEdits, hiddenHtmlEditsOf } from './hidden.js';
export { neutralizeEveryMention, sanitizeHostile } from './hostile.js';
export { mentionEdits, neutralizeMentions } from './mentions.js';
export { parseDeadline, parseMarkdown, type Markdown } from './parse.js';
export { ownWords } from './prose.js';
export { neutralizeQuickActions } from './quick-actions.js';
export { renderedBlocks, renderedSecretEdits } from './rendered.js';
export { walkText, type TextPiece, type TextVisitor } from './text.js';
export { ZERO_WIDTH_SPACE } from './zero-width.js';

/**
 * Removing a comment can make another (`<!<!-- -->-- x -->`): after this many rounds, what is still
 * hidden is shown instead (its `<` escaped). Only a contrived body gets there.
 */
const HIDDEN_HTML_ROUNDS = 2;

/**
 * A body made safe to post on any platform: hidden HTML removed, secrets the rendered page would
 * spell out redacted, mentions neutralized. Each step reads a fresh parse of the previous one's
 * result, because each can change what the rest of the body parses as (`&#<!-- -->64;` becomes a
 * reference once the comment is gone), and the mentions step comes last: its zero-width spaces
 * change nothing else. All its parses share one budget (`by`); a body over it is handled as hostile
 * (hostile.ts). A host with rules of its own (GitLab's `/quick actions` at the start of a line of
 * the author's own words) applies them to the result the same way: parse it, compute its edits from
 * walkText, apply them.
 */
export function sanitizeMarkdown(markdown: string, redactor: Redactor, by: number = parseDeadline()): string {
  const edited = (doc: Markdown, edits: readonly Edit[]) => (edits.length === 0 ? doc : parseMarkdown(applyEdits(doc.source, edits), by));
  let doc = parseMarkdown(markdown, by);
  for (let round = 0; round < HIDDEN_HTML_ROUNDS; round++) doc = doc && edited(doc, hiddenHtmlEdits(doc, 'remove'));
  doc = doc && edited(doc, hiddenHtmlEdits(doc, 'show'));
  doc = doc && edited(doc, renderedSecretEdits(doc, redactor));
  return doc === undefined ? sanitizeHostile(markdown, redactor) : applyEdits(doc.source, mentionEdits(doc));
}
