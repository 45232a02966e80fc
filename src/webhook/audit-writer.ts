import type { Database } from "../db/client";
import { verifications } from "../db/schema";
import type { Logger } from "../log/logger";

export type VerificationRecord = typeof verifications.$inferInsert;

export interface AuditWriter {
  /** Stores one attempt; resolves once it is committed. Never rejects: a failed write is logged. */
  record(row: VerificationRecord): Promise<void>;
}

/** Rows per INSERT, well below SQLite's limit of bound parameters per statement. */
const MAX_BATCH = 500;

/**
 * Writes audit rows in group commits: rows recorded while a write is in
 * progress go into the next INSERT together. Under a rush this turns one
 * commit (and one fsync) per request into one per batch, while each request
 * still waits until its own row is stored.
 */
export function createAuditWriter(db: Database, logger: Logger): AuditWriter {
  let pending: { row: VerificationRecord; done: () => void }[] = [];
  let writing = false;

  async function writePending(): Promise<void> {
    writing = true;
    while (pending.length > 0) {
      const batch = pending.slice(0, MAX_BATCH);
      pending = pending.slice(batch.length);
      try {
        await db.insert(verifications).values(batch.map((entry) => entry.row));
      } catch (error) {
        logger.error("audit write failed", { rows: batch.length, error: error as Error });
      }
      for (const entry of batch) entry.done();
    }
    writing = false;
  }

  return {
    record(row) {
      return new Promise<void>((resolve) => {
        pending.push({ row, done: resolve });
        if (!writing) void writePending();
      });
    },
  };
}
