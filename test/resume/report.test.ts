// A resumed run's log as people read it: `flue-action view` marks where the run resumed and what it ran
// again, the HTML report and the job summary say it was resumed, and the figures are the whole run's.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderHtml, renderSummaryMarkdown } from '../../src/report/index.js';
import { readSessionLog, type ParsedSessionLog } from '../../src/session-log/index.js';
import { RUNNER_VERSION } from '../../src/version.js';
import { cli, makeTempDir, removeTempDirs } from '../cli/helpers.js';
import { startFakeAnthropic } from '../fakes/anthropic.js';
import { cutLog, modelEnv, recordWorkerRun, workerTurns } from './session.js';

let file: string;
let log: ParsedSessionLog;
const MARK = `resumed here by flue-action ${RUNNER_VERSION} after line 8 (tool_call); run again: t2a, t2b, t2c`;

beforeAll(async () => {
  const { log: source, repo } = await recordWorkerRun();
  file = path.join(await makeTempDir(), 'interrupted.jsonl');
  cutLog(source, file, 8);
  const fake = await startFakeAnthropic({ turns: workerTurns().slice(2) });
  const result = await cli(['run', 'worker', '--resume', file, '--cwd', repo], { env: modelEnv(fake.url), cwd: repo });
  await fake.close();
  expect(result.code, result.stderr).toBe(0);
  // The progress lines say it too, before the calls it runs again.
  expect(result.stderr.split('\n').slice(0, 2)).toEqual([MARK, '→ bash echo c2 >> tally.txt']);
  // The run's cost so far counts the interrupted attempt's two turns: $0.00045 each, then this one.
  expect(result.stderr).toMatch(/^turn 3 model .* · \$0\.0004 \(run \$0\.0014\)$/m);
  log = readSessionLog(file);
});
afterAll(removeTempDirs);

describe('a resumed log', () => {
  it('flue-action view shows "resumed here" between the interrupted attempt and the resumed one', async () => {
    const view = await cli(['view', file]);
    expect(view.code).toBe(0);
    const lines = view.stdout.split('\n');
    const at = lines.indexOf(`══ ${MARK} ══`);
    expect(at).toBeGreaterThan(0);
    // The interrupted attempt's calls come before it, the calls run again after it.
    expect(lines.slice(0, at).join('\n')).toContain('bash');
    expect(lines.slice(at + 1, at + 3).join('\n')).toContain('echo c2 >> tally.txt');
    expect(view.stdout).toContain('resumed   1 time (flue-action run --resume)');
    expect(view.stdout).toContain('turns     4');
  });

  it('the HTML report marks the place and says the run was resumed', () => {
    const page = renderHtml(log);
    expect(page).toContain(`<p class="event resume">${MARK}</p>`);
    expect(log.events.find((event) => event.type === 'resume')).toMatchObject({ spent: { turns: 2, inputTokens: 200, outputTokens: 20 } });
    expect(page).toContain('<dt>resumed</dt><dd>1 time after an interruption (flue-action run --resume)</dd>');
  });

  it('the job summary says the figures are the whole run', () => {
    const summary = renderSummaryMarkdown(log);
    expect(summary).toContain("Resumed 1 time after an interruption (flue-action run --resume): the figures are the whole run's.");
    expect(summary).toContain('succeeded');
  });
});
