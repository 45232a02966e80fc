import type { Client } from "@libsql/client";
import type { verifications } from "../db/schema";
import type { Logger } from "../log/logger";

export type VerificationRecord = typeof verifications.$inferInsert;

export interface AuditWriter {
  /** Queues one attempt, which is written within `BATCH_DELAY_MS`. A failed write is logged instead of thrown. */
  record(row: VerificationRecord): void;
  /** Writes every queued row now and resolves once they are stored (or their failure logged). */
  flush(): Promise<void>;
}

export interface AuditWriterOptions {
  /**
   * Commit without waiting for the disk (`PRAGMA synchronous = NORMAL` on a
   * connection of its own). A committed row then survives a crash of the
   * process but not a power cut right after the commit. In exchange, a rush is
   * not held up by one disk flush per batch.
   */
  relaxedDurability: boolean;
}

/** Rows per INSERT, which keeps each statement's hold on the write lock to a few milliseconds. */
const MAX_BATCH = 1000;

/** How long a recorded row may wait for others to share its INSERT. */
export const BATCH_DELAY_MS = 20;

/**
 * One short statement for any number of rows. The batch is passed as one JSON
 * array of arrays, so the statement text stays the same and is cheap to
 * prepare. A VALUES list as long as the batch cost as much to parse as to run.
 */
const INSERT_BATCH = `INSERT INTO verifications (at, exam_id, identifier_typed, identifier_key, student_id, outcome, reason, lang, latency_ms)
  SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5, value ->> 6, value ->> 7, value ->> 8
  FROM json_each(?)`;

/**
 * Creates the audit writer. Rows recorded within `BATCH_DELAY_MS` go into one
 * INSERT, so a rush makes one commit per batch instead of one per request, and
 * responses do not wait for the disk. Rows still queued are lost if the process
 * is killed. A normal stop flushes them first.
 */
export function createAuditWriter(client: Client, logger: Logger, options: AuditWriterOptions): AuditWriter {
  let pending: VerificationRecord[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  let writing: Promise<void> = Promise.resolve();

  async function writeBatch(batch: VerificationRecord[]): Promise<void> {
    // The setting belongs to the connection, and the client may have moved to a fresh one after a busy error.
    if (options.relaxedDurability) await client.execute("PRAGMA synchronous = NORMAL");
    const rows = batch.map((row) => [
      row.at,
      wellFormed(row.examId),
      wellFormed(row.identifierTyped),
      wellFormed(row.identifierKey),
      row.studentId ?? null,
      row.outcome,
      row.reason ?? null,
      wellFormed(row.lang),
      row.latencyMs,
    ]);
    await client.execute({ sql: INSERT_BATCH, args: [JSON.stringify(rows)] });
  }

  async function writeQueued(): Promise<void> {
    while (pending.length > 0) {
      const batch = pending.slice(0, MAX_BATCH);
      pending = pending.slice(batch.length);
      try {
        await writeBatch(batch);
      } catch (error) {
        await writeOneByOne(batch, error);
      }
    }
  }

  /** After a failed batch, stores each row alone, so that a row the database rejects costs only itself. */
  async function writeOneByOne(batch: VerificationRecord[], batchError: unknown): Promise<void> {
    let failed = 0;
    let lastError = batchError;
    for (const row of batch) {
      try {
        await writeBatch([row]);
      } catch (error) {
        failed += 1;
        lastError = error;
      }
    }
    if (failed > 0) logger.error("audit write failed", { rows: failed, error: lastError as Error });
  }

  /** Writes run one after another, so rows are stored in the order they were recorded. */
  function startWrite(): Promise<void> {
    clearTimeout(timer);
    timer = undefined;
    writing = writing.then(writeQueued);
    return writing;
  }

  return {
    record(row) {
      pending.push(row);
      timer ??= setTimeout(startWrite, BATCH_DELAY_MS);
    },

    flush: startWrite,
  };
}

/**
 * Returns text typed by the student, made safe for the JSON batch. Lone UTF-16
 * surrogates and NUL characters become U+FFFD, because SQLite's JSON functions
 * cut text at a NUL.
 */
function wellFormed(text: string | null | undefined): string | null {
  if (text == null) return null;
  if (!MAY_NEED_REPLACING.test(text)) return text;
  return text.toWellFormed().replaceAll("\u0000", "\ufffd");
}

/** Pattern of a NUL or any UTF-16 surrogate (emoji included), the only text that needs the slower replacement. */
const MAY_NEED_REPLACING = /[\u0000\ud800-\udfff]/;
