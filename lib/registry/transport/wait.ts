/** A request still waiting for its answer; the transport reports it every few seconds. */
export interface RequestWait {
  /** The same number on every notice about one request. */
  id: number;
  registry: string;
  method: string;
  /** Redacted URL. */
  url: string;
  /** How long it has waited so far (retries and Retry-After pauses included). */
  waitedMs: number;
  /** True on the last notice: the answer, or the failure, came. */
  done: boolean;
}

let lastId = 0;

/**
 * Starts reporting a request that has not been answered after `everyMs`, and again every
 * `everyMs` until the returned function is called (which sends a `done` notice when any notice
 * was sent). A request answered quickly costs one timer and reports nothing.
 */
export function watchWait(
  onWaiting: (wait: RequestWait) => void,
  everyMs: number,
  what: Pick<RequestWait, 'registry' | 'method' | 'url'>,
): () => void {
  const id = ++lastId;
  const started = Date.now();
  let noticed = false;
  const notice = (done: boolean) => {
    try {
      onWaiting({ ...what, id, waitedMs: Date.now() - started, done });
    } catch {
      // A listener's failure must not break the request it watches.
    }
  };
  const timer = setInterval(() => {
    noticed = true;
    notice(false);
  }, everyMs);
  timer.unref();
  return () => {
    clearInterval(timer);
    if (noticed) notice(true);
  };
}
