export { analyzeSession } from './analyze.js';
export type { OutputOutcome, SessionAnalysis } from './analyze.js';
export { renderTranscript } from './transcript.js';
export type { TranscriptOptions } from './transcript.js';
export { renderHtml } from './html.js';
export { renderSummaryMarkdown } from './summary.js';
export type { SummaryExtras } from './summary.js';
export { createProgressPrinter } from './progress.js';
export type { ProgressOptions } from './progress.js';
