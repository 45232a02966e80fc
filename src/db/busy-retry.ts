import type { Client } from "@libsql/client";

/**
 * How long one attempt may wait inside SQLite for another writer. The libSQL
 * driver waits synchronously, which stalls every request of the process, so
 * this stays short and the longer wait happens in `retryWhileBusy` without
 * blocking the event loop.
 */
export const BUSY_TIMEOUT_MS = 100;

/** How long a write keeps retrying while another writer (an import, a backup, another process) holds the lock. */
const DEFAULT_RETRY_DEADLINE_MS = 30_000;

const RETRIED_METHODS = new Set(["execute", "batch", "transaction", "executeMultiple", "migrate"]);

/** Whether an error is SQLite reporting that another connection holds a lock. */
export function isBusyError(error: unknown): boolean {
  const codes = [(error as { code?: unknown })?.code, (error as { extendedCode?: unknown })?.extendedCode, (error as { cause?: { code?: unknown } })?.cause?.code];
  return codes.some((code) => typeof code === "string" && (code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED")));
}

/**
 * Runs `operation` again while it fails because the database is locked, with
 * short randomized pauses, until `deadlineMs` has passed. Only operations that
 * either completed or changed nothing may be passed in: a single statement, a
 * batch (one transaction) or the start of a transaction.
 */
export async function retryWhileBusy<T>(operation: () => Promise<T>, deadlineMs = DEFAULT_RETRY_DEADLINE_MS): Promise<T> {
  const giveUpAt = Date.now() + deadlineMs;
  for (let attempt = 0; ; attempt++) {
    try {
      return await operation();
    } catch (error) {
      if (!isBusyError(error) || Date.now() >= giveUpAt) throw error;
      const pauseMs = Math.min(250, 10 * 2 ** Math.min(attempt, 5)) * (0.5 + Math.random());
      await Bun.sleep(pauseMs);
    }
  }
}

/**
 * Wraps a client so that every statement, batch and transaction start retries
 * while the database is locked. Statements inside an open transaction are not
 * retried: a write transaction starts with BEGIN IMMEDIATE, so once it has
 * begun it already holds the lock.
 */
export function retryingClient(client: Client, deadlineMs = DEFAULT_RETRY_DEADLINE_MS): Client {
  return new Proxy(client, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== "function") return value;
      // The client keeps its state in private fields, so its methods must run with the client itself as `this`.
      if (typeof property !== "string" || !RETRIED_METHODS.has(property)) return value.bind(target);
      return (...args: unknown[]) => retryWhileBusy(() => value.apply(target, args), deadlineMs);
    },
  });
}
