import type { Client } from "@libsql/client";
import type { verifications } from "../db/schema";
import type { Logger } from "../log/logger";

export type VerificationRecord = typeof verifications.$inferInsert;

export interface AuditWriter {
  /** Queues one attempt; it is written within `BATCH_DELAY_MS`. A failed write is logged, never thrown. */
  record(row: VerificationRecord): void;
  /** Writes every queued row now and resolves once they are stored (or their failure logged). */
  flush(): Promise<void>;
}

export interface AuditWriterOptions {
  /**
   * Commit without waiting for the disk (`PRAGMA synchronous = NORMAL` on a
   * connection of its own). A committed row then survives a crash of the
   * process but not a power cut in the following moment; the audit trades that
   * for a rush that is not held up by one disk flush per batch.
   */
  relaxedDurability: boolean;
}

/** Rows per INSERT, so that one statement never holds the write lock for long. */
const MAX_BATCH = 1000;

/** How long a recorded row may wait for others to share its INSERT. */
export const BATCH_DELAY_MS = 20;

/**
 * One short statement for any number of rows: the batch travels as one JSON
 * array of arrays, so the statement text never changes and costs little to
 * prepare, where a VALUES list as long as the batch cost as much to parse as
 * to run.
 */
const INSERT_BATCH = `INSERT INTO verifications (at, exam_id, identifier_typed, identifier_key, student_id, outcome, reason, lang, latency_ms)
  SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5, value ->> 6, value ->> 7, value ->> 8
  FROM json_each(?)`;

/**
 * Writes audit rows in batches: rows recorded within `BATCH_DELAY_MS` go into
 * one INSERT. Under a rush this turns one commit per request into one per
 * batch, and a response never waits for the disk. The price is that rows still
 * queued are lost if the process is killed; a normal stop writes them first.
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

  /** After a failed batch, stores each row alone, so that a row the database refuses costs only itself. */
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
 * Text typed by the student, made safe for the JSON batch: lone UTF-16
 * surrogates and NUL characters (SQLite's JSON functions cut text at a NUL)
 * become U+FFFD.
 */
function wellFormed(text: string | null | undefined): string | null {
  if (text == null) return null;
  if (!MAY_NEED_REPLACING.test(text)) return text;
  return text.toWellFormed().replaceAll("\u0000", "\ufffd");
}

/** A NUL or any UTF-16 surrogate (emoji included): only then is the slower replacement run. */
const MAY_NEED_REPLACING = /[\u0000\ud800-\udfff]/;
