import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { renderTranscript } from '../../src/report/transcript.js';
import { readSessionLog } from '../../src/session-log/reader.js';
import { SessionLog } from '../../src/session-log/writer.js';
import { unfinishedLog } from './fixture-unfinished.js';
import { events, fixtureLog, header } from './fixture.js';

const HEADER_BLOCK = `flue session 3f6c2a9e-1b2c-4d5e-8f90-a1b2c3d4e5f6
agent     triage
model     anthropic/claude-sonnet-4-6 (anthropic)
trigger   issue #42 "Crash when config is empty" (issues.opened) in acme/widgets by alice
started   2026-01-02T03:04:05.000Z
runner    flue-action 0.1.0 · node v20.20.2 · host local`;

describe('renderTranscript', () => {
  test('shows what the agent saw, did, spent and why it stopped', () => {
    expect(renderTranscript(fixtureLog())).toBe(`${HEADER_BLOCK}
files     .flue/agents/triage.md  1a2b3c4d5e6f
          AGENTS.md               9f8e7d6c5b4a

warning skill "triage": description is longer than 1024 characters

── turn 1 · request 2.1 KB ──
system prompt:
    You triage issues for acme/widgets.
    Label them; answer when you can.
tools: read, grep, add_labels, add_comment
user:
    Issue #42: Crash when config is empty

    Running \`widgets build\` crashes.
model · 1.2 s · in 1,200 · out 85 · cache read 0 · cache write 1,100 · $0.0061 · stop tool_use
    I'll look at the config loader.
tool read {"path":"src/config.ts"} · 12 ms · ok
    1\tline 1 of config.ts
    2\tline 2 of config.ts
    3\tline 3 of config.ts
    4\tline 4 of config.ts
    5\tline 5 of config.ts
    6\tline 6 of config.ts
    … 2 more lines
tool grep {"pattern":"JSON.parse"} · 4 ms · error
    grep: invalid regex

── turn 2 · request 3.8 KB ──
model · 2.0 s · in 300 · out 120 · cache read 1,100 · cache write 0 · $0.0024 · stop tool_use
    (thinking, 1,500 chars)
tool add_labels {"labels":["bug","area/config"]} · 1 ms · ok
    Proposed.
proposed add_labels (o1): bug, area/config
tool add_comment {"body":"Thanks! | The loader <crashes> on empty input."} · 1 ms · ok
    Proposed.
proposed add_comment (o2): Thanks! | The loader <crashes> on empty input.
turns limit reached: 2 of 2
applied add_labels (o1), dry run: not posted
rejected add_comment (o2): run budget_exhausted

── end ──
status    budget_exhausted
reason    reached max-turns (2)
turns     2
tokens    in 1,500 · out 205 · cache read 1,100 · cache write 1,100
cost      $0.0085
duration  3.7 s
result    {
            "severity": "low"
          }
`);
  });

  test('a killed run: subagent turns, calls without results, spending so far, the torn line', () => {
    expect(renderTranscript(unfinishedLog())).toBe(`${HEADER_BLOCK}
files     (none)

── turn 1 · request 900 B ──
system prompt:
    Be brief.
tools: (none)
user:
    Say hi
model · 900 ms · in 50 · out 10 · cache read 0 · cache write 0 · $0.5000 · stop tool_use
tool task {"prompt":"Find the bugFind the bugFind the bugFind the bugFind the bugFind the bugFind the… (+40 chars)","agent":"researcher"} · no result recorded

── researcher · turn 1 · request 700 B ──
system prompt:
    Research.
tools: read
model · 800 ms · in 50 · out 10 · cache read 0 · cache write 0 · $0.2500 · stop tool_use
researcher · tool bash {"command":"npm test"} · no result recorded
researcher · bash result · 2.5 s · ok
    (empty)
cost limit reached: $0.7500 of $0.5000
error model request failed
    HTTP 529
    overloaded

── end ──
status    unfinished: the log has no end event (the run was killed, or is still running)
turns     2
tokens    in 100 · out 20 · cache read 0 · cache write 0
cost      $0.7500
duration  5.0 s

log problems
    line 11 is incomplete: the run stopped while writing it; ignored
`);
  });

  test('renders the same from a log file written by SessionLog', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'flue-transcript-'));
    try {
      const file = path.join(dir, 'run.jsonl');
      const { type: _type, version: _version, time, ...rest } = header;
      const log = SessionLog.open(file, rest, { secrets: [], now: () => new Date(time) });
      for (const event of events) log.record(event);
      log.close();
      expect(renderTranscript(readSessionLog(file))).toBe(renderTranscript(fixtureLog()));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a final text answer is shown whole; a result-less end shows no result line', () => {
    const answer = Array.from({ length: 9 }, (_, i) => `answer line ${i + 1}`).join('\n');
    const end = {
      type: 'end' as const,
      time: '2026-01-02T03:05:05.000Z',
      status: 'succeeded' as const,
      text: `\n${answer}\n`,
      totals: { turns: 1, inputTokens: 10, outputTokens: 2, cacheReadTokens: 0, cacheWriteTokens: 0, costUsd: 0, durationMs: 65_000 },
    };
    const text = renderTranscript(fixtureLog({ events: [end] }));
    expect(text.slice(text.indexOf('── end ──'))).toBe(`── end ──
status    succeeded
turns     1
tokens    in 10 · out 2 · cache read 0 · cache write 0
cost      $0.0000
duration  1 min 5 s
text
${answer.replace(/^/gm, '    ')}
`);
  });

  test('colour marks headings and outcomes; untrusted escape sequences never reach the terminal', () => {
    const log = fixtureLog({
      header: { ...header, agent: 'tri\u001b]52;c;cGFzdGU=\u0007age' },
      events: [events[3], events[5], events[18]].filter((event) => event !== undefined),
    });
    const text = renderTranscript(log, { color: true });
    const [bold, dim, red, yellow, cyan, reset] = ['\u001b[1m', '\u001b[2m', '\u001b[31m', '\u001b[33m', '\u001b[36m', '\u001b[0m'];
    expect(text).toBe(`${bold}flue session 3f6c2a9e-1b2c-4d5e-8f90-a1b2c3d4e5f6${reset}
agent     triage
model     anthropic/claude-sonnet-4-6 (anthropic)
trigger   issue #42 "Crash when config is empty" (issues.opened) in acme/widgets by alice
started   2026-01-02T03:04:05.000Z
runner    flue-action 0.1.0 · node v20.20.2 · host local
files     .flue/agents/triage.md  ${dim}1a2b3c4d5e6f${reset}
          AGENTS.md               ${dim}9f8e7d6c5b4a${reset}

${cyan}tool read${reset} {"path":"src/config.ts"} · ${yellow}no result recorded${reset}
${cyan}grep${reset} result · 4 ms · ${red}error${reset}
    ${dim}grep: invalid regex${reset}

${bold}── end ──${reset}
status    ${red}budget_exhausted${reset}
reason    reached max-turns (2)
turns     2
tokens    in 1,500 · out 205 · cache read 1,100 · cache write 1,100
cost      $0.0085
duration  3.7 s
result    {
            "severity": "low"
          }
`);
  });
});
