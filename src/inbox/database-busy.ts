import type { Logger } from "../log/logger";

/** True for SQLite's "database is locked" family, which clears once the other writer commits. */
export function isDatabaseBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === "string" && (code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED"))) return true;
  return error instanceof Error && /database is locked/i.test(error.message);
}

/** Thrown when the database stayed locked for longer than the caller was willing to wait. */
export class DatabaseLockTimeout extends Error {
  constructor(waitedMs: number, options?: ErrorOptions) {
    super(`the database stayed locked by another writer for ${waitedMs} ms`, options);
    this.name = "DatabaseLockTimeout";
  }
}

/**
 * Runs `operation` until it succeeds, waiting between attempts while another
 * writer holds the lock. The wait is asynchronous, so the rest of the server
 * keeps answering; it grows from 5 ms to 500 ms. Errors other than a lock are
 * raised at once.
 */
export async function retryWhileBusy<T>(operation: () => Promise<T>, options: { maxWaitMs: number; logger: Logger; what: string }): Promise<T> {
  const started = Date.now();
  let delayMs = 5;
  let loggedWait = false;

  for (;;) {
    try {
      return await operation();
    } catch (error) {
      if (!isDatabaseBusy(error)) throw error;

      const waitedMs = Date.now() - started;
      if (waitedMs >= options.maxWaitMs) throw new DatabaseLockTimeout(waitedMs, { cause: error });
      if (!loggedWait) {
        options.logger.warn("database locked by another writer; waiting", { operation: options.what });
        loggedWait = true;
      }
      await Bun.sleep(delayMs);
      delayMs = Math.min(delayMs * 2, 500);
    }
  }
}
