import type { LineSink } from '../report/progress.js';

// Taken when this module loads: just-bash blocks `setImmediate` inside the scripts it runs, and an
// event recorded while a script runs must still be printed.
const nextTurnOfTheLoop = setImmediate;

export interface BatchedOutput extends LineSink {
  /** Writes what is pending now. Call it before writing to the stream directly, to keep the order. */
  flush(): void;
}

/**
 * Text for `stream` gathered and written once per turn of the event loop: a run's progress lines
 * come in bursts (a model response, then its tool calls), and every write to a pipe is a system call
 * that wakes the reader (the CI runner, a terminal). Output is no later than the loop's next turn.
 */
export function batchedOutput(stream: LineSink): BatchedOutput {
  let pending = '';
  let scheduled = false;
  const flush = (): void => {
    scheduled = false;
    if (pending === '') return;
    const text = pending;
    pending = '';
    stream.write(text);
  };
  return {
    write(text: string) {
      pending += text;
      if (!scheduled) {
        scheduled = true;
        nextTurnOfTheLoop(flush);
      }
      return true;
    },
    flush,
  };
}
