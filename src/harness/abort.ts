/**
 * Settles like `work`, or rejects with the signal's reason as soon as it aborts. Model clients and
 * tools should honour the signal themselves; this makes sure one that does not (a custom tool awaiting
 * a request without a timeout) cannot hold the run past its time limit or a cancel.
 */
export function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) {
      onAbort();
      return;
    }
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
