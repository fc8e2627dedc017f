import type { SessionEvent, SessionEventOf, SessionHeader } from '../session-log/events.js';
import type { ParsedSessionLog } from '../session-log/reader.js';
import { analyzeSession, UNFINISHED_NOTE } from './analyze.js';
import type { OutputOutcome, SessionAnalysis } from './analyze.js';
import { responseBlocks, userTexts } from './content.js';
import {
  TOTALS_COLUMNS,
  describeLimit,
  describeResume,
  describeOutput,
  describeResponse,
  describeTrigger,
  formatBytes,
  formatCount,
  formatDuration,
  mainArgument,
  totalsCells,
} from './format.js';
import { html, SafeHtml } from './html-escape.js';
import { REPORT_CSS } from './html-style.js';
import { plural } from '../text/index.js';

/** Model turns with what followed each; events before the first request form a group of their own. */
interface TurnGroup {
  request?: SessionEventOf<'model_request'>;
  response?: SessionEventOf<'model_response'>;
  events: SessionEvent[];
}

/**
 * The self-contained HTML report: one file, inline CSS, no script, no external asset (a CSP meta
 * tag forbids them, should escaping ever miss). Every string from the log goes through `html`.
 */
export function renderHtml(log: ParsedSessionLog): string {
  const analysis = analyzeSession(log);
  const results = new Map<string, SessionEventOf<'tool_result'>>();
  const called = new Set<string>();
  for (const event of log.events) {
    if (event.type === 'tool_result') results.set(event.id, event);
    if (event.type === 'tool_call') called.add(event.id);
  }
  const renderEvent = (event: SessionEvent): SafeHtml | undefined =>
    event.type === 'tool_result' && called.has(event.id) ? undefined : eventHtml(event, results);
  const turns = groupTurns(log.events).map((group) => turnHtml(group, renderEvent));
  const page = html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>flue · ${log.header.agent} · ${analysis.status}</title>
<style>${new SafeHtml(REPORT_CSS)}</style>
</head>
<body>
${joinLines([
  summaryHtml(log.header, analysis),
  outputsHtml(analysis.outputs),
  endHtml(analysis),
  html`<h2>Transcript</h2>`,
  ...turns,
  problemsHtml(log),
])}
</body>
</html>
`;
  return page.value;
}

function groupTurns(events: SessionEvent[]): TurnGroup[] {
  const groups: TurnGroup[] = [{ events: [] }];
  for (const event of events) {
    if (event.type === 'end') continue;
    if (event.type === 'model_request') groups.push({ request: event, events: [] });
    const group = groups.at(-1) as TurnGroup;
    if (event.type === 'model_response' && !group.response) group.response = event;
    else if (event.type !== 'model_request') group.events.push(event);
  }
  return groups.filter((group) => group.request || group.events.length);
}

function summaryHtml(header: SessionHeader, analysis: SessionAnalysis): SafeHtml {
  const { totals, end } = analysis;
  const files = Object.entries(header.files).map(([path, sha]) => html`<li><code>${path}</code> <span class="dim">${sha.slice(0, 12)}</span></li>`);
  const reason = end ? end.reason : UNFINISHED_NOTE;
  const resumes = analysis.resumes ?? 0;
  const resumed = resumes
    ? html`\n<dt>resumed</dt><dd>${resumes} ${plural(resumes, 'time')} after an interruption (flue-action run --resume)</dd>`
    : undefined;
  return html`<header>
<h1>flue · ${header.agent} <span class="status ${analysis.status}">${analysis.status}</span></h1>
${reason && html`<p class="reason">${reason}</p>`}
<table class="totals">
<tr>${TOTALS_COLUMNS.map((column) => html`<th>${column}</th>`)}</tr>
<tr>${totalsCells(totals).map((cell) => html`<td>${cell}</td>`)}</tr>
</table>
<dl>
<dt>trigger</dt><dd>${describeTrigger(header.trigger)}</dd>
<dt>model</dt><dd>${header.model} (${header.modelClient})</dd>
<dt>session</dt><dd>${header.id}</dd>
<dt>started</dt><dd>${header.time}</dd>${resumed}
<dt>runner</dt><dd>flue-action ${header.runner.version} · node ${header.runner.node} · host ${header.runner.host}</dd>
<dt>files</dt><dd>${files.length ? html`<ul>${files}</ul>` : '(none)'}</dd>
</dl>
</header>`;
}

function outputsHtml(outputs: OutputOutcome[]): SafeHtml | undefined {
  if (!outputs.length) return undefined;
  const rows = outputs.map((outcome) => {
    const state = outcome.state === 'applied' && outcome.dryRun ? 'applied (dry run)' : outcome.state;
    const reason = outcome.reason ? `: ${outcome.reason}` : outcome.note ? `; ${outcome.note}` : '';
    // What was posted when the log says: sanitizing can change the proposal.
    const shownOutput = outcome.sent ?? outcome.output;
    const detail = shownOutput ? describeOutput(shownOutput) : '';
    const where = outcome.url ? html` ${link(outcome.url)}` : undefined;
    const cells = html`<td>${outcome.kind}</td><td>${state}${reason}${where}</td><td>${detail}</td>`;
    return html`<tr class="${outcome.state}">${cells}</tr>`;
  });
  return html`<h2>Outputs</h2>
<table class="outputs">
<tr><th>output</th><th>state</th><th>detail</th></tr>
${joinLines(rows)}
</table>`;
}

function endHtml({ end }: SessionAnalysis): SafeHtml | undefined {
  if (!end || (end.result === undefined && !end.text)) return undefined;
  return joinLines([
    html`<h2>Result</h2>`,
    end.result !== undefined ? html`<pre class="result">${JSON.stringify(end.result, null, 2)}</pre>` : undefined,
    end.text ? html`<pre class="text">${end.text}</pre>` : undefined,
  ]);
}

function turnHtml(group: TurnGroup, renderEvent: (event: SessionEvent) => SafeHtml | undefined): SafeHtml {
  const body = joinLines(group.events.map(renderEvent));
  const { request, response } = group;
  if (!request) return joinLines([html`<div class="preamble">`, body, html`</div>`]);
  const who = request.agent ? `${request.agent} · ` : '';
  const spent = response ? describeResponse(response) : 'no response';
  const { system } = request;
  return joinLines([
    html`<details class="turn" open>`,
    html`<summary>${who}Turn ${request.turn} · request ${formatBytes(request.bytes)} · ${spent}</summary>`,
    system !== undefined ? systemHtml(system) : undefined,
    request.tools ? html`<p class="tools">Tools: ${request.tools.join(', ') || '(none)'}</p>` : undefined,
    ...userTexts(request.messages).map((text) => html`<div class="user"><div class="label">User</div><pre>${text}</pre></div>`),
    response ? responseHtml(response) : undefined,
    body,
    html`</details>`,
  ]);
}

function systemHtml(system: string): SafeHtml {
  const summary = `System prompt (${formatCount(system.length)} chars)`;
  return html`<details class="system"><summary>${summary}</summary><pre>${system}</pre></details>`;
}

function responseHtml(response: SessionEventOf<'model_response'>): SafeHtml | undefined {
  const shown = responseBlocks(response.content);
  if (!shown.length) return undefined;
  const blocks = shown.map((block) =>
    block.kind === 'text' ? html`<pre>${block.text}</pre>` : html`<p class="dim">(thinking, ${formatCount(block.chars)} chars)</p>`,
  );
  return html`<div class="model"><div class="label">Model</div>${blocks}</div>`;
}

function eventHtml(event: SessionEvent, results: Map<string, SessionEventOf<'tool_result'>>): SafeHtml | undefined {
  const who = event.agent ? `${event.agent} · ` : '';
  switch (event.type) {
    case 'tool_call':
      return toolHtml(event, results.get(event.id));
    case 'tool_result':
      return toolHtml(undefined, event);
    case 'output_proposed': {
      const full = event.output.kind === 'add_comment' ? event.output.body : JSON.stringify(event.output, null, 2);
      const summary = `${who}Proposed ${event.output.kind} (${event.id}): ${describeOutput(event.output)}`;
      return html`<details class="event proposed"><summary>${summary}</summary><pre>${full}</pre></details>`;
    }
    case 'output_applied': {
      const dryRun = event.dryRun ? ', dry run: not posted' : '';
      const where = event.url ? html`: ${link(event.url)}` : undefined;
      const note = event.note ? `. Note: ${event.note}` : '';
      return html`<p class="event applied">Applied ${event.kind} (${event.id})${dryRun}${where}${note}</p>`;
    }
    case 'output_rejected':
      return html`<p class="event rejected">Rejected ${event.kind} (${event.id}): ${event.reason}</p>`;
    case 'limit':
      return html`<p class="event limit">${who}${describeLimit(event)}</p>`;
    case 'warning':
      return html`<p class="event warning">${who}Warning: ${event.message}</p>`;
    case 'resume':
      return html`<p class="event resume">${describeResume(event)}</p>`;
    case 'log':
      return html`<div class="event log"><span class="label">${who}Log</span><pre>${event.message}</pre></div>`;
    case 'error': {
      const cause = event.cause ? html`<pre class="error">${event.cause}</pre>` : undefined;
      return html`<p class="event error">${who}Error: ${event.message}</p>${cause}`;
    }
    default:
      return undefined;
  }
}

function toolHtml(call: SessionEventOf<'tool_call'> | undefined, result: SessionEventOf<'tool_result'> | undefined): SafeHtml {
  const name = call?.name ?? result?.name ?? '';
  const agent = (call ?? result)?.agent;
  const who = agent ? `${agent} · ` : '';
  const outcome = result ? (result.isError ? 'error' : 'ok') : 'pending';
  const state = result ? outcome : 'no result recorded';
  const timing = result ? ` · ${formatDuration(result.durationMs)}` : '';
  const argument = call ? mainArgument(call.name, call.input) : 'result';
  // Failed calls start open: they are what a reader of a surprising run looks for first.
  const open = outcome === 'error' ? new SafeHtml(' open') : undefined;
  return joinLines([
    html`<details class="tool ${outcome}"${open}>`,
    html`<summary>${who}<b>${name}</b> <code>${argument}</code>${timing} · ${state}</summary>`,
    call ? html`<pre class="input">${JSON.stringify(call.input, null, 2) ?? ''}</pre>` : undefined,
    result ? html`<pre class="output">${result.content || '(empty)'}</pre>` : undefined,
    html`</details>`,
  ]);
}

function problemsHtml(log: ParsedSessionLog): SafeHtml | undefined {
  if (!log.problems.length) return undefined;
  return html`<h2>Log problems</h2>
<ul class="problems">${log.problems.map((problem) => html`<li>${problem}</li>`)}</ul>`;
}

/** Only http(s) links: a `javascript:` URL in a log must not become a clickable script. */
const link = (url: string): SafeHtml => html`<a href="${/^https?:\/\//i.test(url) ? url : '#'}">${url}</a>`;

const joinLines = (parts: Array<SafeHtml | undefined>): SafeHtml =>
  new SafeHtml(
    parts
      .filter((part): part is SafeHtml => part !== undefined)
      .map((part) => part.value)
      .join('\n'),
  );
