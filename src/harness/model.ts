import type Anthropic from '@anthropic-ai/sdk';

export interface ModelRequest {
  model: string;
  maxTokens: number;
  system: Anthropic.TextBlockParam[];
  tools: Anthropic.Tool[];
  messages: Anthropic.MessageParam[];
}

export interface ModelError {
  message: string;
  /** HTTP status when the provider answered with one. */
  status?: number;
  /** Set when the request was aborted by the run's own signal (time limit, cancel). */
  aborted?: boolean;
}

/** `model` on a success: the fallback model answered instead of the one asked for (price it so). */
export type ModelOutcome = ({ ok: true; message: Anthropic.Message; model?: string } | { ok: false; error: ModelError }) & {
  /** What the provider's SDK warned about the request (a deprecated model), for the loop to report once. */
  warnings?: string[];
};

/** What the loop tells a client about one call, beyond the request. */
export interface SendOptions {
  /** Called before each retry with one line: what failed, after how long, when the next attempt goes. */
  onRetry?: (message: string) => void;
  /** Milliseconds the run has left: retries that cannot finish in time are not started. */
  timeLeftMs?: number;
  /** How long this call may keep retrying (the run's `model-retry-minutes`); default the client's. */
  retryForMs?: number;
  /** Silence on a started stream before the attempt is retried (`model-idle-seconds`); default the client's. */
  streamIdleMs?: number;
}

/**
 * The model boundary. Implementations must not throw: provider errors, retries exhausted and aborts
 * are encoded in the returned outcome, so the loop has one place that decides what they mean.
 */
export interface ModelClient {
  /** Shown in progress output and the log: `anthropic`, or `scripted (path)` for the offline demo. */
  readonly label: string;
  send(request: ModelRequest, signal: AbortSignal, options?: SendOptions): Promise<ModelOutcome>;
}
