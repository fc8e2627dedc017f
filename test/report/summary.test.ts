import { describe, expect, test } from 'vitest';
import { LIMITS } from '../../src/limits.js';
import { escapeInline as inline, renderSummaryMarkdown } from '../../src/report/summary.js';
import type { SessionEvent } from '../../src/session-log/events.js';
import { unfinishedLog } from './fixture-unfinished.js';
import { events, fixtureLog, header, trigger } from './fixture.js';

const TOTALS = { turns: 1, inputTokens: 1, outputTokens: 1, cacheReadTokens: 0, cacheWriteTokens: 0, costUsd: 0.01, durationMs: 10 };

describe('renderSummaryMarkdown', () => {
  test('status, spending table, tools, outputs with reasons, result', () => {
    expect(renderSummaryMarkdown(fixtureLog())).toBe(`## 💸 flue · triage: budget\\_exhausted

reached max-turns (2)

issue \\#42 "Crash when config is empty" (issues.opened) in acme/widgets by alice · model anthropic/claude-sonnet-4-6 (anthropic)

| turns | input tokens | output tokens | cache read | cache write | cost | duration |
|---:|---:|---:|---:|---:|---:|---:|
| 2 | 1,500 | 205 | 1,100 | 1,100 | $0.0085 | 3.7 s |

**Tools:** add\\_comment ×1, add\\_labels ×1, grep ×1, read ×1

### Outputs

| output | state | detail |
|---|---|---|
| add\\_labels | applied (dry run) | bug, area/config |
| add\\_comment | rejected: run budget\\_exhausted | Thanks\\! \\| The loader &lt;crashes&gt; on empty input. |

<details><summary>Result</summary>

\`\`\`json
{
  "severity": "low"
}
\`\`\`

</details>

<sub>session 3f6c2a9e-1b2c-4d5e-8f90-a1b2c3d4e5f6</sub>
`);
  });

  test('an unfinished run says so, with what it had spent and the log problems', () => {
    expect(renderSummaryMarkdown(unfinishedLog())).toBe(`## ⚠️ flue · triage: unfinished

The log has no end event: the run was killed, or is still running. Figures are what it had spent so far.

issue \\#42 "Crash when config is empty" (issues.opened) in acme/widgets by alice · model anthropic/claude-sonnet-4-6 (anthropic)

| turns | input tokens | output tokens | cache read | cache write | cost | duration |
|---:|---:|---:|---:|---:|---:|---:|
| 2 | 100 | 20 | 0 | 0 | $0.7500 | 5.0 s |

**Tools:** bash ×1, task ×1

**Log problems:**
- line 11 is incomplete: the run stopped while writing it; ignored

<sub>session 3f6c2a9e-1b2c-4d5e-8f90-a1b2c3d4e5f6</sub>
`);
  });

  test('untrusted strings cannot break the table, inject HTML, links or images', () => {
    expect(inline('a | b <img src=x onerror=alert(1)> [x](https://evil) ![i](https://t/p.png) `c` *d* \\|')).toBe(
      'a \\| b &lt;img src=x onerror=alert(1)&gt; \\[x\\](https://evil) \\!\\[i\\](https://t/p.png) \\`c\\` \\*d\\* \\\\\\|',
    );
    expect(inline('two\nlines &amp;')).toBe('two lines &amp;amp;');
    const title = 'pwn | </details><script>x</script>\n| fake | row |';
    const log = fixtureLog({
      header: { ...header, trigger: { ...trigger, title } },
      events: [
        { type: 'output_rejected', time: header.time, id: 'o', kind: 'add_labels', reason: 'label "a|b" <b>not</b> allowed' },
        { type: 'end', time: header.time, status: 'failed', reason: '`reason` with | pipe', totals: TOTALS },
      ],
    });
    const lines = renderSummaryMarkdown(log).split('\n');
    expect(lines[2]).toBe('\\`reason\\` with \\| pipe');
    expect(lines[4]).toBe(
      'issue \\#42 "pwn \\| &lt;/details&gt;&lt;script&gt;x&lt;/script&gt; \\| fake \\| row \\|" (issues.opened) ' +
        'in acme/widgets by alice · model anthropic/claude-sonnet-4-6 (anthropic)',
    );
    expect(lines.filter((line) => line.startsWith('| add'))).toEqual(['| add\\_labels | rejected: label "a\\|b" &lt;b&gt;not&lt;/b&gt; allowed |  |']);
  });

  test('a result holding a code fence cannot close the block around it', () => {
    const log = fixtureLog({
      events: [{ type: 'end', time: header.time, status: 'succeeded', text: 'see:\n```\n</details>\n````', totals: TOTALS }],
    });
    const markdown = renderSummaryMarkdown(log);
    expect(markdown.slice(markdown.indexOf('<details>'), markdown.indexOf('<sub>'))).toBe(
      '<details><summary>Result</summary>\n\n`````\nsee:\n```\n</details>\n````\n`````\n\n</details>\n\n',
    );
  });

  test('stays under the size limit however much the run produced', () => {
    const huge = 'x'.repeat(50_000);
    const many: SessionEvent[] = [];
    for (let i = 0; i < 200; i++) {
      many.push({ type: 'tool_call', time: header.time, turn: 1, id: `t${i}`, name: `tool_${i}_${huge.slice(0, 500)}`, input: {} });
      many.push({ type: 'output_proposed', time: header.time, id: `o${i}`, output: { kind: 'add_comment', body: huge } });
      many.push({ type: 'output_rejected', time: header.time, id: `o${i}`, kind: 'add_comment', reason: huge });
    }
    many.push({ type: 'end', time: header.time, status: 'failed', reason: huge, result: { huge }, totals: TOTALS });
    const markdown = renderSummaryMarkdown(fixtureLog({ events: many, problems: Array(50).fill(huge) }));
    expect(markdown.length).toBeLessThanOrEqual(LIMITS.summaryChars);
    expect(markdown).toContain('…and 180 more outputs (see the session log)');
    expect(markdown).toContain(', and 180 more\n');
    expect(markdown).toContain('- …and 40 more\n');
    expect(markdown).toContain('\n… (cut; see the session log)\n```\n');
    expect(markdown.endsWith('</sub>\n')).toBe(true);
  });

  test('text that escaping inflates makes a smaller summary, still whole', () => {
    const inflating = '<|&'.repeat(20_000);
    const many: SessionEvent[] = [];
    for (let i = 0; i < 50; i++) {
      many.push({ type: 'output_rejected', time: header.time, id: `o${i}`, kind: inflating, reason: inflating });
    }
    many.push({ type: 'end', time: header.time, status: 'failed', reason: inflating, result: inflating, totals: TOTALS });
    const markdown = renderSummaryMarkdown(fixtureLog({ header: { ...header, agent: inflating }, events: many }));
    expect(markdown.length).toBeLessThanOrEqual(LIMITS.summaryChars);
    expect(markdown).toContain('…and 40 more outputs (see the session log)');
    expect(markdown.endsWith('</sub>\n')).toBe(true);
  });

  test('every status has its own mark', () => {
    const heading = (status: 'succeeded' | 'skipped' | 'cancelled' | 'failed') =>
      renderSummaryMarkdown(fixtureLog({ events: [...events.slice(0, 3), { type: 'end', time: header.time, status, totals: TOTALS }] })).split('\n')[0];
    expect(['succeeded', 'skipped', 'cancelled', 'failed'].map((s) => heading(s as 'failed'))).toEqual([
      '## ✅ flue · triage: succeeded',
      '## ⏭️ flue · triage: skipped',
      '## 🚫 flue · triage: cancelled',
      '## ❌ flue · triage: failed',
    ]);
  });
});
