import { describe, expect, test } from 'vitest';
import { LIMITS } from '../../src/limits.js';
import {
  applyEdits,
  hiddenHtmlEdits,
  hiddenHtmlEditsOf,
  ownWords,
  parseMarkdown,
  renderedBlocks,
  sanitizeHostile,
  type Markdown,
} from '../../src/markdown/index.js';
import { decodeHtmlText, scanHtml } from '../../src/markdown/html.js';
import { createRedactor } from '../../src/session-log/redact.js';

const parsed = (markdown: string): Markdown => {
  const doc = parseMarkdown(markdown);
  if (doc === undefined) throw new Error(`parseMarkdown refused ${JSON.stringify(markdown.slice(0, 40))}`);
  return doc;
};

describe('raw HTML as a browser reads it', () => {
  const pieces = (html: string) => scanHtml(html).map((piece) => `${piece.kind}:${html.slice(piece.from, piece.to)}`);

  test('text, tags with quoted ">", comments ending at --> or --!>, bogus comments, doctypes', () => {
    expect(pieces('a<b title="x>y">c</b><!-- d --!> e -->f<? g >h<!x>i</ j>k<!DOCTYPE html>l<>m')).toEqual([
      'text:a',
      'tag:<b title="x>y">',
      'text:c',
      'tag:</b>',
      'hidden:<!-- d --!>',
      'text: e -->f',
      'hidden:<? g >',
      'text:h',
      'hidden:<!x>',
      'text:i',
      'hidden:</ j>',
      'text:k',
      'doctype:<!DOCTYPE html>',
      'text:l<>m',
    ]);
  });

  test('<!--> and <!---> are empty comments; an unclosed comment or tag hides the rest', () => {
    expect(pieces('a<!-->b<!--->c')).toEqual(['text:a', 'hidden:<!-->', 'text:b', 'hidden:<!--->', 'text:c']);
    expect(pieces('a<!-- b')).toEqual(['text:a', 'hidden:<!-- b']);
    expect(pieces('a<span title="b>c')).toEqual(['text:a', 'hidden:<span title="b>c']);
  });

  test('references decode as in a browser: numeric ones without ";", named ones with it, &shy without it', () => {
    expect(decodeHtmlText('&#64;a &#x40;b &#64c &commat;d &lowbar;e &shyf &amp &nosuch; &#0;')).toBe('@a @b @c @d _e \u00adf &amp &nosuch; \ufffd');
  });
});

describe('hidden HTML', () => {
  test('comments go, in text and in HTML blocks, with the container prefixes of their lines', () => {
    const source = 'a <!-- x --> b `<!-- code -->`\n\n> <!--\n> y\n> -->\n> <b>z</b>\n\n    <!-- indented code -->';
    expect(applyEdits(source, hiddenHtmlEdits(parsed(source), 'remove'))).toBe('a  b `<!-- code -->`\n\n> \n> <b>z</b>\n\n    <!-- indented code -->');
  });

  test('shown instead: every < of a hidden stretch escaped, so it cannot hide again', () => {
    const source = '<!<!-- x -->-- y --> and <? z <w> ?>';
    expect(applyEdits(source, hiddenHtmlEdits(parsed(source), 'show'))).toBe('<!&lt;!-- x -->-- y --> and &lt;? z &lt;w> ?>');
  });

  test('a body too costly to parse is read as raw HTML throughout, code included', () => {
    const source = `${'> '.repeat(LIMITS.markdownNesting + 1)}a \`<!-- x -->\` b`;
    expect(applyEdits(source, hiddenHtmlEditsOf(source, 'remove'))).toBe(`${'> '.repeat(LIMITS.markdownNesting + 1)}a \`\` b`);
  });
});

describe('rendered text', () => {
  test('each leaf block as the page shows it: markup dropped, references decoded, code and URLs kept', () => {
    const source = [
      '# T&#105;tle **bold**',
      '',
      'a `code` <span title="t">b</span><!-- c -->d [label](https://x.com "title") ![alt](i.png) <https://y.com>',
      '',
      '| h |\n|---|\n| *c1* |',
      '',
      '```js\nfenced\n```',
    ].join('\n');
    expect(renderedBlocks(parsed(source)).map((block) => [source.slice(block.from, block.to), block.text])).toEqual([
      ['# T&#105;tle **bold**', 'Title bold'],
      [
        'a `code` <span title="t">b</span><!-- c -->d [label](https://x.com "title") ![alt](i.png) <https://y.com>',
        'a code bd label alt https://y.com',
      ],
      ['h', 'h'],
      ['---', ''],
      ['*c1*', 'c1'],
      ['```js\nfenced\n```', '\nfenced\n'],
    ]);
  });

  test('own words: not quotes, code, URLs, attributes, alt text or a footnote nothing calls', () => {
    // [^2] has no definition: it is text. [^3] is defined but never called: GitHub does not show it.
    const source = '> quoted\n\nmine **bold** `code` https://x.com/@u <i title="attr">tag</i> ![alt](a.png)[^1][^2]\n\n[^1]: note\n[^3]: unused';
    expect(ownWords(parsed(source))).toEqual(['\n', 'mine ', 'bold', ' ', ' ', ' ', 'tag', ' ', '[^2]', '\n', 'note', '\n']);
  });
});

describe('the parse budget', () => {
  test('a line opening more containers than LIMITS.markdownNesting is not parsed', () => {
    expect(parseMarkdown(`${'> '.repeat(LIMITS.markdownNesting)}a`)).toBeDefined();
    expect(parseMarkdown(`${'> '.repeat(LIMITS.markdownNesting + 1)}a`)).toBeUndefined();
    expect(parseMarkdown(`${'1. '.repeat(LIMITS.markdownNesting + 1)}a`)).toBeUndefined();
  });

  test('a paragraph with more emphasis delimiters than LIMITS.markdownDelimiters is not parsed; as many in code are', () => {
    const many = '*a'.repeat(LIMITS.markdownDelimiters + 1);
    expect(parseMarkdown(many)).toBeUndefined();
    expect(parseMarkdown(`\`\`\`\n${many}\n\`\`\``)).toBeDefined();
    expect(parseMarkdown(`${'*a'.repeat(LIMITS.markdownDelimiters / 2)}\n\n${'*a'.repeat(LIMITS.markdownDelimiters / 2)}`)).toBeDefined();
  });

  test('a deadline already passed refuses any parse with a construct to try', () => {
    expect(parseMarkdown('a *b*', performance.now() - 1)).toBeUndefined();
  });

  test('a hostile body: < escaped, every @name neutralized, or redacted whole when its plain text shows a secret', () => {
    const redactor = createRedactor(['deploy-key-5f0c2a9e7b1d']);
    expect(sanitizeHostile('<b>@alice</b> `a@b.co` &#64;carl', redactor)).toBe('&lt;b>@\u200balice&lt;/b> `a@\u200bb.co` &#64;\u200bcarl');
    expect(sanitizeHostile('key: deploy-key-5f0c*2a9e*7b1d', redactor)).toBe('[REDACTED]');
    expect(sanitizeHostile('key: [deploy-key-5f0c](https://x.com)2a9e7b1d', redactor)).toBe('[REDACTED]');
  });
});
