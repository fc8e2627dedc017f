import { describe, expect, test } from 'vitest';
import { mentionsTriggerPhrase } from '../../src/gate/phrase.js';

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
  ])('%j → %s', (body, expected) => {
    expect(mentionsTriggerPhrase(body, '@flue')).toBe(expected);
  });

  test('quoted lines do not count: replying to a request with a quote starts nothing', () => {
    expect(mentionsTriggerPhrase('> @flue label this\n\nI agree with the request above.', '@flue')).toBe(false);
    expect(mentionsTriggerPhrase('> earlier text\n@flue go', '@flue')).toBe(true);
  });

  test('code spans and fenced blocks do not count', () => {
    expect(mentionsTriggerPhrase('Write `@flue` in a comment to start it.', '@flue')).toBe(false);
    expect(mentionsTriggerPhrase('```yaml\ntrigger-phrase: "@flue"\n```\nThat is the config.', '@flue')).toBe(false);
    expect(mentionsTriggerPhrase('~~~\n@flue\n~~~\n@flue now', '@flue')).toBe(true);
    // An unclosed span is not code: GitHub renders the backtick literally.
    expect(mentionsTriggerPhrase('a stray ` then @flue', '@flue')).toBe(true);
  });

  test('any phrase works, regex characters included', () => {
    expect(mentionsTriggerPhrase('/review now', '/review')).toBe(true);
    expect(mentionsTriggerPhrase('path/review', '/review')).toBe(false);
    expect(mentionsTriggerPhrase('run c++ please', 'c++')).toBe(true);
    expect(mentionsTriggerPhrase('cxx', 'c++')).toBe(false);
  });

  test('a blank phrase matches nothing', () => {
    expect(mentionsTriggerPhrase('@flue', '  ')).toBe(false);
  });
});
