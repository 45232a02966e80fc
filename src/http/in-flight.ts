/**
 * Counts requests that have arrived and not yet been answered, so that a
 * shutdown can wait for them before the database closes. Bun's
 * `server.stop(false)` stops accepting connections, but its promise can
 * resolve while handlers are still writing.
 */
export function createInFlightTracker() {
  let active = 0;
  let waiters: (() => void)[] = [];

  return {
    start(): void {
      active += 1;
    },

    end(): void {
      active = Math.max(0, active - 1);
      if (active > 0) return;
      for (const resolve of waiters) resolve();
      waiters = [];
    },

    /** Resolves when no request is in flight, or after `timeoutMs`, whichever comes first. */
    async drain(timeoutMs: number): Promise<void> {
      if (active === 0) return;
      let timer: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([
        new Promise<void>((resolve) => waiters.push(resolve)),
        new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs))),
      ]);
      clearTimeout(timer);
    },
  };
}

export type InFlightTracker = ReturnType<typeof createInFlightTracker>;
