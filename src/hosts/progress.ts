/**
 * What every host's progress comment shares: its body and its pacing. The host posts it, finds it again
 * (a re-run, a handle), and edits it; how the text reads and how often it changes is the same everywhere.
 * It is a courtesy: an edit that fails is a warning, never a failed run.
 */
import { errorMessage } from '../errors.js';
import { LIMITS } from '../limits.js';
import { neutralizeQuickActions } from '../markdown/index.js';
import { capBody, sanitizeBody, type PlatformRules } from '../publish/sanitize.js';
import type { Redactor } from '../session-log/redact.js';
import { plainLine } from '../trigger/text.js';
import type { ProgressReporter, ProgressState } from './host.js';
import { FLUE_COMMENT_MARKER, withoutMarkers } from './markers.js';

export interface ProgressBodyOptions {
  agent: string;
  /** The link to the run, as markdown: `[view run](…)`, `[view pipeline](…)`. */
  runLink: string;
  /** The run's redactor: every byte of the body but the markers passes it. */
  redactor: Redactor;
  /** The host's sanitizing rules (GitLab's quick actions). */
  rules: PlatformRules;
}

/**
 * The body: the markers, then everything else through the sanitizer and the redactor every output goes
 * through, in one pass. What the caller puts in the state is already limited to what the run may show
 * (src/ci/progress-view.ts); this makes sure none of it, the agent's name included, reaches the platform
 * with a secret, a mention, a quick action, a control character or a marker a later run would take for its own.
 */
export function renderProgressBody(options: ProgressBodyOptions, marker: string, state: ProgressState): string {
  const { redactor, runLink } = options;
  const agent = `\`${options.agent.replace(/`/g, "'")}\``;
  // Sanitized before it is cut to one line too: a cut through a secret leaves a part no redactor knows.
  const line = plainLine(sanitizeBody(state.line, redactor), 300);
  const parts: string[] = [];
  if (state.phase === 'working') {
    parts.push(`⏳ flue-action (${agent}) is working on this… ${runLink}`);
    if (line) parts.push(line);
  } else {
    parts.push(`flue-action (${agent}) finished · ${runLink}`, line);
    if (state.details?.trim()) parts.push(state.details);
  }
  const sanitized = sanitizeBody(parts.join('\n\n'), redactor);
  // Markers after: sanitizing may join `<!-- flue-action` from pieces (an invisible character removed).
  // Quick actions too: the working line quotes the model's tool arguments, and a `/merge` must not run.
  const content = withoutMarkers(options.rules.quickActions === true ? neutralizeQuickActions(sanitized) : sanitized);
  return capBody(`${FLUE_COMMENT_MARKER}\n${marker}\n\n${content}`, LIMITS.commentChars);
}

export interface ProgressPacing {
  /** Least time between two `working` edits; default LIMITS.progressUpdateIntervalMs. */
  intervalMs?: number;
  /** Milliseconds clock; tests pass a controllable one. */
  now?: () => number;
  warn(message: string): void;
}

/**
 * A progress comment's edits: `working` states at most once an interval, the `finished` state always and
 * last, in order even when callers do not await them. A subclass says how one edit is sent.
 */
export abstract class PacedProgress implements ProgressReporter {
  private readonly now: () => number;
  private readonly intervalMs: number;
  private lastWrite: number;
  private finished = false;
  private writes: Promise<void> = Promise.resolve();

  constructor(
    readonly handle: string,
    private readonly pacing: ProgressPacing,
    /** `progress comment`, `progress note`: named in the warning when an edit fails. */
    private readonly noun: string,
  ) {
    this.now = pacing.now ?? Date.now;
    this.intervalMs = pacing.intervalMs ?? LIMITS.progressUpdateIntervalMs;
    this.lastWrite = this.now();
  }

  update(state: ProgressState): Promise<void> {
    if (this.finished) return this.writes;
    if (state.phase === 'working' && this.now() - this.lastWrite < this.intervalMs) return this.writes;
    if (state.phase === 'finished') this.finished = true;
    this.lastWrite = this.now();
    this.writes = this.writes.then(() => this.write(state));
    return this.writes;
  }

  private async write(state: ProgressState): Promise<void> {
    try {
      await this.send(state);
    } catch (error) {
      this.pacing.warn(`The ${this.noun} was not updated: ${errorMessage(error)}`);
    }
  }

  /** Edits the comment to show `state`. */
  protected abstract send(state: ProgressState): Promise<void>;
}
