import { createClient, type Client } from "@libsql/client";
import type { Settings } from "../config/settings";
import { isBusyError, retryingClient } from "../db/busy-retry";
import { resolveFileUrl, type Database } from "../db/client";

// NOTE: two minutes covers an import or a backup. A notification that waits longer gets a 503 response, so the sender retries later.
const LOCK_WAIT_MS = 120_000;

/**
 * Opens the inbox's own connection to the configured database. It has no
 * busy timeout, because the driver would wait synchronously and stall every
 * request. retryingClient waits for a locked database asynchronously instead,
 * so other requests are served meanwhile. An in-memory database has no second
 * connection, so `db`'s client is shared instead and `ownClient` is false.
 */
export function openInboxClient(settings: Settings, db: Database): { client: Client; ownClient: boolean } {
  const url = resolveFileUrl(settings.databaseUrl);
  // drizzle() attaches the client it wraps as `$client`; the Database type leaves it out.
  if (url.startsWith("file:") && url.includes(":memory:")) return { client: (db as Database & { $client: Client }).$client, ownClient: false };
  const client = retryingClient(reconnectAfterBusy(createClient({ url, authToken: settings.databaseAuthToken, timeout: 0, concurrency: 1 })), LOCK_WAIT_MS);
  return { client, ownClient: true };
}

/**
 * Wraps `client` so that a "database is locked" error from `execute` or
 * `batch` closes its connections before the error reaches the caller.
 * NOTE: with @libsql/client 0.18, a connection on which a statement failed
 * with SQLITE_BUSY stays broken. A later BEGIN IMMEDIATE on it keeps failing,
 * and a later autocommit write reports success but is rolled back. A fresh
 * connection has neither problem. The inbox never holds an interactive
 * transaction, so closing every connection interrupts nothing.
 */
export function reconnectAfterBusy(client: Client): Client {
  return new Proxy(client, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== "function") return value;
      if (property !== "execute" && property !== "batch") return value.bind(target);
      return async (...args: unknown[]) => {
        try {
          return await value.apply(target, args);
        } catch (error) {
          if (isBusyError(error)) await target.reconnect();
          throw error;
        }
      };
    },
  });
}
