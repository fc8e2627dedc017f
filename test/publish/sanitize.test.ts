import { describe, expect, test } from 'vitest';
import { LIMITS } from '../../src/limits.js';
import { capBody, neutralizeMentions, sanitizeBody, sanitizeLabels, sanitizeOutput } from '../../src/publish/sanitize.js';
import { createRedactor } from '../../src/session-log/redact.js';

const Z = '\u200b';
const noSecrets = createRedactor([]);

describe('mentions', () => {
  test.each([
    ['@alice please look', `@${Z}alice please look`],
    ['cc @alice, @bob-2 and (@carol).', `cc @${Z}alice, @${Z}bob-2 and (@${Z}carol).`],
    ['ping @@dave', `ping @@${Z}dave`],
    ['team: @github/security', `team: @${Z}github/security`],
    ['line one\n@erin at the start', `line one\n@${Z}erin at the start`],
    ['mail jane.doe@example.com or a_b@corp.io', 'mail jane.doe@example.com or a_b@corp.io'],
    ['snake_@case and @ alone and @-dash', 'snake_@case and @ alone and @-dash'],
    ['see https://medium.com/@frank/post and [x](https://x.com/@gina)', 'see https://medium.com/@frank/post and [x](https://x.com/@gina)'],
    [`already @${Z}safe`, `already @${Z}safe`],
  ])('%j', (input, expected) => {
    expect(neutralizeMentions(input)).toBe(expected);
  });

  test('code is left byte-exact', () => {
    const markdown = [
      'Use `@types/node` and ``@a ` b``, as @hank said:',
      '```suggestion',
      '  @Override',
      '```',
      '  ~~~~ java',
      '@Inject',
      '~~~',
      'still @code? no: ~~~~ was not closed by ~~~',
      '~~~~',
      'after @ivan',
    ].join('\n');
    expect(neutralizeMentions(markdown)).toBe(
      [
        `Use \`@types/node\` and \`\`@a \` b\`\`, as @${Z}hank said:`,
        '```suggestion',
        '  @Override',
        '```',
        '  ~~~~ java',
        '@Inject',
        '~~~',
        'still @code? no: ~~~~ was not closed by ~~~',
        '~~~~',
        `after @${Z}ivan`,
      ].join('\n'),
    );
  });

  test('an unclosed fence runs to the end, as on GitHub', () => {
    expect(neutralizeMentions('@a\n```\n@b\n@c')).toBe(`@${Z}a\n\`\`\`\n@b\n@c`);
  });

  test('markdown is read as GitHub renders it', () => {
    const cases: Array<[string, string]> = [
      ['an unmatched `@jack backtick', `an unmatched \`@${Z}jack backtick`],
      ['escaped \\`@kim` is not code', `escaped \\\`@${Z}kim\` is not code`],
      // A code span may cross lines (CommonMark): it stays code.
      ['a span `across\n@lee` lines', 'a span `across\n@lee` lines'],
      ['```js`x\n@mo\n```', `\`\`\`js\`x\n@${Z}mo\n\`\`\``],
      ['<div>\n```\n@ned\n```\n</div>\n\n```\n@ok\n```', `<div>\n\`\`\`\n@${Z}ned\n\`\`\`\n</div>\n\n\`\`\`\n@ok\n\`\`\``],
      // A fence inside a quote is code all the same.
      ['> ```\n> @olga\n> ```', '> ```\n> @olga\n> ```'],
    ];
    for (const [input, expected] of cases) expect(neutralizeMentions(input)).toBe(expected);
  });
});

describe('mentions as the page shows them', () => {
  test('a reference link keeps working: its label and its definition are neutralized alike', () => {
    const markdown = 'see [@alice][] and [docs][@bob]\n\n[@alice]: https://a.example\n[@bob]: https://b.example/@carl';
    expect(neutralizeMentions(markdown)).toBe(
      `see [@${Z}alice][] and [docs][@${Z}bob]\n\n[@${Z}alice]: https://a.example\n[@${Z}bob]: https://b.example/@carl`,
    );
  });

  test('raw HTML is prose, attributes included, references too; an e-mail address in it is not a mention', () => {
    const markdown = '<div title="@dan">\n&#64;erin &#x40;fay &commat;gus <a href="mailto:hal@example.com">hal</a>\n</div>';
    expect(neutralizeMentions(markdown)).toBe(
      `<div title="@${Z}dan">\n&#64;${Z}erin &#x40;${Z}fay &commat;${Z}gus <a href="mailto:hal@example.com">hal</a>\n</div>`,
    );
  });

  test('a stray end tag joins the text around it on the page: @</b>name is a mention', () => {
    expect(neutralizeMentions('see @</b>ivy and x</b>@jo')).toBe(`see @${Z}</b>ivy and x</b>@${Z}jo`);
  });
});

