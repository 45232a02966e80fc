import { hostname } from "node:os";
import { sql, type SQL } from "drizzle-orm";
import type { Database } from "../db/client";
import { readState, STATE_KEYS, writeState } from "../status/status-queries";

/** The optional fields a file has. Stored values of the fields it lacks are left as they are. */
export interface PresentFields {
  secret: boolean;
  name: boolean;
  email: boolean;
  photo: boolean;
  about: boolean;
  data: boolean;
  exams: boolean;
}

export type ImportMode = "add" | "update" | "sync";

export interface MergeCounts {
  added: number;
  updated: number;
  unchanged: number;
  /** Students already on the roster that `add` mode left alone. */
  existingSkipped: number;
  disabled: number;
}

const IMPORT_LOCK_KEY = "import_lock";
const DELETE_CHUNK_ROWS = 5_000;

/** Columns a file can change, each with the present-field that decides whether it does. */
const MERGED_COLUMNS: [string, keyof PresentFields | undefined][] = [
  ["identifier", undefined],
  ["email_key", "email"],
  ["email", "email"],
  ["secret_hash", "secret"],
  ["secret_kind", "secret"],
  ["name", "name"],
  ["photo", "photo"],
  ["about", "about"],
  ["data", "data"],
  ["disabled", undefined],
];

function mergedColumns(present: PresentFields): string[] {
  return MERGED_COLUMNS.filter(([, field]) => field === undefined || present[field]).map(([column]) => column);
}

/** `s.a IS g.a AND ...`: true when the stored student already has the staged values. */
function sameValues(columns: string[], stored: string, staged: string): SQL {
  return sql.raw(columns.map((column) => `${stored}.${column} IS ${staged}.${column}`).join(" AND "));
}

/** The staging table of one import. */
export interface Staging {
  runId: string;
  /** The table name, as SQL text and for building SQL. */
  name: string;
  table: SQL;
  temporary: boolean;
}

const TEMPORARY_STAGING = "import_rows";

/**
 * Creates the staging table for an import. On a database file it is a TEMP
 * table with the columns of `roster_staging`, kept in a temporary file of the
 * import's own connection. So staging and classifying never take the
 * database's write lock, and a killed import leaves nothing behind. A libSQL
 * server keeps no per-connection tables between requests, so there the rows go
 * to `roster_staging`, which the next import clears if this one dies.
 * NOTE: the TEMP table exists only on the connection that created it. The
 * import makes one database call at a time, so the client's pool hands it the
 * same idle connection each time, the merge transaction included.
 * NOTE: the `roster_staging` path for libSQL servers is not covered by tests,
 * which run no libSQL server.
 */
export async function openStaging(db: Database, runId: string): Promise<Staging> {
  // drizzle() attaches the client as $client, though the Database type does not declare it.
  const protocol = (db as unknown as { $client?: { protocol?: string } }).$client?.protocol;
  if (protocol !== "file") return { runId, name: "roster_staging", table: sql.raw("roster_staging"), temporary: false };

  const [definition] = await db.all<{ sql: string }>(sql`SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'roster_staging'`);
  const columns = definition!.sql.slice(definition!.sql.indexOf("("));
  // A TEMP table in memory would grow with the file; on disk it stays in the page cache's bounds.
  await db.run(sql`PRAGMA temp_store = FILE`);
  await db.run(sql.raw(`DROP TABLE IF EXISTS temp.${TEMPORARY_STAGING}`));
  await db.run(sql.raw(`CREATE TEMP TABLE ${TEMPORARY_STAGING} ${columns}`));
  await db.run(sql.raw(`CREATE INDEX temp.${TEMPORARY_STAGING}_pending ON ${TEMPORARY_STAGING} (run_id, action) WHERE action <> 'same'`));
  return { runId, name: TEMPORARY_STAGING, table: sql.raw(TEMPORARY_STAGING), temporary: true };
}

