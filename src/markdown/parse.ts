/**
 * One GFM parse of a body, as micromark's event stream: every construct a renderer sees, with the
 * source offsets it came from. The sanitizer and the trigger-phrase check read markdown from this,
 * never with line regexes: raw HTML and autolinks take precedence over code spans, a table cell ends
 * a code span, a shorter fence closes nothing, and only a real parser gets all of that right.
 * micromark runs in linear time on any input, which matters because the input is a stranger's.
 */
import { parse, postprocess, preprocess } from 'micromark';
import { gfm } from 'micromark-extension-gfm';
import type { Event } from 'micromark-util-types';

/** Markdown text and its parse. */
export interface Markdown {
  readonly source: string;
  /** micromark's events: `['enter' | 'exit', token, context]`, tokens nested, offsets into `source`. */
  readonly events: readonly Event[];
}

// GitHub's flavour: autolink literals, footnotes, strikethrough, tables, task lists (tagfilter only changes HTML output).
const GFM = [gfm()];

export function parseMarkdown(source: string): Markdown {
  const events = postprocess(parse({ extensions: GFM }).document().write(preprocess()(source, undefined, true)));
  return { source, events };
}
