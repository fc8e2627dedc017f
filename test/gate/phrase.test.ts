import { describe, expect, test } from 'vitest';
import { findTriggerPhrase, mentionsTriggerPhrase } from '../../src/gate/phrase.js';

describe('mentionsTriggerPhrase', () => {
  test.each([
    ['@flue please triage this', true],
    ['@Flue, what do you think?', true],
    ['thanks @FLUE.', true],
    ['(@flue)', true],
    ['first line\n\n@flue fix the typo', true],
    ['@fluent speakers welcome', false],
    ['ask @flue-bot instead', false],
    ['@flue_bot', false],
    ['mail me@flue.dev', false],
    ['no mention at all', false],
    ['', false],
  ])('%j → %s', async (body, expected) => {
    expect(await mentionsTriggerPhrase(body, '@flue')).toBe(expected);
  });

  test('quoted lines do not count: replying to a request with a quote starts nothing', async () => {
    expect(await mentionsTriggerPhrase('> @flue label this\n\nI agree with the request above.', '@flue')).toBe(false);
    expect(await mentionsTriggerPhrase('> earlier text\n\n@flue go', '@flue')).toBe(true);
    // A line right after a quote continues it (a lazy line): the page shows it inside the quote.
    expect(await mentionsTriggerPhrase('> earlier text\n@flue go', '@flue')).toBe(false);
  });

  test('code spans and fenced blocks do not count', async () => {
    expect(await mentionsTriggerPhrase('Write `@flue` in a comment to start it.', '@flue')).toBe(false);
    expect(await mentionsTriggerPhrase('```yaml\ntrigger-phrase: "@flue"\n```\nThat is the config.', '@flue')).toBe(false);
    expect(await mentionsTriggerPhrase('~~~\n@flue\n~~~\n@flue now', '@flue')).toBe(true);
    // An unclosed span is not code: GitHub renders the backtick literally.
    expect(await mentionsTriggerPhrase('a stray ` then @flue', '@flue')).toBe(true);
  });

  test('the page decides: references and escapes count, emphasis and links count, indented code and URLs do not', async () => {
    const cases: Array<[string, boolean]> = [
      ['&#64;flue please', true],
      ['\\@flue please', true],
      ['**@flue** please', true],
      ['[@flue](https://example.com) please', true],
      ['<b>@flue</b> please', true],
      ['\r\n@flue\r\n', true],
      ['intro\n\n    @flue in indented code', false],
      ['see https://medium.com/@flue', false],
      ['see <https://example.com/@flue>', false],
      ['![@flue](https://example.com/a.png)', false],
      ['[docs](https://example.com "@flue")', false],
      ['@fl<!-- -->ue', false],
    ];
    for (const [body, expected] of cases) expect([body, await mentionsTriggerPhrase(body, '@flue')]).toEqual([body, expected]);
  });

  test('any phrase works, regex characters included', async () => {
    expect(await mentionsTriggerPhrase('/review now', '/review')).toBe(true);
    expect(await mentionsTriggerPhrase('path/review', '/review')).toBe(false);
    expect(await mentionsTriggerPhrase('run c++ please', 'c++')).toBe(true);
    expect(await mentionsTriggerPhrase('cxx', 'c++')).toBe(false);
  });

  test('a blank phrase matches nothing', async () => {
    expect(await mentionsTriggerPhrase('@flue', '  ')).toBe(false);
  });
});

describe('findTriggerPhrase', () => {
  test('says whether the phrase is there, absent, or the comment too costly to read', async () => {
    expect(await findTriggerPhrase('@flue go', '@flue')).toBe('mentioned');
    expect(await findTriggerPhrase('`@flue` go', '@flue')).toBe('absent');
    expect(await findTriggerPhrase('no phrase here', '@flue')).toBe('absent');
    expect(await findTriggerPhrase(`${'- '.repeat(20_000)}@flue go`, '@flue')).toBe('unreadable');
  });
});
