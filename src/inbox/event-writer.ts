import type { Client, InStatement } from "@libsql/client";
import type { events } from "../db/schema";
import type { Logger } from "../log/logger";
import { isBusyError } from "../db/busy-retry";

export type EventRow = typeof events.$inferInsert;

export interface StoredNotification {
  id: number;
  /** False when the same notification was already stored and this delivery only counted. */
  created: boolean;
}

export interface EventWriterOptions {
  /** Downstream URLs; each new event gets one outbox row per URL in the same transaction. */
  forwardUrls: string[];
  /** How long after receipt a delivery keeps being retried. */
  forwardGiveUpMs: number;
  logger: Logger;
  /** Called after each commit that stored at least one new event, so the forwarder can start at once. */
  onNewEvents?: () => void;
  /** Maximum number of events in one transaction. */
  maxBatch?: number;
}

export interface EventWriter {
  /** Resolves once the event is committed. Only then may the webhook send its 2xx response. */
  store(row: EventRow): Promise<StoredNotification>;
  /** Waits until every event handed to `store` so far is committed or has failed. */
  drain(): Promise<void>;
}

interface QueuedEvent {
  row: EventRow;
  resolve(stored: StoredNotification): void;
  reject(error: unknown): void;
}

const DEFAULT_MAX_BATCH = 256;

/**
 * Group commit for notifications over `client`, which is expected to wait
 * out a locked database (see retryingClient). Events that arrive while a commit is in
 * flight are queued and written together in the next transaction, so a
 * burst costs one disk sync per batch instead of one per event. Each caller's
 * promise settles only after the transaction holding its event has
 * committed (or failed), never before.
 */
export function createEventWriter(client: Client, options: EventWriterOptions): EventWriter {
  const maxBatch = options.maxBatch ?? DEFAULT_MAX_BATCH;
  const fileDatabase = client.protocol === "file";
  let queue: QueuedEvent[] = [];
  let flushing: Promise<void> | undefined;

  async function commitBatch(batch: QueuedEvent[]): Promise<StoredNotification[]> {
    // Copies of one notification in the same batch become one row whose count starts at the number of copies.
    const copies = new Map<string, number>();
    const uniqueRows: EventRow[] = [];
    for (const { row } of batch) {
      const seen = copies.get(row.dedupeKey);
      if (seen === undefined) uniqueRows.push(row);
      copies.set(row.dedupeKey, (seen ?? 0) + 1);
    }

    const statements = [upsertStatement(uniqueRows, copies)];
    if (options.forwardUrls.length > 0) statements.push(outboxStatement(copies, options));
    // Per connection, and the pool may have replaced the connection since the last commit.
    if (fileDatabase) await client.execute("PRAGMA synchronous = FULL");
    const [upserted] = await client.batch(statements, "write");

    // A row was inserted by this batch exactly when its count equals the copies in the batch.
    const storedByKey = new Map(
      upserted!.rows.map((row) => [String(row.dedupe_key), { id: Number(row.id), inserted: Number(row.deliveries) === copies.get(String(row.dedupe_key)) }]),
    );
    const answered = new Set<string>();
    return batch.map(({ row }) => {
      const stored = storedByKey.get(row.dedupeKey)!;
      const created = stored.inserted && !answered.has(row.dedupeKey);
      answered.add(row.dedupeKey);
      return { id: stored.id, created };
    });
  }

  async function commitOrSplit(batch: QueuedEvent[]): Promise<void> {
    try {
      const stored = await commitBatch(batch);
      batch.forEach((queued, index) => queued.resolve(stored[index]!));
      if (stored.some((event) => event.created)) options.onNewEvents?.();
    } catch (error) {
      // One faulty event must not fail the others in its batch: write them one by one.
      if (batch.length > 1 && !isBusyError(error)) {
        options.logger.warn("group commit failed; storing its events one by one", { events: batch.length, error: error as Error });
        for (const queued of batch) await commitOrSplit([queued]);
        return;
      }
      for (const queued of batch) queued.reject(error);
    }
  }

  async function flush(): Promise<void> {
    // Let every request that is already readable join the first batch.
    await new Promise<void>((resolve) => setImmediate(resolve));
    while (queue.length > 0) {
      const batch = queue.slice(0, maxBatch);
      queue = queue.slice(batch.length);
      await commitOrSplit(batch);
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    flushing = undefined;
  }

  return {
    store(row) {
      return new Promise<StoredNotification>((resolve, reject) => {
        queue.push({ row, resolve, reject });
        flushing ??= flush();
      });
    },
    async drain() {
      while (flushing) await flushing;
    },
  };
}

/**
 * Builds one multi-row upsert for the whole batch. The driver prepares every
 * statement anew, so one statement costs far less than one per event. A
 * repeat adds its copies to `deliveries`.
 */
function upsertStatement(rows: EventRow[], copies: Map<string, number>): InStatement {
  return {
    sql: `INSERT INTO events (dedupe_key, type, exam_id, respondent_id, admitted_on, body, received_at, deliveries)
          VALUES ${rows.map(() => "(?, ?, ?, ?, ?, ?, ?, ?)").join(", ")}
          ON CONFLICT (dedupe_key) DO UPDATE SET deliveries = deliveries + excluded.deliveries
          RETURNING id, dedupe_key, deliveries`,
    args: rows.flatMap((row) => [
      row.dedupeKey,
      row.type,
      row.examId ?? null,
      row.respondentId ?? null,
      row.admittedOn ?? null,
      row.body,
      row.receivedAt,
      copies.get(row.dedupeKey)!,
    ]),
  };
}

/**
 * Builds the insert of one outbox row per downstream URL for each event that
 * this batch created. It runs after the upsert in the same transaction, and an
 * event is new exactly when its count equals its copies in the batch, so a
 * repeat of a stored event is never forwarded again.
 */
function outboxStatement(copies: Map<string, number>, options: EventWriterOptions): InStatement {
  // "WHERE true" keeps SQLite from reading ON CONFLICT as the join's ON clause.
  return {
    sql: `INSERT INTO forward_deliveries (event_id, url, next_attempt_at, give_up_at, created_at)
          SELECT e.id, u.value, e.received_at, e.received_at + ?, e.received_at
          FROM json_each(?) AS k
          JOIN events AS e ON e.dedupe_key = k.value ->> 0 AND e.deliveries = k.value ->> 1
          JOIN json_each(?) AS u
          WHERE true
          ON CONFLICT (event_id, url) DO NOTHING`,
    args: [options.forwardGiveUpMs, JSON.stringify([...copies]), JSON.stringify(options.forwardUrls)],
  };
}
