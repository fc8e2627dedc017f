import { describe, expect, test } from 'vitest';
import { renderHtml } from '../../src/report/html.js';
import { REPORT_CSS } from '../../src/report/html-style.js';
import type { SessionEvent } from '../../src/session-log/events.js';
import { fixtureLog, header, trigger } from './fixture.js';

const head = (title: string) => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>${REPORT_CSS}</style>
</head>
`;

describe('renderHtml', () => {
  test('one self-contained page: totals, outputs, result, a collapsible block per turn and per tool call', () => {
    expect(renderHtml(fixtureLog())).toBe(`${head('flue · triage · budget_exhausted')}<body>
<header>
<h1>flue · triage <span class="status budget_exhausted">budget_exhausted</span></h1>
<p class="reason">reached max-turns (2)</p>
<table class="totals">
<tr><th>turns</th><th>input tokens</th><th>output tokens</th><th>cache read</th><th>cache write</th><th>cost</th><th>duration</th></tr>
<tr><td>2</td><td>1,500</td><td>205</td><td>1,100</td><td>1,100</td><td>$0.0085</td><td>3.7 s</td></tr>
</table>
<dl>
<dt>trigger</dt><dd>issue #42 &quot;Crash when config is empty&quot; (issues.opened) in acme/widgets by alice</dd>
<dt>model</dt><dd>anthropic/claude-sonnet-4-6 (anthropic)</dd>
<dt>session</dt><dd>3f6c2a9e-1b2c-4d5e-8f90-a1b2c3d4e5f6</dd>
<dt>started</dt><dd>2026-01-02T03:04:05.000Z</dd>
<dt>runner</dt><dd>flue-action 0.1.0 · node v20.20.2 · host local</dd>
<dt>files</dt><dd><ul><li><code>.flue/agents/triage.md</code> <span class="dim">1a2b3c4d5e6f</span></li><li><code>AGENTS.md</code> <span class="dim">9f8e7d6c5b4a</span></li></ul></dd>
</dl>
</header>
<h2>Outputs</h2>
<table class="outputs">
<tr><th>output</th><th>state</th><th>detail</th></tr>
<tr class="applied"><td>add_labels</td><td>applied (dry run)</td><td>bug, area/config</td></tr>
<tr class="rejected"><td>add_comment</td><td>rejected: run budget_exhausted</td><td>Thanks! | The loader &lt;crashes&gt; on empty input.</td></tr>
</table>
<h2>Result</h2>
<pre class="result">{
  &quot;severity&quot;: &quot;low&quot;
}</pre>
<h2>Transcript</h2>
<div class="preamble">
<p class="event warning">Warning: skill &quot;triage&quot;: description is longer than 1024 characters</p>
</div>
<details class="turn" open>
<summary>Turn 1 · request 2.1 KB · 1.2 s · in 1,200 · out 85 · cache read 0 · cache write 1,100 · $0.0061 · stop tool_use</summary>
<details class="system"><summary>System prompt (68 chars)</summary><pre>You triage issues for acme/widgets.
Label them; answer when you can.</pre></details>
<p class="tools">Tools: read, grep, add_labels, add_comment</p>
<div class="user"><div class="label">User</div><pre>Issue #42: Crash when config is empty

