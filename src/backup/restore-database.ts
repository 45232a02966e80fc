import { copyFileSync, existsSync, openSync, readSync, closeSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient, type Client } from "@libsql/client";
import { BUSY_TIMEOUT_MS, retryingClient } from "../db/busy-retry";
import { openDatabase } from "../db/client";
import { applyMigrations, embeddedMigrations, MIGRATIONS_TABLE } from "../db/migrate";

/** The reason a file cannot be restored. Each code has an operator message in the CLI texts. */
export type RestoreProblem = "not_found" | "not_sqlite" | "damaged" | "not_mlango" | "newer_version";

export class RestoreError extends Error {
  constructor(
    readonly problem: RestoreProblem,
    detail: string,
  ) {
    super(detail);
    this.name = "RestoreError";
  }
}

const SQLITE_HEADER = "SQLite format 3\u0000";

/**
 * Replaces every table's rows in the database at `targetUrl` with those of the
 * backup file, in one write transaction. A server using the database at the
 * same time reads either the old rows or the restored ones, never a mix. The
 * backup is first copied and migrated to this build's schema, so a backup
 * from an older release restores too; the file itself is only read.
 * `beforeReplace` runs once the backup has passed every check.
 */
export async function restoreDatabase(
  targetUrl: string,
  backupPath: string,
  options: { beforeReplace?: () => Promise<void> } = {},
): Promise<{ tables: number; rows: number }> {
  const migratedCopy = await prepareBackupCopy(backupPath);
  // One connection, because ATTACH applies to the connection that runs it.
  const client = retryingClient(() => createClient({ url: targetUrl, concurrency: 1, timeout: BUSY_TIMEOUT_MS }));
  try {
    await options.beforeReplace?.();
    return await copyAllTables(client, migratedCopy);
  } finally {
    client.close();
    for (const suffix of ["", "-wal", "-shm"]) rmSync(migratedCopy + suffix, { force: true });
  }
}

/** Checks the backup file and returns the path of a copy migrated to this build's schema. */
async function prepareBackupCopy(backupPath: string): Promise<string> {
  if (!existsSync(backupPath)) throw new RestoreError("not_found", backupPath);
  if (readHeader(backupPath) !== SQLITE_HEADER) throw new RestoreError("not_sqlite", backupPath);

  const copyPath = join(tmpdir(), `mlango-restore-${process.pid}-${Date.now()}.db`);
  copyFileSync(backupPath, copyPath);
  // A database file copied by hand may have recent changes in its write-ahead log beside it.
  if (existsSync(`${backupPath}-wal`)) copyFileSync(`${backupPath}-wal`, `${copyPath}-wal`);
  const handle = await openDatabase(`file:${copyPath}`);
  try {
    const integrity = await handle.client.execute("PRAGMA integrity_check");
    const verdict = String(integrity.rows[0]?.[0] ?? "");
    if (verdict !== "ok") throw new RestoreError("damaged", verdict);

    const tables = await handle.client.execute({ sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name = ?", args: [MIGRATIONS_TABLE] });
    if (tables.rows.length === 0) throw new RestoreError("not_mlango", backupPath);

    const newest = await handle.client.execute(`SELECT max(created_at) FROM ${MIGRATIONS_TABLE}`);
    const newestInBackup = Number(newest.rows[0]?.[0] ?? -1);
    const newestKnown = Math.max(...embeddedMigrations.map((migration) => migration.folderMillis));
    if (newestInBackup > newestKnown) throw new RestoreError("newer_version", backupPath);

    await applyMigrations(handle.db);
    return copyPath;
  } catch (error) {
    for (const suffix of ["", "-wal", "-shm"]) rmSync(copyPath + suffix, { force: true });
    throw error;
  } finally {
    handle.close();
  }
}

async function copyAllTables(client: Client, sourcePath: string): Promise<{ tables: number; rows: number }> {
  await client.execute({ sql: "ATTACH DATABASE ? AS backup", args: [sourcePath] });
  try {
    const tables = await userTables(client, "main");
    const statements: string[] = [];
    let rows = 0;
    for (const table of tables) {
      const columns = await sharedColumns(client, table);
      const count = await client.execute(`SELECT count(*) FROM backup."${table}"`);
      rows += Number(count.rows[0]?.[0] ?? 0);
      const columnList = columns.map((column) => `"${column}"`).join(", ");
      statements.push(`DELETE FROM main."${table}"`, `INSERT INTO main."${table}" (${columnList}) SELECT ${columnList} FROM backup."${table}"`);
    }
    if (await hasTable(client, "backup", "sqlite_sequence")) {
      statements.push("DELETE FROM main.sqlite_sequence", "INSERT INTO main.sqlite_sequence (name, seq) SELECT name, seq FROM backup.sqlite_sequence");
    }
    const batch = tables.includes("roster_version") ? raisingRosterVersion(statements) : statements;
    await client.batch(batch, "write");
    return { tables: tables.length, rows };
  } finally {
    await client.execute("DETACH DATABASE backup");
  }
}

/**
 * Wraps the restore statements so that the roster version ends above the one
 * before the restore. A running server reloads its in-memory roster only when
 * the version differs from the one it loaded, and the backup's own number could
 * equal the current one by chance. The old number is kept in a temporary table
 * inside the same transaction, so a change committed meanwhile cannot slip in.
 */
function raisingRosterVersion(statements: string[]): string[] {
  return [
    "CREATE TEMP TABLE roster_version_before AS SELECT version FROM main.roster_version WHERE id = 1",
    ...statements,
    "UPDATE main.roster_version SET version = max(version, coalesce((SELECT version FROM temp.roster_version_before), 0)) + 1 WHERE id = 1",
    "DROP TABLE temp.roster_version_before",
  ];
}

/** Tables holding data, without SQLite's own and the migration bookkeeping, which both sides share after migrating. */
async function userTables(client: Client, schema: "main" | "backup"): Promise<string[]> {
  const result = await client.execute(
    `SELECT name FROM ${schema}.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '${MIGRATIONS_TABLE}' ORDER BY name`,
  );
  return result.rows.map((row) => String(row[0]));
}

async function hasTable(client: Client, schema: "main" | "backup", name: string): Promise<boolean> {
  const result = await client.execute({ sql: `SELECT 1 FROM ${schema}.sqlite_master WHERE type = 'table' AND name = ?`, args: [name] });
  return result.rows.length > 0;
}

/** Columns present in both copies of a table; after migrating they are normally the same. */
async function sharedColumns(client: Client, table: string): Promise<string[]> {
  const columnsOf = async (schema: string) =>
    (await client.execute({ sql: `SELECT name FROM pragma_table_info(?, ?)`, args: [table, schema] })).rows.map((row) => String(row[0]));
  const inBackup = new Set(await columnsOf("backup"));
  return (await columnsOf("main")).filter((column) => inBackup.has(column));
}

function readHeader(path: string): string {
  const buffer = Buffer.alloc(SQLITE_HEADER.length);
  const fd = openSync(path, "r");
  try {
    readSync(fd, buffer, 0, buffer.length, 0);
  } finally {
    closeSync(fd);
  }
  return buffer.toString("latin1");
}
