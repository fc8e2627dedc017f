import fs from 'node:fs';
import path from 'node:path';
import { errorMessage, FlueError, toError } from '../errors.js';
import { LIMITS } from '../limits.js';
import { keepStart } from '../text/index.js';
import { SESSION_LOG_VERSION } from './events.js';
import type { SessionEvent, SessionEventInput, SessionHeader, SessionRecorder } from './events.js';
import { createRedactor } from './redact.js';
import type { Redactor } from './redact.js';

/** What the caller knows about a run when the log opens; the writer adds type, version and time. */
export type SessionHeaderInput = Omit<SessionHeader, 'type' | 'version' | 'time'>;

/** Sees every event as recorded (stamped and redacted). Must not mutate it; a throw is contained. */
export type SessionListener = (event: SessionEvent) => void;

export interface SessionLogOptions {
  /** Values redacted wherever they appear (API keys, tokens). Values under 8 characters are ignored. */
  secrets: readonly string[];
  /** Clock for `time` stamps; tests fix it. */
  now?: () => Date;
}

/**
 * The append-only JSONL session log. Every `record` writes one line with a synchronous `write(2)`
 * before it returns, so a process killed between two events (SIGKILL, OOM, a cancelled job) leaves
 * every earlier line whole: the kernel has the bytes, whatever happens to this process. (We do not
 * fsync each line: surviving a power cut is not worth a disk flush per event.)
 *
 * `record` never throws: a full disk must not kill the run it describes. The first write failure
 * is kept in `writeError` and writing stops there (a line after a torn one would be unreadable);
 * listeners still receive every event, so progress output carries on.
 */
export class SessionLog implements SessionRecorder {
  readonly #file: string;
  readonly #redactor: Redactor;
  readonly #now: () => Date;
  readonly #listeners = new Set<SessionListener>();
  #fd: number | undefined;
  #writeError: Error | undefined;
  #listenerError: Error | undefined;

  /** The header line as written (redacted). */
  readonly header: SessionHeader;

  /**
   * Creates the parent directories and the file (replacing an existing one) and writes the header.
   * Throws a FlueError naming the file when it cannot: a run nobody can audit should not start.
   */
  static open(file: string, header: SessionHeaderInput, options: SessionLogOptions): SessionLog {
    const now = options.now ?? (() => new Date());
    const redactor = createRedactor(options.secrets);
    // `id` and `time` first, so `head -c 200 log.jsonl` says which run it is.
    const start = { type: 'session', version: SESSION_LOG_VERSION, id: header.id, time: now().toISOString() };
    const headerLine = redactor.value(Object.assign(start, header)) as SessionHeader;
    let fd: number | undefined;
    try {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fd = fs.openSync(file, 'w');
      appendLine(fd, JSON.stringify(headerLine));
    } catch (error) {
      if (fd !== undefined) fs.closeSync(fd);
      throw new FlueError(`Cannot create session log ${file}: ${errorMessage(error)}. Choose a log path in a writable directory.`);
    }
    return new SessionLog(file, fd, headerLine, redactor, now);
  }

  /**
   * Opens an existing log to append to it (`flue-action run --resume`). A last line the interruption
   * cut off mid-write is removed first, so the next event starts a line of its own: it is returned
   * (`torn`) for the `resume` event to record. Throws a FlueError naming the file when it cannot.
   */
  static reopen(file: string, header: SessionHeader, options: SessionLogOptions): { log: SessionLog; lines: number; torn?: string } {
    const now = options.now ?? (() => new Date());
    let fd: number | undefined;
    let torn: string | undefined;
    let lines = 0;
    try {
      const bytes = fs.readFileSync(file);
      const end = bytes.lastIndexOf(0x0a) + 1;
      for (let at = bytes.indexOf(0x0a); at !== -1 && at < end; at = bytes.indexOf(0x0a, at + 1)) lines += 1;
      const tail = bytes.subarray(end).toString('utf8');
      fd = fs.openSync(file, 'a');
      if (tail !== '' && isJson(tail)) {
        // Killed between the line and its newline: the reader counted the line, so it is kept.
        appendLine(fd, '');
        lines += 1;
      } else if (tail !== '') {
        torn = keepStart(tail, 200, (omitted) => `... [${omitted} more characters]`);
        fs.ftruncateSync(fd, end);
      }
    } catch (error) {
      if (fd !== undefined) fs.closeSync(fd);
      throw new FlueError(`Cannot append to session log ${file}: ${errorMessage(error)}. Resume from a copy in a writable directory.`);
    }
    const log = new SessionLog(file, fd, header, createRedactor(options.secrets), now);
    return torn === undefined ? { log, lines } : { log, lines, torn };
  }

  private constructor(file: string, fd: number, header: SessionHeader, redactor: Redactor, now: () => Date) {
    this.#file = file;
    this.#fd = fd;
    this.header = header;
    this.#redactor = redactor;
    this.#now = now;
  }

  get path(): string {
    return this.#file;
  }

  /** The first failure to write the file; lines after it were not written. */
  get writeError(): Error | undefined {
    return this.#writeError;
  }

  /** The first error a listener threw; the listener stays subscribed. */
  get listenerError(): Error | undefined {
    return this.#listenerError;
  }

  record(input: SessionEventInput): void {
    const event = this.#prepare(input);
    this.#append(event);
    for (const listener of this.#listeners) {
      try {
        listener(event);
      } catch (error) {
        this.#listenerError ??= toError(error);
      }
    }
  }

  /** Returns the unsubscribe function. */
  subscribe(listener: SessionListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Closes the file. Idempotent; events recorded after it still reach listeners but not the file. */
  close(): void {
    if (this.#fd === undefined) return;
    const fd = this.#fd;
    this.#fd = undefined;
    try {
      fs.closeSync(fd);
    } catch (error) {
      this.#writeError ??= toError(error);
    }
  }

  /** Stamps, redacts and caps an event; an event that cannot be serialized becomes an `error` event. */
  #prepare(input: SessionEventInput): SessionEvent {
    let time = '';
    try {
      time = input.time ?? this.#now().toISOString();
      const event = this.#redactor.value(Object.assign({ type: input.type, time }, input, { time })) as SessionEvent;
      // Cut after redaction, so a cut never leaves half a secret unredacted.
      if (event.type === 'tool_result') event.content = capForLog(event.content, LIMITS.logToolResultChars);
      if (event.type === 'log') event.message = capForLog(event.message, LIMITS.logMessageChars);
      return event;
    } catch (error) {
      const reason = this.#redactor.text(errorMessage(error));
      return { type: 'error', time, message: `session log: could not record a ${String(input.type)} event: ${reason}` };
    }
  }

  #append(event: SessionEvent): void {
    if (this.#writeError) return;
    if (this.#fd === undefined) {
      this.#writeError = new Error(`session log ${this.#file} was closed before a ${event.type} event was recorded`);
      return;
    }
    try {
      appendLine(this.#fd, JSON.stringify(event));
    } catch (error) {
      this.#writeError = toError(error);
    }
  }
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** One `write(2)` per line in the common case; loops only if the kernel accepts part of it. */
function appendLine(fd: number, json: string): void {
  const bytes = Buffer.from(`${json}\n`, 'utf8');
  let offset = 0;
  while (offset < bytes.length) offset += fs.writeSync(fd, bytes, offset);
}

function capForLog(text: string, max: number): string {
  return keepStart(text, max, (omitted) => `\n[flue: ${omitted} more characters not kept in the log]`);
}
