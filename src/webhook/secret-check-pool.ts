/** Returned instead of a result when a check cannot start in time. */
export const BUSY = Symbol("busy");

export interface SecretCheckPool {
  /**
   * Runs `task` once fewer than `concurrency` tasks are running. Returns BUSY
   * without running it when `signal` aborts while it waits, or when the
   * measured task time predicts that it would not finish before `deadline`
   * (a `performance.now()` time).
   */
  run<T>(task: () => Promise<T>, deadline: number, signal: AbortSignal): Promise<T | typeof BUSY>;
  /** Queues work without a deadline (hash upgrades); it starts only when no request is waiting. */
  runInBackground(task: () => Promise<unknown>): void;
  /** Tasks running and waiting now. */
  load(): { running: number; waiting: number };
}

interface Waiting {
  start(): void;
}

/** Weight of the newest task time in the running average. */
const AVERAGE_WEIGHT = 0.1;

/**
 * Bounds how many secret checks run at once. Bun.password runs each hash on
 * its own worker thread, so the event loop stays free to handle other requests
 * (and to send the busy message at the deadline) while hashes queue here.
 */
export function createSecretCheckPool(concurrency: number): SecretCheckPool {
  let running = 0;
  let averageMs: number | undefined;
  const requests: Waiting[] = [];
  const background: Waiting[] = [];

  function startNext(): void {
    while (running < concurrency) {
      const next = requests.shift() ?? background.shift();
      if (!next) return;
      next.start();
    }
  }

  function execute<T>(task: () => Promise<T>): Promise<T> {
    running += 1;
    const startedAt = performance.now();
    return task().finally(() => {
      const elapsed = performance.now() - startedAt;
      averageMs = averageMs === undefined ? elapsed : averageMs + AVERAGE_WEIGHT * (elapsed - averageMs);
      running -= 1;
      startNext();
    });
  }

  /** Estimated time at which a task queued now would finish, when task times are known. */
  function estimatedFinish(): number | undefined {
    if (averageMs === undefined) return undefined;
    const rounds = Math.floor((running + requests.length) / concurrency) + 1;
    return performance.now() + rounds * averageMs;
  }

  return {
    run<T>(task: () => Promise<T>, deadline: number, signal: AbortSignal): Promise<T | typeof BUSY> {
      if (signal.aborted) return Promise.resolve(BUSY);
      if (running < concurrency && requests.length === 0) return execute(task);

      const finish = estimatedFinish();
      if (finish !== undefined && finish > deadline) return Promise.resolve(BUSY);

      return new Promise<T | typeof BUSY>((resolve, reject) => {
        const waiting: Waiting = {
          start() {
            signal.removeEventListener("abort", onAbort);
            execute(task).then(resolve, reject);
          },
        };
        const onAbort = () => {
          const index = requests.indexOf(waiting);
          if (index !== -1) requests.splice(index, 1);
          resolve(BUSY);
        };
        signal.addEventListener("abort", onAbort, { once: true });
        requests.push(waiting);
      });
    },

    runInBackground(task) {
      background.push({ start: () => void execute(task).catch(() => {}) });
      startNext();
    },

    load: () => ({ running, waiting: requests.length + background.length }),
  };
}