/** Drops or clears the staging rows of a finished import. */
export async function closeStaging(db: Database, staging: Staging): Promise<void> {
  if (staging.temporary) await db.run(sql.raw(`DROP TABLE IF EXISTS temp.${TEMPORARY_STAGING}`));
  else await deleteStagedRows(db, sql`run_id = ${staging.runId}`);
}

export type LockResult = { ok: true } | { ok: false; holder: { pid: number; host: string; at: number } };

/**
 * Takes the import lock kept in `app_state`, so two imports never merge into
 * one roster at once. A lock left by a process that no longer runs on this
 * machine, or older than 6 hours on another machine, is taken over, and the
 * staged rows of that import are deleted.
 * NOTE: reading and writing the lock are two statements, so two imports
 * started within the same few milliseconds could both take it.
 */
export async function acquireImportLock(db: Database, runId: string, now: number): Promise<LockResult> {
  const text = await readState(db, IMPORT_LOCK_KEY);
  if (text) {
    const holder = JSON.parse(text) as { runId: string; pid: number; host: string; at: number };
    const sameHost = holder.host === hostname();
    const alive = sameHost ? processIsAlive(holder.pid) : now - holder.at < 6 * 3600_000;
    if (alive && holder.runId !== runId) return { ok: false, holder };
  }
  await writeState(db, IMPORT_LOCK_KEY, JSON.stringify({ runId, pid: process.pid, host: hostname(), at: now }), now);
  await deleteStagedRows(db, sql`run_id <> ${runId}`);
  return { ok: true };
}

export async function releaseImportLock(db: Database, runId: string): Promise<void> {
  await db.run(sql`DELETE FROM app_state WHERE key = ${IMPORT_LOCK_KEY} AND json_extract(value, '$.runId') = ${runId}`);
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: string }).code === "EPERM";
  }
}

/** Deletes staged rows in chunks, each its own short transaction, so a large import keeps the write lock only briefly at a time. */
async function deleteStagedRows(db: Database, where: SQL): Promise<void> {
  for (;;) {
    const result = await db.run(sql`DELETE FROM roster_staging WHERE rowid IN (SELECT rowid FROM roster_staging WHERE ${where} LIMIT ${DELETE_CHUNK_ROWS})`);
    if (result.rowsAffected < DELETE_CHUNK_ROWS) return;
  }
}

/** Records of staged rows with these keys, for duplicates across batches. */
export async function stagedRecordsByKey(db: Database, staging: Staging, keys: string[]): Promise<Map<string, number>> {
  if (keys.length === 0) return new Map();
  const rows = await db.all<{ identifier_key: string; record: number }>(
    sql`SELECT identifier_key, record FROM ${staging.table} WHERE run_id = ${staging.runId} AND identifier_key IN (SELECT value FROM json_each(${JSON.stringify(keys)}))`,
  );
  return new Map(rows.map((row) => [row.identifier_key, row.record]));
}

/** Stored secret hashes of the students with these keys. */
export async function storedHashesByKey(db: Database, keys: string[]): Promise<Map<string, string>> {
  if (keys.length === 0) return new Map();
  const rows = await db.all<{ identifier_key: string; secret_hash: string | null }>(
    sql`SELECT identifier_key, secret_hash FROM students WHERE identifier_key IN (SELECT value FROM json_each(${JSON.stringify(keys)}))`,
  );
  return new Map(rows.flatMap((row) => (row.secret_hash ? [[row.identifier_key, row.secret_hash] as [string, string]] : [])));
}

/** One staged row, in the column order of STAGED_COLUMNS. */
export interface StagedRow {
  record: number;
  identifier: string;
  identifierKey: string;
  emailKey: string | null;
  secretHash: string | null;
  secretKind: "text" | "date";
  name: string | null;
  email: string | null;
  photo: string | null;
  about: string | null;
  data: string | null;
  disabled: boolean;
  exams: string | null;
}

