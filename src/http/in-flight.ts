/**
 * Counts requests that have arrived and have no response yet, so that a
 * shutdown can wait for them before the database closes. Bun's
 * `server.stop(false)` stops accepting connections, but its promise can
 * resolve while handlers are still writing.
 */
export function createInFlightTracker() {
  let active = 0;
  let waiters: (() => void)[] = [];

  const ended = new WeakSet<Request>();

  return {
    /** Counts `request` until `end` is called for it or its client goes away, whichever comes first. */
    start(request: Request): void {
      active += 1;
      request.signal.addEventListener("abort", () => this.end(request), { once: true });
    },

    end(request: Request): void {
      if (ended.has(request)) return;
      ended.add(request);
      active = Math.max(0, active - 1);
      if (active > 0) return;
      for (const resolve of waiters) resolve();
      waiters = [];
    },

    /**
     * Resolves once no request has been in flight for `quietMs` (a kept-alive
     * connection can bring the next request right after one ends), or after
     * `timeoutMs`, whichever comes first.
     */
    async drain(timeoutMs: number, quietMs = 50): Promise<void> {
      const giveUpAt = Date.now() + timeoutMs;
      while (Date.now() < giveUpAt) {
        if (active > 0) {
          let timer: ReturnType<typeof setTimeout> | undefined;
          await Promise.race([
            new Promise<void>((resolve) => waiters.push(resolve)),
            new Promise<void>((resolve) => (timer = setTimeout(resolve, giveUpAt - Date.now()))),
          ]);
          clearTimeout(timer);
        }
        await Bun.sleep(quietMs);
        if (active === 0) return;
      }
    },
  };
}

export type InFlightTracker = ReturnType<typeof createInFlightTracker>;
