import { eq } from "drizzle-orm";
import type { Database } from "../db/client";
import { students } from "../db/schema";
import { STATE_KEYS, writeState } from "../status/status-queries";
import { parseTypedDate } from "./date-of-birth";
import { identifierKey } from "./identifier";
import type { RosterRow, RowProblem } from "./roster-rows";
import { hashSecret, isPrecomputedHash, verifySecret, type Argon2Settings } from "./secrets";

export interface ImportOptions {
  dryRun: boolean;
  identifierCaseSensitive: boolean;
  argon2: Argon2Settings;
  now: () => number;
  /** Called after each secret is hashed, for progress output. */
  onHashed?: (done: number, total: number) => void;
}

export interface ImportReport {
  added: number;
  updated: number;
  unchanged: number;
  skipped: number;
  problems: RowProblem[];
  dryRun: boolean;
}

type StudentValues = Omit<typeof students.$inferInsert, "id" | "createdAt">;

/**
 * Imports parsed roster rows in one transaction: new identifiers are added,
 * known ones updated in place. Identifiers that fold to the same key within
 * the file are a problem naming both records, and any problem means nothing
 * is written. Plain secrets are hashed with argon2id before the transaction
 * starts, so the database is locked only for the writes.
 */
export async function importRoster(db: Database, rows: RosterRow[], skipped: number, options: ImportOptions): Promise<ImportReport> {
  const report: ImportReport = { added: 0, updated: 0, unchanged: 0, skipped, problems: [], dryRun: options.dryRun };

  const firstRecordByKey = new Map<string, number>();
  for (const row of rows) {
    const key = identifierKey(row.identifier, options.identifierCaseSensitive);
    const earlier = firstRecordByKey.get(key);
    if (earlier !== undefined) {
      report.problems.push({ record: row.record, column: "identifier", code: "duplicate_identifier", detail: String(earlier) });
    } else {
      firstRecordByKey.set(key, row.record);
    }
  }
  for (const row of rows) {
    if (row.secretKind === "date" && row.secret !== undefined && !isPrecomputedHash(row.secret) && !parseTypedDate(row.secret)) {
      report.problems.push({ record: row.record, column: "secret", code: "invalid_date", detail: row.secret });
    }
  }
  if (report.problems.length > 0) return report;

  let hashed = 0;
  const onSecretReady = () => options.onHashed?.(++hashed, rows.length);
  const values = await Promise.all(rows.map((row) => studentValues(db, row, options, onSecretReady)));

  await db.transaction(async (tx) => {
    for (const value of values) {
      const existing = await tx.query.students.findFirst({ where: eq(students.identifierKey, value.identifierKey) });
      if (!existing) {
        report.added += 1;
        if (!options.dryRun) await tx.insert(students).values(value);
        continue;
      }

      if (sameStudent(existing, value)) {
        report.unchanged += 1;
        continue;
      }
      report.updated += 1;
      if (!options.dryRun) await tx.update(students).set(value).where(eq(students.id, existing.id));
    }

    if (!options.dryRun) {
      const summary = `+${report.added} ~${report.updated} =${report.unchanged}`;
      await writeState(tx as unknown as Database, STATE_KEYS.lastImport, JSON.stringify({ at: options.now(), summary }), options.now());
    }
  });

  return report;
}

async function studentValues(db: Database, row: RosterRow, options: ImportOptions, onSecretReady: () => void): Promise<StudentValues> {
  const key = identifierKey(row.identifier, options.identifierCaseSensitive);
  let secretHash: string | null = null;
  if (row.secret !== undefined) {
    const secret = row.secretKind === "date" ? (parseTypedDate(row.secret) ?? row.secret) : row.secret;
    secretHash = await secretHashFor(db, key, secret, options.argon2);
    onSecretReady();
  }
  return {
    identifier: row.identifier,
    identifierKey: key,
    emailKey: row.email ? identifierKey(row.email) : null,
    secretHash,
    secretKind: row.secretKind ?? "text",
    name: row.name ?? null,
    email: row.email ?? null,
    photo: row.photo ?? null,
    about: row.about ?? null,
    data: Object.keys(row.data).length > 0 ? JSON.stringify(row.data) : null,
    disabled: false,
    updatedAt: options.now(),
  };
}

/**
 * A hash made by another system is stored as it is. A plain secret that the
 * stored hash already matches keeps that hash, so re-importing the same file
 * reports students as unchanged; otherwise the secret is hashed anew.
 */
async function secretHashFor(db: Database, key: string, secret: string, argon2: Argon2Settings): Promise<string> {
  if (isPrecomputedHash(secret)) return secret;
  const existing = await db.query.students.findFirst({ where: eq(students.identifierKey, key), columns: { secretHash: true } });
  if (existing?.secretHash && (await verifySecret(secret, existing.secretHash))) return existing.secretHash;
  return hashSecret(secret, argon2);
}

/** Whether a stored student already matches the file. */
function sameStudent(existing: typeof students.$inferSelect, value: StudentValues): boolean {
  return (
    existing.identifier === value.identifier &&
    existing.emailKey === value.emailKey &&
    existing.secretHash === value.secretHash &&
    existing.secretKind === value.secretKind &&
    existing.name === value.name &&
    existing.email === value.email &&
    existing.photo === value.photo &&
    existing.about === value.about &&
    existing.data === value.data &&
    existing.disabled === value.disabled
  );
}