const STAGED_COLUMNS = ["record", "identifier", "identifier_key", "email_key", "secret_hash", "secret_kind", "name", "email", "photo", "about", "data", "disabled", "exams"];
const STAGED_SELECT = sql.raw(STAGED_COLUMNS.map((_, index) => `json_extract(j.value, '$[${index}]')`).join(", "));

/**
 * Writes one batch to the staging table. The rows travel as one JSON
 * parameter, so the statement text stays the same for every batch and
 * building it costs nothing per row.
 */
export async function stageRows(db: Database, staging: Staging, rows: StagedRow[]): Promise<void> {
  const json = JSON.stringify(
    rows.map((row) => [
      row.record,
      row.identifier,
      row.identifierKey,
      row.emailKey,
      row.secretHash,
      row.secretKind,
      row.name,
      row.email,
      row.photo,
      row.about,
      row.data,
      row.disabled ? 1 : 0,
      row.exams,
    ]),
  );
  await db.run(sql`INSERT INTO ${staging.table} (run_id, ${sql.raw(STAGED_COLUMNS.join(", "))}) SELECT ${staging.runId}, ${STAGED_SELECT} FROM json_each(${json}) j`);
}

const CLASSIFY_CHUNK_ROWS = 5_000;

/**
 * Decides, in short steps that only write to the staging table, what the
 * merge will do with each staged row (`new`, `change` or `same`) and, in
 * `sync` mode, stages a `disable` row for each active student missing from
 * the file. The merge transaction then touches only the rows that change,
 * so re-importing a large roster holds the write lock briefly.
 * NOTE: a student changed by another command between this step and the
 * merge (import-photos setting a photo) is merged as classified here.
 */
export async function classifyStagedRows(db: Database, staging: Staging, options: { mode: ImportMode; present: PresentFields }): Promise<MergeCounts> {
  const same = sameValues(mergedColumns(options.present), "s", staging.name);
  const [range] = await db.all<{ low: number | null; high: number | null }>(sql`SELECT min(rowid) AS low, max(rowid) AS high FROM ${staging.table} WHERE run_id = ${staging.runId}`);
  for (let low = range!.low ?? 1; range!.high !== null && low <= range!.high; low += CLASSIFY_CHUNK_ROWS) {
    await db.run(sql`
      UPDATE ${staging.table} SET action = CASE
        WHEN NOT EXISTS (SELECT 1 FROM students s WHERE s.identifier_key = ${staging.table}.identifier_key) THEN 'new'
        WHEN EXISTS (SELECT 1 FROM students s WHERE s.identifier_key = ${staging.table}.identifier_key AND ${same}) THEN 'same'
        ELSE 'change' END
      WHERE run_id = ${staging.runId} AND rowid BETWEEN ${low} AND ${low + CLASSIFY_CHUNK_ROWS - 1}`);
  }

  if (options.mode === "sync") {
    const [ids] = await db.all<{ high: number | null }>(sql`SELECT max(id) AS high FROM students`);
    for (let low = 1; ids!.high !== null && low <= ids!.high; low += CLASSIFY_CHUNK_ROWS) {
      await db.run(sql`
        INSERT INTO ${staging.table} (run_id, record, identifier, identifier_key, action)
        SELECT ${staging.runId}, 0, s.identifier, s.identifier_key, 'disable' FROM students s
        WHERE s.id BETWEEN ${low} AND ${low + CLASSIFY_CHUNK_ROWS - 1} AND s.disabled = 0
          AND NOT EXISTS (SELECT 1 FROM ${staging.table} g WHERE g.run_id = ${staging.runId} AND g.identifier_key = s.identifier_key)`);
    }
  }

  const rows = await db.all<{ action: string; total: number }>(sql`SELECT action, count(*) AS total FROM ${staging.table} WHERE run_id = ${staging.runId} GROUP BY action`);
  const total = (action: string) => rows.find((row) => row.action === action)?.total ?? 0;
  const addMode = options.mode === "add";
  return {
    added: total("new"),
    updated: addMode ? 0 : total("change"),
    unchanged: addMode ? 0 : total("same"),
    existingSkipped: addMode ? total("change") + total("same") : 0,
    disabled: total("disable"),
  };
}

