import { sql } from "drizzle-orm";
import type { Database } from "../db/client";
import { parseTypedDate } from "./date-of-birth";
import { identifierKey } from "./identifier";
import type { RecordOutcome, RosterRow, RowProblem } from "./roster-rows";
import {
  acquireImportLock,
  classifyStagedRows,
  closeStaging,
  openStaging,
  mergeStagedRoster,
  releaseImportLock,
  stagedRecordsByKey,
  stageRows,
  storedHashesByKey,
  type Staging,
  type StagedRow,
  type ImportMode,
  type MergeCounts,
  type PresentFields,
  stagedDisableExamples,
} from "./roster-staging";
import { hashSecret, isPrecomputedHash, verifySecret, type Argon2Settings } from "./secrets";

export type { ImportMode, PresentFields } from "./roster-staging";

export interface ImportOptions {
  mode: ImportMode;
  dryRun: boolean;
  identifierCaseSensitive: boolean;
  argon2: Argon2Settings;
  present: PresentFields;
  now: () => number;
  /** Called after each staged batch and each hashed secret, for progress output; `rows` counts the rows read. */
  onProgress?: (progress: { rows: number; hashed: number }) => void;
  /** Called once before the final merge transaction starts. */
  onMerge?: () => void;
  /** How many staged rows the report shows as they will be stored; 0 for none. */
  previewRows?: number;
}

/** One staged row as it will be stored, with the secret shown only as what kind of hash it is. */
export interface PreviewRow {
  record: number;
  identifier: string;
  name: string | null;
  email: string | null;
  photo: string | null;
  about: string | null;
  secret: "none" | "argon2" | "bcrypt";
  secretKind: "text" | "date";
  data: string | null;
  exams: string | null;
  disabled: boolean;
}

export interface ImportReport extends MergeCounts {
  /** Blank records, delimiter-only records, non-student OneRoster users, and in `add` mode students already stored. */
  skipped: number;
  /** Records with at least one problem; any problem means nothing is stored. */
  rejected: number;
  /** The first MAX_REPORTED_PROBLEMS problems. */
  problems: RowProblem[];
  problemCount: number;
  hashed: number;
  /** Rows whose secret cell is empty in a file that has a secret column: those students are verified by identifier alone. */
  withoutSecret: number;
  /** The first identifiers counted in `withoutSecret`, for the report. */
  withoutSecretExamples: string[];
  /** The first identifiers a `sync` run disables (or would, in a dry run). */
  disabledExamples: string[];
  /** Wall-clock seconds spent in batches that hashed at least one plain secret. */
  hashSeconds: number;
  dryRun: boolean;
  preview: PreviewRow[];
  /** Set when another import holds the lock; nothing was read or stored. */
  lockedBy?: { pid: number; host: string; at: number };
}

/** Identifiers named in the report's warnings about empty secret cells and disabled students. */
const MAX_SECRETLESS_EXAMPLES = 10;
/** Rows staged per short write transaction; 13 columns each, well under SQLite's limits. */
const BATCH_ROWS = 2000;
/** Problems kept for the report; further ones are only counted, so memory stays flat for any file. */
export const MAX_REPORTED_PROBLEMS = 200;
/** Secrets hashed at once: enough to keep every thread of Bun's pool busy between batches. */
const HASH_CONCURRENCY = Math.max(2, navigator.hardwareConcurrency * 2);

/**
 * Imports a roster from a stream of parsed records. Rows are checked and their
 * secrets hashed as they arrive, then written to a staging table in short
 * transactions, so memory does not grow with the file and a running server
 * keeps its database. Only a file without problems is merged, in one final
 * transaction: killing the process before it commits leaves the roster as it was.
 */
