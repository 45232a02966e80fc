import type { Client, Transaction } from "@libsql/client";

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

interface PoolEntry {
  client: Client;
  openTransactions: number;
  retired: boolean;
}

/**
 * Returns a client whose every statement, batch and transaction start
 * retries while the database is locked. Statements inside an open
 * transaction are not retried: a write transaction starts with BEGIN
 * IMMEDIATE, so once it has begun it already holds the lock.
 *
 * NOTE: with @libsql/client 0.18, a connection on which a statement failed
 * with SQLITE_BUSY stays broken: a later BEGIN IMMEDIATE on it keeps failing,
 * and a later autocommit write reports success but is never committed. So
 * after a busy error the wrapper moves to a fresh client from `openClient`
 * and closes the old one once its open transactions have ended.
 */
export function retryingClient(openClient: () => Client, deadlineMs = DEFAULT_RETRY_DEADLINE_MS): Client {
  let current: PoolEntry = { client: openClient(), openTransactions: 0, retired: false };

  const closeIfIdle = (entry: PoolEntry) => {
    if (entry.retired && entry.openTransactions === 0) entry.client.close();
  };

  const replaceAfterBusy = (entry: PoolEntry) => {
    if (entry !== current) return;
    current = { client: openClient(), openTransactions: 0, retired: false };
    entry.retired = true;
    closeIfIdle(entry);
  };

  const attempt = async (method: string, args: unknown[]) => {
    const entry = current;
    try {
      const result = await (entry.client as unknown as Record<string, (...values: unknown[]) => Promise<unknown>>)[method]!(...args);
      if (method === "transaction") return trackTransaction(entry, result as Transaction, closeIfIdle);
      return result;
    } catch (error) {
      if (isBusyError(error)) replaceAfterBusy(entry);
      throw error;
    }
  };

  return new Proxy({} as Client, {
    get(_target, property) {
      const client = current.client;
      if (property === "close") {
        return () => {
          current.retired = true;
          current.client.close();
        };
      }
      const value = Reflect.get(client, property, client);
      if (typeof value !== "function") return value;
      // The client keeps its state in private fields, so its methods must run with the client itself as `this`.
      if (typeof property !== "string" || !RETRIED_METHODS.has(property)) return value.bind(client);
      return (...args: unknown[]) => retryWhileBusy(() => attempt(property, args), deadlineMs);
    },
  });
}

/** Counts a transaction as open on `entry` until it commits, rolls back or closes. */
function trackTransaction(entry: PoolEntry, transaction: Transaction, onEnded: (entry: PoolEntry) => void): Transaction {
  entry.openTransactions += 1;
  let ended = false;
  const end = () => {
    if (ended) return;
    ended = true;
    entry.openTransactions -= 1;
    onEnded(entry);
  };
  return new Proxy(transaction, {
    get(target, property) {
      const value = Reflect.get(target, property, target);
      if (typeof value !== "function") return value;
      if (property === "commit" || property === "rollback") {
        return async (...args: unknown[]) => {
          try {
            return await value.apply(target, args);
          } finally {
            end();
          }
        };
      }
      if (property === "close") {
        return (...args: unknown[]) => {
          try {
            return value.apply(target, args);
          } finally {
            end();
          }
        };
      }
      return value.bind(target);
    },
  });
}