/** Lists the first identifiers that a classified `sync` run would disable, for the report. */
export async function stagedDisableExamples(db: Database, staging: Staging, limit: number): Promise<string[]> {
  const rows = await db.all<{ identifier: string }>(
    sql`SELECT identifier FROM ${staging.table} WHERE run_id = ${staging.runId} AND action = 'disable' ORDER BY identifier_key LIMIT ${limit}`,
  );
  return rows.map((row) => row.identifier);
}

/**
 * Applies classified staged rows in one transaction that takes the write lock
 * at its start: new students are added, changed ones updated, enrollments
 * replaced, and in `sync` mode missing students disabled. Fields the file
 * lacks keep their stored values. Every statement selects through the partial
 * index on rows that are not `same`, so unchanged rows cost nothing here.
 */
export async function mergeStagedRoster(
  db: Database,
  staging: Staging,
  counts: MergeCounts,
  options: { mode: ImportMode; present: PresentFields; now: number; summary: (counts: MergeCounts) => string },
): Promise<void> {
  const columns = mergedColumns(options.present);
  const list = sql.raw(columns.join(", "));
  const addMode = options.mode === "add";
  const written = addMode ? sql`action = 'new'` : sql`action IN ('new', 'change')`;
  const conflict = addMode
    ? sql`DO NOTHING`
    : sql`DO UPDATE SET ${sql.raw(columns.map((column) => `${column} = excluded.${column}`).join(", "))}, updated_at = excluded.updated_at`;

  await db.transaction(
    async (tx) => {
      await tx.run(sql`
        INSERT INTO students (identifier_key, ${list}, created_at, updated_at)
        SELECT identifier_key, ${list}, ${options.now}, ${options.now} FROM ${staging.table}
        WHERE run_id = ${staging.runId} AND action <> 'same' AND ${written}
        ON CONFLICT (identifier_key) ${conflict}`);

      if (options.mode === "sync") {
        await tx.run(sql`
          UPDATE students SET disabled = 1, updated_at = ${options.now}
          WHERE disabled = 0 AND identifier_key IN (SELECT identifier_key FROM ${staging.table} WHERE run_id = ${staging.runId} AND action <> 'same' AND action = 'disable')`);
      }

      if (options.present.exams) await replaceEnrollments(tx as unknown as Database, staging, addMode);
      await writeState(tx as unknown as Database, STATE_KEYS.lastImport, JSON.stringify({ at: options.now, summary: options.summary(counts) }), options.now);
    },
    { behavior: "immediate" },
  );
}

/** Sets the exams of every student in the file to the exams column's list; in `add` mode only for new students. */
async function replaceEnrollments(db: Database, staging: Staging, addMode: boolean): Promise<void> {
  const listed = addMode ? sql`g.action = 'new'` : sql`g.action IN ('new', 'change', 'same')`;
  await db.run(sql`
    DELETE FROM enrollments WHERE student_id IN (
      SELECT s.id FROM ${staging.table} g JOIN students s ON s.identifier_key = g.identifier_key
      WHERE g.run_id = ${staging.runId} AND g.exams IS NOT NULL AND ${listed})`);
  await db.run(sql`
    INSERT OR IGNORE INTO enrollments (exam_id, student_id)
    SELECT j.value, s.id FROM ${staging.table} g JOIN students s ON s.identifier_key = g.identifier_key, json_each(g.exams) j
    WHERE g.run_id = ${staging.runId} AND g.exams IS NOT NULL AND ${listed}`);
}
