import { hostname } from "node:os";
import { sql, type SQL } from "drizzle-orm";
import type { Database } from "../db/client";
import { readState, STATE_KEYS, writeState } from "../status/status-queries";

/** Which optional fields the file has; stored values of fields it lacks are left as they are. */
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
  await deleteStagedRows(db, sql`run_id = ${runId}`);
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

/** Deletes staged rows in chunks, each its own short transaction, so a large import never holds the write lock long. */
async function deleteStagedRows(db: Database, where: SQL): Promise<void> {
  for (;;) {
    const result = await db.run(sql`DELETE FROM roster_staging WHERE rowid IN (SELECT rowid FROM roster_staging WHERE ${where} LIMIT ${DELETE_CHUNK_ROWS})`);
    if (result.rowsAffected < DELETE_CHUNK_ROWS) return;
  }
}

/** Records of staged rows with these keys, for duplicates across batches. */
export async function stagedRecordsByKey(db: Database, runId: string, keys: string[]): Promise<Map<string, number>> {
  if (keys.length === 0) return new Map();
  const rows = await db.all<{ identifier_key: string; record: number }>(
    sql`SELECT identifier_key, record FROM roster_staging WHERE run_id = ${runId} AND identifier_key IN (SELECT value FROM json_each(${JSON.stringify(keys)}))`,
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
export async function stageRows(db: Database, runId: string, rows: StagedRow[]): Promise<void> {
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
  await db.run(sql`INSERT INTO roster_staging (run_id, ${sql.raw(STAGED_COLUMNS.join(", "))}) SELECT ${runId}, ${STAGED_SELECT} FROM json_each(${json}) j`);
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
export async function classifyStagedRows(db: Database, runId: string, options: { mode: ImportMode; present: PresentFields }): Promise<MergeCounts> {
  const same = sameValues(mergedColumns(options.present), "s", "roster_staging");
  const [range] = await db.all<{ low: number | null; high: number | null }>(sql`SELECT min(rowid) AS low, max(rowid) AS high FROM roster_staging WHERE run_id = ${runId}`);
  for (let low = range!.low ?? 1; range!.high !== null && low <= range!.high; low += CLASSIFY_CHUNK_ROWS) {
    await db.run(sql`
      UPDATE roster_staging SET action = CASE
        WHEN NOT EXISTS (SELECT 1 FROM students s WHERE s.identifier_key = roster_staging.identifier_key) THEN 'new'
        WHEN EXISTS (SELECT 1 FROM students s WHERE s.identifier_key = roster_staging.identifier_key AND ${same}) THEN 'same'
        ELSE 'change' END
      WHERE run_id = ${runId} AND rowid BETWEEN ${low} AND ${low + CLASSIFY_CHUNK_ROWS - 1}`);
  }

  if (options.mode === "sync") {
    const [ids] = await db.all<{ high: number | null }>(sql`SELECT max(id) AS high FROM students`);
    for (let low = 1; ids!.high !== null && low <= ids!.high; low += CLASSIFY_CHUNK_ROWS) {
      await db.run(sql`
        INSERT INTO roster_staging (run_id, record, identifier, identifier_key, action)
        SELECT ${runId}, 0, s.identifier, s.identifier_key, 'disable' FROM students s
        WHERE s.id BETWEEN ${low} AND ${low + CLASSIFY_CHUNK_ROWS - 1} AND s.disabled = 0
          AND NOT EXISTS (SELECT 1 FROM roster_staging g WHERE g.run_id = ${runId} AND g.identifier_key = s.identifier_key)`);
    }
  }

  const rows = await db.all<{ action: string; total: number }>(sql`SELECT action, count(*) AS total FROM roster_staging WHERE run_id = ${runId} GROUP BY action`);
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

/**
 * Applies classified staged rows in one transaction that takes the write lock
 * at its start: new students are added, changed ones updated, enrollments
 * replaced, and in `sync` mode missing students disabled. Fields the file
 * lacks keep their stored values. Every statement selects through the partial
 * index on rows that are not `same`, so unchanged rows cost nothing here.
 */
export async function mergeStagedRoster(
  db: Database,
  runId: string,
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
        SELECT identifier_key, ${list}, ${options.now}, ${options.now} FROM roster_staging
        WHERE run_id = ${runId} AND action <> 'same' AND ${written}
        ON CONFLICT (identifier_key) ${conflict}`);

      if (options.mode === "sync") {
        await tx.run(sql`
          UPDATE students SET disabled = 1, updated_at = ${options.now}
          WHERE disabled = 0 AND identifier_key IN (SELECT identifier_key FROM roster_staging WHERE run_id = ${runId} AND action <> 'same' AND action = 'disable')`);
      }

      if (options.present.exams) await replaceEnrollments(tx as unknown as Database, runId, addMode);
      await writeState(tx as unknown as Database, STATE_KEYS.lastImport, JSON.stringify({ at: options.now, summary: options.summary(counts) }), options.now);
    },
    { behavior: "immediate" },
  );
}

/** Sets the exams of every student in the file to the exams column's list; in `add` mode only for new students. */
async function replaceEnrollments(db: Database, runId: string, addMode: boolean): Promise<void> {
  const listed = addMode ? sql`g.action = 'new'` : sql`g.action IN ('new', 'change', 'same')`;
  await db.run(sql`
    DELETE FROM enrollments WHERE student_id IN (
      SELECT s.id FROM roster_staging g JOIN students s ON s.identifier_key = g.identifier_key
      WHERE g.run_id = ${runId} AND g.exams IS NOT NULL AND ${listed})`);
  await db.run(sql`
    INSERT OR IGNORE INTO enrollments (exam_id, student_id)
    SELECT j.value, s.id FROM roster_staging g JOIN students s ON s.identifier_key = g.identifier_key, json_each(g.exams) j
    WHERE g.run_id = ${runId} AND g.exams IS NOT NULL AND ${listed}`);
}