Running \`widgets build\` crashes.</pre></div>
<div class="model"><div class="label">Model</div><pre>I&#39;ll look at the config loader.</pre></div>
<details class="tool ok">
<summary><b>read</b> <code>src/config.ts</code> · 12 ms · ok</summary>
<pre class="input">{
  &quot;path&quot;: &quot;src/config.ts&quot;
}</pre>
<pre class="output">1\tline 1 of config.ts
2\tline 2 of config.ts
3\tline 3 of config.ts
4\tline 4 of config.ts
5\tline 5 of config.ts
6\tline 6 of config.ts
7\tline 7 of config.ts
8\tline 8 of config.ts</pre>
</details>
<details class="tool error" open>
<summary><b>grep</b> <code>JSON.parse</code> · 4 ms · error</summary>
<pre class="input">{
  &quot;pattern&quot;: &quot;JSON.parse&quot;
}</pre>
<pre class="output">grep: invalid regex</pre>
</details>
</details>
<details class="turn" open>
<summary>Turn 2 · request 3.8 KB · 2.0 s · in 300 · out 120 · cache read 1,100 · cache write 0 · $0.0024 · stop tool_use</summary>
<div class="model"><div class="label">Model</div><p class="dim">(thinking, 1,500 chars)</p></div>
<details class="tool ok">
<summary><b>add_labels</b> <code>bug, area/config</code> · 1 ms · ok</summary>
<pre class="input">{
  &quot;labels&quot;: [
    &quot;bug&quot;,
    &quot;area/config&quot;
  ]
}</pre>
<pre class="output">Proposed.</pre>
</details>
<details class="event proposed"><summary>Proposed add_labels (o1): bug, area/config</summary><pre>{
  &quot;kind&quot;: &quot;add_labels&quot;,
  &quot;labels&quot;: [
    &quot;bug&quot;,
    &quot;area/config&quot;
  ]
}</pre></details>
<details class="tool ok">
<summary><b>add_comment</b> <code>Thanks! | The loader &lt;crashes&gt; on empty input.</code> · 1 ms · ok</summary>
<pre class="input">{
  &quot;body&quot;: &quot;Thanks! | The loader &lt;crashes&gt; on empty input.&quot;
}</pre>
<pre class="output">Proposed.</pre>
</details>
<details class="event proposed"><summary>Proposed add_comment (o2): Thanks! | The loader &lt;crashes&gt; on empty input.</summary><pre>Thanks! | The loader &lt;crashes&gt; on empty input.</pre></details>
<p class="event limit">turns limit reached: 2 of 2</p>
<p class="event applied">Applied add_labels (o1), dry run: not posted</p>
<p class="event rejected">Rejected add_comment (o2): run budget_exhausted</p>
</details>
</body>
</html>
`);
  });

  test('escapes everything taken from the log', () => {
    const attack = '<script>alert(1)</script>';
    const hostile: SessionEvent[] = [
      {
        type: 'model_request',
        time: header.time,
        turn: 1,
        bytes: 10,
        system: `</pre>${attack}`,
        tools: [attack],
        messages: [{ role: 'user', content: attack }],
      },
      { type: 'tool_call', time: header.time, turn: 1, id: 'x', name: `<img src=x onerror=alert(1)>`, input: { path: `"><script>` } },
      { type: 'tool_result', time: header.time, turn: 1, id: 'x', name: 'read', isError: false, content: `</pre></details>${attack}`, durationMs: 1 },
      { type: 'output_proposed', time: header.time, id: `" onmouseover="x`, output: { kind: 'add_comment', body: attack } },
      { type: 'output_applied', time: header.time, id: 'o', kind: 'add_comment', url: 'javascript:alert(1)', dryRun: false },
      { type: 'error', time: header.time, message: attack, cause: attack },
      { type: 'output_applied', time: header.time, id: 'o3', kind: 'add_labels', url: 'https://github.com/acme/widgets/issues/42', dryRun: false },
    ];
    const page = renderHtml(
      fixtureLog({
        header: { ...header, agent: attack, trigger: { ...trigger, title: attack }, files: { [attack]: attack } },
        events: hostile,
        problems: [attack],
      }),
    );
    // Escaped text has no '<': every tag left is one the renderer wrote, with no handler attribute.
    const tags = page.match(/<[^>]*>/g) ?? [];
    const names = new Set(tags.map((tag) => /^<\/?([a-z0-9!]+)/i.exec(tag)?.[1]?.toLowerCase()));
    expect([...names].sort()).toEqual([
      ...['!doctype', 'a', 'b', 'body', 'code', 'dd', 'details', 'div', 'dl', 'dt', 'h1', 'h2', 'head', 'header'],
      ...['html', 'li', 'meta', 'p', 'pre', 'span', 'style', 'summary', 'table', 'td', 'th', 'title', 'tr', 'ul'],
    ]);
    expect(tags.filter((tag) => /\son\w+=|<script|\ssrc=/i.test(tag))).toEqual([]);
    expect(page.match(/href="[^"]*"/g)).toEqual([
      'href="#"', // outputs table
      'href="https://github.com/acme/widgets/issues/42"',
      'href="#"', // transcript
      'href="https://github.com/acme/widgets/issues/42"',
    ]);
    expect(page).toContain('<title>flue · &lt;script&gt;alert(1)&lt;/script&gt; · unfinished</title>');
    expect(page).toContain(
      '<dt>trigger</dt><dd>issue #42 &quot;&lt;script&gt;alert(1)&lt;/script&gt;&quot; (issues.opened) in acme/widgets by alice</dd>',
    );
    expect(page).toContain('<pre class="output">&lt;/pre&gt;&lt;/details&gt;&lt;script&gt;alert(1)&lt;/script&gt;</pre>');
    expect(page).toContain('<p class="event applied">Applied add_comment (o): <a href="#">javascript:alert(1)</a></p>');
  });
});
