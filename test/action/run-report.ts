/** A RunReport for tests of what is reported: a plain success, with `fields` over it. */
import type { RunReport } from '../../src/pipeline.js';
import type { RunTotals } from '../../src/session-log/status.js';

export function runReport(totals: RunTotals, fields: Partial<RunReport> = {}): RunReport {
  return {
    status: 'succeeded',
    cause: 'answered',
    totals,
    sessionId: 's',
    agent: 'triage',
    model: 'claude-sonnet-4-6',
    modelClient: 'anthropic',
    logFile: 'l',
    reportFile: 'r',
    publish: { applied: [], rejected: [], failed: [] },
    warnings: [],
    ...fields,
  };
}
