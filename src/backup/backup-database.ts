import { existsSync, renameSync, rmSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import type { Client } from "@libsql/client";
import type { Database } from "../db/client";
import { readState, writeState } from "../status/status-queries";

/** The outcome of the most recent backup, stored in `app_state` so the status page and `/health` can show it. */
export interface BackupRecord {
  at: number;
  ok: boolean;
  scheduled: boolean;
  file?: string;
  bytes?: number;
  error?: string;
}

const LAST_BACKUP_KEY = "last_backup";

/**
 * Writes a consistent copy of the open database to `destination` with
 * `VACUUM INTO`, which reads one snapshot while other connections keep
 * writing. The copy is made under a temporary name in the same folder and
 * renamed, so `destination` never holds half a backup. Throws when
 * `destination` already exists or the database is not a local file.
 */
export async function backupDatabase(client: Client, destination: string): Promise<{ bytes: number }> {
  if (existsSync(destination)) throw new Error(`${destination} already exists`);

  const partial = join(dirname(destination), `.${Date.now()}-${process.pid}.mlango-partial`);
  try {
    await client.execute({ sql: "VACUUM INTO ?", args: [partial] });
    renameSync(partial, destination);
  } finally {
    rmSync(partial, { force: true });
  }
  return { bytes: statSync(destination).size };
}

export async function recordBackup(db: Database, record: BackupRecord): Promise<void> {
  await writeState(db, LAST_BACKUP_KEY, JSON.stringify(record), record.at);
}

export async function readLastBackup(db: Database): Promise<BackupRecord | undefined> {
  const text = await readState(db, LAST_BACKUP_KEY);
  return text ? (JSON.parse(text) as BackupRecord) : undefined;
}

/** `YYYYMMDD-HHMMSS` in UTC, for backup file names that sort by time. */
export function fileTimestamp(at: number): string {
  return new Date(at).toISOString().slice(0, 19).replace(/[-:]/g, "").replace("T", "-");
}
