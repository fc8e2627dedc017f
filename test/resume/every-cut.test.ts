// A run interrupted at every line of its log (and mid-way through writing each line), then resumed with
// `flue-action run --resume`: each cut is the file a SIGKILL at that moment leaves, since the writer puts
// one line down per write(2). Whatever the point, the resumed run sends the model the history it would
// have sent, repeats no call that completed, runs once each call that did not, proposes and applies each
// output once, and leaves a log that reads whole with one `end` and the first attempt's totals.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSessionLog } from '../../src/session-log/index.js';
import type { SessionEventOf } from '../../src/session-log/index.js';
import { startFakeAnthropic, type RecordedRequest } from '../fakes/anthropic.js';
import { cli, makeTempDir, removeTempDirs } from '../cli/helpers.js';
import { cutLog, modelEnv, recordWorkerRun, TALLY_CALLS, WORKER_AGENT, workerTurns } from './session.js';

let original: { log: string; lines: number; requests: RecordedRequest[]; end: SessionEventOf<'end'> };

beforeAll(async () => {
  const run = await recordWorkerRun();
  const parsed = readSessionLog(run.log);
  original = { log: run.log, lines: parsed.events.length + 1, requests: run.requests, end: parsed.events.at(-1) as SessionEventOf<'end'> };
  expect(original.end).toMatchObject({ type: 'end', status: 'succeeded' });
  expect(readFileSync(path.join(run.repo, 'tally.txt'), 'utf8')).toBe('c1\nc2\nc3\n');
});
afterAll(removeTempDirs);

/** The side effects a kill at the cut leaves on disk: the tally lines of the calls that logged a result. */
function tallyAtCut(file: string): string {
  const done = readSessionLog(file).events.filter((event) => event.type === 'tool_result' && Object.hasOwn(TALLY_CALLS, event.id));
  return done.map((event) => `${TALLY_CALLS[(event as SessionEventOf<'tool_result'>).id]}\n`).join('');
}

async function resumeAt(count: number, torn: boolean) {
  const repo = await makeTempDir({ '.flue/agents/worker.md': WORKER_AGENT });
  const file = path.join(repo, 'interrupted.jsonl');
  cutLog(original.log, file, count, torn);
  writeFileSync(path.join(repo, 'tally.txt'), tallyAtCut(file));
  const answered = readSessionLog(file).events.filter((event) => event.type === 'model_response').length;
  const fake = await startFakeAnthropic({ turns: workerTurns().slice(answered) });
  const result = await cli(['run', 'worker', '--resume', file, '--cwd', repo], { env: modelEnv(fake.url), cwd: repo });
  await fake.close();
  return { result, file, repo, answered, requests: fake.requests };
}

// Line 1 is the header alone (refused: nothing to continue, tested in refusals.test.ts); the last is `end`.
const cuts = Array.from({ length: 24 }, (_, index) => index + 2);

describe('a run killed at any point and resumed', () => {
  it('has the lines the cuts assume', () => {
    expect(original.lines).toBe(cuts.length + 2);
  });

  for (const torn of [false, true]) {
    it.each(cuts)(`after line %i${torn ? ', mid-way through the next' : ''}: finishes it, each side effect and output once`, async (count) => {
      const { result, file, repo, answered, requests } = await resumeAt(count, torn);
      expect(result.code, result.stderr).toBe(0);
      const log = readSessionLog(file);
      expect(log.problems).toEqual([]);
      const ends = log.events.filter((event) => event.type === 'end');
      expect(ends).toHaveLength(1);
      // The same figures as the uninterrupted run: no response counted twice or lost.
      const { durationMs: _, ...totals } = original.end.totals;
      expect(ends[0]).toMatchObject({ status: 'succeeded', result: { done: true }, totals });
      expect(log.events.filter((event) => event.type === 'resume')).toHaveLength(1);
      expect(log.header).toEqual(readSessionLog(original.log).header);
      // Every bash call's line exactly once: done ones not repeated, cut-off ones run once.
      expect(readFileSync(path.join(repo, 'tally.txt'), 'utf8')).toBe('c1\nc2\nc3\n');
      // One label and one comment applied; a proposal whose call was cut off is rejected and made again.
      const applied = log.events.filter((event) => event.type === 'output_applied');
      expect(applied.map((event) => event.kind)).toEqual(['add_labels', 'add_comment']);
      const decided = log.events.filter((event) => event.type === 'output_applied' || event.type === 'output_rejected');
      const proposed = log.events.filter((event) => event.type === 'output_proposed');
      expect(decided.map((event) => (event as { id: string }).id).sort()).toEqual(proposed.map((event) => event.id).sort());
      // The model got what it got the first time: the resumed request is the original one, byte for byte.
      // (A proposal made again gets a new id: the cut-off call's id stays with the rejected proposal in the log.)
      const messages = (list: RecordedRequest[]) => list.map((request) => JSON.stringify(request.body.messages).replace(/output-\d+/g, 'output-N'));
      expect(messages(requests)).toEqual(messages(original.requests.slice(answered)));
    });
  }
});