export async function importRoster(db: Database, outcomes: AsyncIterable<RecordOutcome> | Iterable<RecordOutcome>, options: ImportOptions): Promise<ImportReport> {
  const report: ImportReport = {
    added: 0,
    updated: 0,
    unchanged: 0,
    existingSkipped: 0,
    disabled: 0,
    skipped: 0,
    rejected: 0,
    problems: [],
    problemCount: 0,
    hashed: 0,
    withoutSecret: 0,
    withoutSecretExamples: [],
    disabledExamples: [],
    hashSeconds: 0,
    dryRun: options.dryRun,
    preview: [],
  };
  // Short, because it is repeated in every staged row and its primary key.
  const runId = crypto.randomUUID().slice(0, 8);
  const lock = await acquireImportLock(db, runId, options.now());
  if (!lock.ok) {
    report.lockedBy = lock.holder;
    return report;
  }

  // Staged rows need not survive a power cut, since an import that did not commit is deleted anyway.
  await db.run(sql`PRAGMA synchronous = NORMAL`);
  const staging = await openStaging(db, runId);
  try {
    let rows = 0;
    let batch: RosterRow[] = [];
    const flush = async () => {
      const read = rows + batch.length;
      await stageBatch(db, staging, batch, options, report, () => options.onProgress?.({ rows: read, hashed: report.hashed }));
      rows += batch.length;
      batch = [];
      options.onProgress?.({ rows, hashed: report.hashed });
    };

    for await (const outcome of outcomes) {
      if (outcome.kind === "skip") report.skipped += 1;
      else if (outcome.kind === "problems") addProblems(report, outcome.problems);
      else batch.push(outcome.row);
      if (batch.length >= BATCH_ROWS) await flush();
    }
    if (batch.length > 0) await flush();
    if (report.problemCount > 0) return report;

    const counts = await classifyStagedRows(db, staging, { mode: options.mode, present: options.present });
    if (counts.disabled > 0) report.disabledExamples = await stagedDisableExamples(db, staging, MAX_SECRETLESS_EXAMPLES);
    Object.assign(report, counts);
    report.skipped += counts.existingSkipped;
    if (options.previewRows) report.preview = await previewStagedRows(db, staging, options.previewRows);
    if (options.dryRun) return report;

    const summary = (merged: MergeCounts) => `+${merged.added} ~${merged.updated} =${merged.unchanged} -${merged.disabled}`;
    await db.run(sql`PRAGMA synchronous = FULL`);
    options.onMerge?.();
    await mergeStagedRoster(db, staging, counts, { mode: options.mode, present: options.present, now: options.now(), summary });
    return report;
  } finally {
    await closeStaging(db, staging);
    await releaseImportLock(db, runId);
  }
}

function addProblems(report: ImportReport, problems: RowProblem[]) {
  const records = new Set(problems.map((problem) => problem.record));
  report.rejected += records.size;
  report.problemCount += problems.length;
  for (const problem of problems) if (report.problems.length < MAX_REPORTED_PROBLEMS) report.problems.push(problem);
}

/**
 * Checks one batch for identifiers already seen in the file and for invalid
 * dates, hashes its plain secrets, and stages it. Once the file has a problem
 * nothing will be stored, so secrets are no longer hashed. Rows are still
 * staged so that later duplicates are found.
 */
