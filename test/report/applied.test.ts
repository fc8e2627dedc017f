// What was actually posted: `output_applied` carries the output after sanitizing and the host's note
// (review comments moved off the diff). Every report shows what was sent, and says what the host changed.
import { describe, expect, test } from 'vitest';
import { renderHtml } from '../../src/report/html.js';
import { renderSummaryMarkdown } from '../../src/report/summary.js';
import { renderTranscript } from '../../src/report/transcript.js';
import type { SessionEvent } from '../../src/session-log/events.js';
import { fixtureLog, header } from './fixture.js';

const Z = '\u200b';
const time = header.time;
const review = {
  kind: 'submit_review' as const,
  body: 'Two notes.',
  event: 'COMMENT' as const,
  comments: [{ path: 'README.md', line: 40, body: 'Far from the change.' }],
};
const note = '1 inline comment on lines outside the diff (README.md:40) moved into the review body.';
/** Summary cells escape markdown: `#` included. */
const escaped = (url: string) => url.replace('#', '\\#');
const reviewUrl = 'https://github.com/acme/widgets/pull/42#pullrequestreview-7';
const commentUrl = 'https://github.com/acme/widgets/issues/42#issuecomment-9';

const events: SessionEvent[] = [
  { type: 'output_proposed', time, id: 'c1', output: { kind: 'add_comment', body: 'Thanks @alice!' } },
  { type: 'output_proposed', time, id: 'r1', output: review },
  { type: 'output_applied', time, id: 'r1', kind: 'submit_review', url: reviewUrl, dryRun: false, output: review, note },
  {
    type: 'output_applied',
    time,
    id: 'c1',
    kind: 'add_comment',
    url: commentUrl,
    dryRun: false,
    output: { kind: 'add_comment', body: `Thanks @${Z}alice!` },
  },
];

describe('an applied output as sent', () => {
  test('the transcript shows the sent text only where sanitizing changed it, and the host note', () => {
    const text = renderTranscript(fixtureLog({ events }));
    expect(text.slice(text.indexOf('proposed'), text.indexOf('── end ──'))).toBe(`proposed add_comment (c1): Thanks @alice!
proposed submit_review (r1): COMMENT: Two notes. (+1 inline comments)
applied submit_review (r1): ${reviewUrl}
    note: ${note}
applied add_comment (c1): ${commentUrl}
    as sent: Thanks @${Z}alice!

`);
  });

  test('the summary lists what was sent, with the note', () => {
    const markdown = renderSummaryMarkdown(fixtureLog({ events }));
    const table = markdown.slice(markdown.indexOf('### Outputs'), markdown.indexOf('<sub>'));
    expect(table).toBe(`### Outputs

| output | state | detail |
|---|---|---|
| add\\_comment | applied ${escaped(commentUrl)} | Thanks @${Z}alice\\! |
| submit\\_review | applied ${escaped(reviewUrl)}; ${note} | COMMENT: Two notes. (+1 inline comments) |

`);
  });

  test('the HTML report says the same', () => {
    const page = renderHtml(fixtureLog({ events }));
    const quoted = note.replace(/"/g, '&quot;');
    expect(page).toContain(
      `<tr class="applied"><td>submit_review</td><td>applied; ${quoted} <a href="${reviewUrl}">${reviewUrl}</a></td>` +
        '<td>COMMENT: Two notes. (+1 inline comments)</td></tr>',
    );
    expect(page).toContain(`<td>Thanks @${Z}alice!</td>`);
    expect(page).toContain(`<p class="event applied">Applied submit_review (r1): <a href="${reviewUrl}">${reviewUrl}</a>. Note: ${quoted}</p>`);
  });

  test('a log written before outputs were recorded still renders, from the proposal', () => {
    const old = events.map((event) => (event.type === 'output_applied' ? { ...event, output: undefined, note: undefined } : event));
    expect(renderSummaryMarkdown(fixtureLog({ events: old }))).toContain(`| add\\_comment | applied ${escaped(commentUrl)} | Thanks @alice\\! |`);
    expect(renderTranscript(fixtureLog({ events: old }))).not.toContain('as sent');
  });
});
