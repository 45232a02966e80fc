import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { createClient, type Client } from "@libsql/client";
import { drizzle, type LibSQLDatabase } from "drizzle-orm/libsql";
import { BUSY_TIMEOUT_MS, retryingClient } from "./busy-retry";
import * as schema from "./schema";

export type Database = LibSQLDatabase<typeof schema>;

export interface DatabaseHandle {
  db: Database;
  client: Client;
  /** The URL as opened, with a `file:` path made absolute. */
  url: string;
  close(): void;
}

/**
 * Opens the libSQL database at `url`. A `file:` path is resolved against the
 * working folder, and its folder is created. Embedded files run in WAL mode so
 * that an import and the server can use the database at the same time. Writes
 * retry while another writer holds the lock.
 */
export async function openDatabase(url: string, authToken?: string): Promise<DatabaseHandle> {
  const resolvedUrl = resolveFileUrl(url);
  if (resolvedUrl.startsWith("file:")) {
    mkdirSync(dirname(resolvedUrl.slice("file:".length)), { recursive: true });
  }

  const client = retryingClient(() => createClient({ url: resolvedUrl, authToken, timeout: BUSY_TIMEOUT_MS }));
  if (resolvedUrl.startsWith("file:")) {
    await client.execute("PRAGMA journal_mode = WAL");
  }

  const db = drizzle(client, { schema });
  return { db, client, url: resolvedUrl, close: () => client.close() };
}

/**
 * A connection of its own to the same embedded file, for work whose
 * connection settings must not apply to the others (the audit's relaxed
 * durability). Undefined for a libSQL server, where connections are the
 * server's business.
 */
export function openSeparateConnection(handle: Pick<DatabaseHandle, "url">): Client | undefined {
  if (!handle.url.startsWith("file:") || handle.url === "file::memory:") return undefined;
  return retryingClient(() => createClient({ url: handle.url, timeout: BUSY_TIMEOUT_MS }));
}

/** Makes the path of a `file:` URL absolute; other URLs are returned unchanged. */
export function resolveFileUrl(url: string): string {
  if (!url.startsWith("file:")) return url;
  const path = url.slice("file:".length);
  if (path === ":memory:") return url;
  return `file:${resolve(path)}`;
}

/** The file path of a `file:` URL made absolute, or undefined for a libSQL server or an in-memory database. */
export function databaseFilePath(url: string): string | undefined {
  const resolved = resolveFileUrl(url);
  if (!resolved.startsWith("file:") || resolved === "file::memory:") return undefined;
  return resolved.slice("file:".length);
}