async function stageBatch(db: Database, staging: Staging, rows: RosterRow[], options: ImportOptions, report: ImportReport, onHashed: () => void) {
  const keyed = rows.map((row) => ({ row, key: identifierKey(row.identifier, options.identifierCaseSensitive) }));
  const earlier = await stagedRecordsByKey(db, staging, [...new Set(keyed.map((item) => item.key))]);

  const unique: typeof keyed = [];
  for (const item of keyed) {
    const first = earlier.get(item.key);
    if (first !== undefined) {
      addProblems(report, [{ record: item.row.record, column: "identifier", code: "duplicate_identifier", detail: String(first) }]);
      continue;
    }
    earlier.set(item.key, item.row.record);
    const secret = item.row.secret;
    if (secret === undefined && options.present.secret) {
      report.withoutSecret += 1;
      if (report.withoutSecretExamples.length < MAX_SECRETLESS_EXAMPLES) report.withoutSecretExamples.push(item.row.identifier);
    }
    if (item.row.secretKind === "date" && secret !== undefined && !isPrecomputedHash(secret) && !parseTypedDate(secret)) {
      addProblems(report, [{ record: item.row.record, column: "secret", code: "invalid_date", detail: secret }]);
    }
    unique.push(item);
  }
  if (unique.length === 0) return;

  const hashing = report.problemCount === 0;
  const storedHashes = hashing ? await storedHashesByKey(db, unique.filter((item) => item.row.secret !== undefined).map((item) => item.key)) : new Map<string, string>();
  const hashedBefore = report.hashed;
  const started = performance.now();
  const values = await mapConcurrently(unique, HASH_CONCURRENCY, async ({ row, key }) => {
    const secretHash = hashing ? await secretHashFor(row, storedHashes.get(key), options.argon2) : null;
    if (secretHash && row.secret !== undefined && !isPrecomputedHash(row.secret)) {
      report.hashed += 1;
      onHashed();
    }
    return stagedValues(row, key, secretHash);
  });
  if (report.hashed > hashedBefore) report.hashSeconds += (performance.now() - started) / 1000;

  await stageRows(db, staging, values);
}

function stagedValues(row: RosterRow, key: string, secretHash: string | null): StagedRow {
  return {
    record: row.record,
    identifier: row.identifier.normalize("NFC"),
    identifierKey: key,
    emailKey: row.email ? identifierKey(row.email) : null,
    secretHash,
    secretKind: row.secretKind ?? "text",
    name: row.name ?? null,
    email: row.email ?? null,
    photo: row.photo ?? null,
    about: row.about ?? null,
    data: Object.keys(row.data).length > 0 ? JSON.stringify(row.data) : null,
    disabled: row.disabled ?? false,
    exams: row.exams === undefined ? null : JSON.stringify(row.exams),
  };
}

/**
 * A hash made by another system is stored as it is. A plain secret that the
 * stored hash already matches keeps that hash, so re-importing the same file
 * reports students as unchanged. Any other secret is hashed anew.
 */
async function secretHashFor(row: RosterRow, storedHash: string | undefined, argon2: Argon2Settings): Promise<string | null> {
  if (row.secret === undefined) return null;
  if (isPrecomputedHash(row.secret)) return row.secret;
  const secret = row.secretKind === "date" ? (parseTypedDate(row.secret) ?? row.secret) : row.secret;
  if (storedHash && (await verifySecret(secret, storedHash))) return storedHash;
  return hashSecret(secret, argon2);
}

/** Maps items with at most `limit` promises pending, keeping the order of the input. */
async function mapConcurrently<T, R>(items: T[], limit: number, map: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await map(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

async function previewStagedRows(db: Database, staging: Staging, limit: number): Promise<PreviewRow[]> {
  const rows = await db.all<{
    record: number;
    identifier: string;
    name: string | null;
    email: string | null;
    photo: string | null;
    about: string | null;
    secret_hash: string | null;
    secret_kind: "text" | "date";
    data: string | null;
    exams: string | null;
    disabled: number;
  }>(sql`SELECT record, identifier, name, email, photo, about, secret_hash, secret_kind, data, exams, disabled FROM ${staging.table} WHERE run_id = ${staging.runId} AND record > 0 ORDER BY record LIMIT ${limit}`);
  return rows.map((row) => ({
    record: row.record,
    identifier: row.identifier,
    name: row.name,
    email: row.email,
    photo: row.photo,
    about: row.about,
    secret: hashKind(row.secret_hash),
    secretKind: row.secret_kind,
    data: row.data,
    exams: row.exams,
    disabled: row.disabled === 1,
  }));
}

function hashKind(hash: string | null): PreviewRow["secret"] {
  if (!hash) return "none";
  return hash.startsWith("$2") ? "bcrypt" : "argon2";
}
