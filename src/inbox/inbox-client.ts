import { createClient, type Client } from "@libsql/client";
import type { Settings } from "../config/settings";
import { retryingClient } from "../db/busy-retry";
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
  const client = retryingClient(() => createClient({ url, authToken: settings.databaseAuthToken, timeout: 0, concurrency: 1 }), LOCK_WAIT_MS);
  return { client, ownClient: true };
}
