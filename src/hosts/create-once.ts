/**
 * Creating what carries the runner's marker (an output, the progress comment) without ever creating it
 * twice. A 5xx, a timeout or a lost connection may come after the platform committed the write (a
 * gateway gave up in front of it), so such a POST is not retried blindly by the client: before it is
 * sent again, the runner looks for its own copy, and takes it if it is there.
 */
export interface CreateSteps<T> {
  /** Sends the POST once, without the client's own retries. */
  create(): Promise<T>;
  /** The runner's own copy carrying the marker, listed afresh; undefined when there is none. */
  find(): Promise<T | undefined>;
  /** Whether a failure may have come after the write was committed: a 5xx, a timeout, a lost connection. */
  mayHaveLanded(error: unknown): boolean;
}

/** The wait before each look-and-resend: the lookup is also what tells a lost answer from a lost write. */
export const CREATE_RETRY_WAITS_MS: readonly number[] = [500, 2_000, 5_000];

export async function createOnce<T>(steps: CreateSteps<T>, waitsMs: readonly number[] = CREATE_RETRY_WAITS_MS): Promise<T> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await steps.create();
    } catch (error) {
      const wait = waitsMs[attempt];
      if (wait === undefined || !steps.mayHaveLanded(error)) throw error;
      await new Promise<void>((resolve) => setTimeout(resolve, wait));
      const found = await steps.find();
      if (found !== undefined) return found;
    }
  }
}
