/**
 * An independent reading of markdown as GitHub shows it: micromark's own GFM HTML renderer (raw
 * HTML passed through, as GitHub's sanitizer lets text through), then parse5, the browser's HTML
 * parser, walked like GitHub's filters walk the page. It shares nothing with src/markdown/ but
 * micromark's tokenizer; the HTML a browser builds is what the assertions look at.
 */
import { micromark } from 'micromark';
import { gfm, gfmHtml } from 'micromark-extension-gfm';
import { type DefaultTreeAdapterTypes, parseFragment } from 'parse5';

type Node = DefaultTreeAdapterTypes.ChildNode;

export function renderGfm(markdown: string): string {
  return micromark(markdown, {
    extensions: [gfm()],
    htmlExtensions: [gfmHtml()],
    allowDangerousHtml: true,
    allowDangerousProtocol: true,
  });
}

/** A text node of the page and the elements around it (innermost last). */
export interface PageText {
  readonly text: string;
  readonly ancestors: readonly Element[];
}

interface Element {
  readonly tag: string;
  readonly attributes: Readonly<Record<string, string>>;
  /** The element's whole text, for telling an autolink (`<a href=x>x</a>`) from a link with a label. */
  readonly text: string;
}

export interface Page {
  readonly texts: readonly PageText[];
  readonly comments: readonly string[];
  readonly elements: readonly Element[];
}

export function readPage(markdown: string): Page {
  const texts: PageText[] = [];
  const comments: string[] = [];
  const elements: Element[] = [];
  const visit = (node: Node, ancestors: Element[]) => {
    if (node.nodeName === '#text' && 'value' in node) texts.push({ text: node.value, ancestors });
    else if (node.nodeName === '#comment' && 'data' in node) comments.push(node.data);
    else if ('tagName' in node) {
      const element: Element = {
        tag: node.tagName,
        attributes: Object.fromEntries(node.attrs.map((attribute) => [attribute.name, attribute.value])),
        text: textOf(node),
      };
      elements.push(element);
      const inside = [...ancestors, element];
      const children = node.tagName === 'template' && 'content' in node ? node.content.childNodes : node.childNodes;
      for (const child of children) visit(child, inside);
    }
  };
  for (const node of parseFragment(renderGfm(markdown)).childNodes) visit(node, []);
  return { texts, comments, elements };
}

function textOf(node: Node): string {
  if (node.nodeName === '#text' && 'value' in node) return node.value;
  return 'childNodes' in node ? node.childNodes.map(textOf).join('') : '';
}

/** GitHub's mention filter: `@name` at a text node's start or after a non-word character, outside a, code, pre. */
const MENTION = /(?:^|[^A-Za-z0-9_])(@[A-Za-z0-9][A-Za-z0-9-]*(?:\/[A-Za-z0-9][A-Za-z0-9_-]*)?)/g;
const MENTION_IGNORED = new Set(['a', 'code', 'pre', 'script', 'style']);

/** Every `@name` (or `@org/team`) GitHub would notify for this markdown. */
export function notifiedMentions(markdown: string): string[] {
  return readPage(markdown)
    .texts.filter((node) => !node.ancestors.some((element) => MENTION_IGNORED.has(element.tag)))
    .flatMap((node) => [...node.text.matchAll(MENTION)].map((match) => match[1] as string));
}

/** Whether an `<a>` shows its own URL: an autolink, not a link with a label. */
export function isAutolink(element: Element): boolean {
  const href = element.attributes.href;
  if (element.tag !== 'a' || href === undefined) return false;
  return [element.text, `http://${element.text}`, `mailto:${element.text}`].includes(href) || safeDecode(href) === element.text;
}

function safeDecode(uri: string): string {
  try {
    return decodeURI(uri);
  } catch {
    return uri;
  }
}

/** The page's text as a reader sees and copies it: text nodes in order, a line break for `<br>`. */
export function visibleText(markdown: string): string {
  let out = '';
  const visit = (node: Node) => {
    if (node.nodeName === '#text' && 'value' in node) out += node.value;
    else if (node.nodeName === 'br') out += '\n';
    else if ('childNodes' in node) for (const child of node.childNodes) visit(child);
  };
  for (const node of parseFragment(renderGfm(markdown)).childNodes) visit(node);
  return out;
}

/** The text of every code element and autolink, and the URL of every link and image, in page order: what must not change. */
export function codeAndUrls(markdown: string): string[] {
  return readPage(markdown).elements.flatMap((element) => {
    if (element.tag === 'code') return [`code:${element.text}`];
    if (isAutolink(element)) return [`autolink:${element.text}`, `href:${element.attributes.href}`];
    if (element.tag === 'a' && element.attributes.href !== undefined) return [`href:${element.attributes.href}`];
    if (element.tag === 'img' && element.attributes.src !== undefined) return [`src:${element.attributes.src}`];
    return [];
  });
}
