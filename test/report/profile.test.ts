import { describe, expect, it } from 'vitest';
import { renderSummaryMarkdown, renderTranscript } from '../../src/report/index.js';
import { fixtureLog, header } from './fixture.js';

const log = fixtureLog();
const untrusted = fixtureLog({ header: { ...header, profile: 'untrusted' } });
const NOTE = 'untrusted (read-only tools, no commands, no network: the event was caused by a non-writer)';

describe('the untrusted profile in reports', () => {
  it('the transcript header names it, right after the runner line', () => {
    const lines = renderTranscript(untrusted).split('\n');
    const runner = lines.findIndex((line) => line.startsWith('runner'));
    expect(lines[runner + 1]).toBe(`profile   ${NOTE}`);
  });

  it('the job summary states it under the trigger line', () => {
    expect(renderSummaryMarkdown(untrusted)).toContain(`(anthropic)\n\nProfile: ${NOTE}\n\n`);
  });

  it('a trusted run shows no profile line', () => {
    expect(renderTranscript(log)).not.toContain('profile');
    expect(renderSummaryMarkdown(log)).not.toContain('Profile:');
  });
});
