export { SESSION_LOG_VERSION } from './events.js';
export type { RunStatus, RunTotals, Usage } from './status.js';
export type {
  SessionEvent,
  SessionEventInput,
  SessionEventOf,
  SessionEventType,
  SessionHeader,
  SessionLogLine,
  SessionRecorder,
} from './events.js';
export { SessionLog } from './writer.js';
export type { SessionHeaderInput, SessionListener, SessionLogOptions } from './writer.js';
export { parseSessionLog, readSessionLog } from './reader.js';
export type { ParsedSessionLog } from './reader.js';
export { createRedactor, REDACTED } from './redact.js';
export type { Redactor } from './redact.js';