describe('sanitizeBody: what the page would hide or spell out', () => {
  const token = `ghs_${'a1B2'.repeat(9)}`;

  test('HTML comments and what a browser reads as one go; code keeps them', () => {
    expect(sanitizeBody('a<!-- x --> b <?y?>\n\n<!--\nblock\n-->\n\n`<!-- code -->`', noSecrets)).toBe('a b \n\n\n\n`<!-- code -->`');
  });

  test('a leaf block whose rendered text holds a token is replaced whole; the others stay', () => {
    const body = `intro\n\n- ${token.slice(0, 10)}&#${token.charCodeAt(10)};${token.slice(11)}\n- kept\n\n| ${token.slice(0, 8)}[${token.slice(8)}](u) | b |\n|---|---|`;
    expect(sanitizeBody(body, noSecrets)).toBe('intro\n\n- [REDACTED]\n- kept\n\n| [REDACTED] | b |\n|---|---|');
  });

  test('a removed comment that joins a reference is read again: &#<!-- -->64;name is neutralized', () => {
    expect(sanitizeBody('&#<!-- -->64;kim', noSecrets)).toBe(`&#64;${Z}kim`);
  });

  test('a cut that reopens a code span is sanitized as the page would read the cut body', () => {
    const body = `\`@lee ${'x'.repeat(200)}\``;
    const marker = (cut: number) => `\n\n… (cut by flue-action: ${cut} more characters)`;
    // The zero-width space would take the cut body one character over: the cut is made one shorter.
    const kept = 120 - marker(body.length).length - 1;
    const cut = sanitizeBody(body, noSecrets, { max: 120 });
    expect(cut).toBe(`\`@${Z}lee ${'x'.repeat(kept - 6)}${marker(body.length - kept)}`);
    expect(cut.length).toBe(120);
  });

  test('past its parse budget a body is handled as hostile: < escaped, every @name neutralized', () => {
    expect(sanitizeBody('<b>@mo</b> `@Override`', noSecrets, { by: performance.now() - 1 })).toBe(`&lt;b>@${Z}mo&lt;/b> \`@${Z}Override\``);
  });
});

describe('sanitizeBody', () => {
  test('secrets: exact values and token shapes, even split by control characters', () => {
    const redactor = createRedactor(['hunter2-hunter2', 'short']);
    const ghp = `ghp_${'a1B2'.repeat(9)}`;
    const body = [
      'key hunter2-hunter2 and short stay?',
      `token ${ghp}`,
      `pat github_pat_${'x'.repeat(30)}`,
      `anthropic sk-ant-api03-${'Z'.repeat(30)}`,
      `gitlab glpat-${'q'.repeat(20)}`,
      `split gh\u0000p_${'c'.repeat(36)}`,
    ].join('\n');
    expect(sanitizeBody(body, redactor)).toBe(
      ['key [REDACTED] and short stay?', 'token [REDACTED]', 'pat [REDACTED]', 'anthropic [REDACTED]', 'gitlab [REDACTED]', 'split [REDACTED]'].join(
        '\n',
      ),
    );
  });

  test('a secret containing @ is redacted before mentions could hide it', () => {
    expect(sanitizeBody('pw p@ssw0rd-123!', createRedactor(['p@ssw0rd-123!']))).toBe('pw [REDACTED]');
  });

  test('control characters go, line ends become \\n, tabs and newlines stay', () => {
    expect(sanitizeBody('a\u0000b\u001b[2Jc\r\nd\re\tf\u007f\u0085g', noSecrets)).toBe('ab[2Jc\nd\ne\tfg');
  });

  test('an oversized body is cut under the limit, marker included', () => {
    const capped = sanitizeBody('x'.repeat(LIMITS.commentChars + 100), noSecrets);
    const kept = LIMITS.commentChars - '\n\n… (cut by flue-action: 60100 more characters)'.length;
    expect(capped).toBe(`${'x'.repeat(kept)}\n\n… (cut by flue-action: ${LIMITS.commentChars + 100 - kept} more characters)`);
    expect(capped.length).toBeLessThanOrEqual(LIMITS.commentChars);
    expect(sanitizeBody('x'.repeat(LIMITS.commentChars), noSecrets)).toBe('x'.repeat(LIMITS.commentChars));
  });

  test('the cut never splits an emoji', () => {
    const emoji = '😀'.repeat(25);
    expect(capBody(emoji, 48)).toBe('😀😀\n\n… (cut by flue-action: 46 more characters)');
    expect(capBody(`a${emoji}`, 48)).toBe('a😀\n\n… (cut by flue-action: 48 more characters)');
  });
});

test('labels: trimmed, control characters out, empties dropped, deduplicated case-insensitively', () => {
  expect(sanitizeLabels([' bug ', 'Bug', 'area/\u0000cli', '', '   ', 'needs\ntriage', 'area/cli'])).toEqual(['bug', 'area/cli', 'needs triage']);
});

test('a review: body and every inline comment sanitized, path and line kept', () => {
  expect(
    sanitizeOutput(
      {
        kind: 'submit_review',
        body: 'LGTM @alice',
        event: 'REQUEST_CHANGES',
        comments: [{ path: 'src/a.ts\u0000', line: 3, body: '```suggestion\n@Override\n```\ncc @bob' }],
      },
      noSecrets,
    ),
  ).toEqual({
    kind: 'submit_review',
    body: `LGTM @${Z}alice`,
    event: 'REQUEST_CHANGES',
    comments: [{ path: 'src/a.ts', line: 3, body: `\`\`\`suggestion\n@Override\n\`\`\`\ncc @${Z}bob` }],
  });
  expect(sanitizeOutput({ kind: 'remove_labels', labels: ['x', 'X'] }, noSecrets)).toEqual({
    kind: 'remove_labels',
    labels: ['x'],
  });
});
