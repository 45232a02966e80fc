import type { Client, InValue } from "@libsql/client";
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

/** Rows per INSERT: 9 values each stays well below SQLite's limit of bound parameters per statement. */
const MAX_BATCH = 500;

/** How long a recorded row may wait for others to share its INSERT. */
export const BATCH_DELAY_MS = 20;

const COLUMNS = "at, exam_id, identifier_typed, identifier_key, student_id, outcome, reason, lang, latency_ms";
const ROW_PLACEHOLDERS = "(?, ?, ?, ?, ?, ?, ?, ?, ?)";

/**
 * Writes audit rows in batches: rows recorded within `BATCH_DELAY_MS` go into
 * one INSERT. Under a rush this turns one commit per request into one per
 * batch, and a response never waits for the disk. The price is that rows still
 * queued are lost if the process is killed; a normal stop writes them first.
 * The statement is plain SQL rather than a query builder because building it
 * was a large part of each request's cost.
 */
export function createAuditWriter(client: Client, logger: Logger, options: AuditWriterOptions): AuditWriter {
  let pending: VerificationRecord[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  let writing: Promise<void> = Promise.resolve();

  async function writeBatch(batch: VerificationRecord[]): Promise<void> {
    // The setting belongs to the connection, and the client may have moved to a fresh one after a busy error.
    if (options.relaxedDurability) await client.execute("PRAGMA synchronous = NORMAL");
    const args: InValue[] = [];
    for (const row of batch) {
      args.push(row.at, row.examId ?? null, row.identifierTyped ?? null, row.identifierKey ?? null, row.studentId ?? null);
      args.push(row.outcome, row.reason ?? null, row.lang ?? null, row.latencyMs);
    }
    const values = new Array<string>(batch.length).fill(ROW_PLACEHOLDERS).join(", ");
    await client.execute({ sql: `INSERT INTO verifications (${COLUMNS}) VALUES ${values}`, args });
  }

  async function writeQueued(): Promise<void> {
    while (pending.length > 0) {
      const batch = pending.slice(0, MAX_BATCH);
      pending = pending.slice(batch.length);
      try {
        await writeBatch(batch);
      } catch (error) {
        logger.error("audit write failed", { rows: batch.length, error: error as Error });
      }
    }
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
