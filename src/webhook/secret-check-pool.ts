/** Returned instead of a result when a check cannot start in time. */
export const BUSY = Symbol("busy");

export interface SecretCheckPool {
  /**
   * Runs `task` once fewer than `concurrency` tasks are running. Returns BUSY
   * without running it when `deadline` (a `performance.now()` time) passes
   * while it waits, or when the measured task time predicts that it would not
   * finish before then.
   */
  run<T>(task: () => Promise<T>, deadline: number): Promise<T | typeof BUSY>;
  /** Queues work without a deadline (hash upgrades); it starts only when no request is waiting. */
  runInBackground(task: () => Promise<unknown>): void;
  /** Tasks running and waiting now. */
  load(): { running: number; waiting: number };
}

interface Waiting {
  start(): void;
}

interface WaitingRequest extends Waiting {
  deadline: number;
  expire(): void;
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
  const requests: WaitingRequest[] = [];
  const background: Waiting[] = [];

  function startNext(): void {
    while (running < concurrency) {
      dropExpired();
      const next = requests.shift() ?? background.shift();
      if (!next) return;
      next.start();
    }
  }

  /**
   * Resolves BUSY for requests at the front of the queue whose deadline has
   * passed. Their clients have had the busy message already. Requests queue
   * in arrival order, so expired ones gather at the front.
   */
  function dropExpired(): void {
    const now = performance.now();
    while (requests.length > 0 && requests[0]!.deadline <= now) requests.shift()!.expire();
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
    run<T>(task: () => Promise<T>, deadline: number): Promise<T | typeof BUSY> {
      if (running < concurrency && requests.length === 0) return execute(task);

      dropExpired();
      const finish = estimatedFinish();
      if (finish !== undefined && finish > deadline) return Promise.resolve(BUSY);

      return new Promise<T | typeof BUSY>((resolve, reject) => {
        requests.push({
          deadline,
          start: () => void execute(task).then(resolve, reject),
          expire: () => resolve(BUSY),
        });
      });
    },

    runInBackground(task) {
      background.push({ start: () => void execute(task).catch(() => {}) });
      startNext();
    },

    load: () => ({ running, waiting: requests.length + background.length }),
  };
}
