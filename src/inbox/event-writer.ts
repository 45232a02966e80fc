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
    const statements = batch.flatMap((queued) => eventStatements(queued.row, options));
    const statementsPerEvent = statements.length / batch.length;

    // Per connection, and the pool may have replaced the connection since the last commit.
    if (fileDatabase) await client.execute("PRAGMA synchronous = FULL");
    const results = await client.batch(statements, "write");

    return batch.map((_, index) => {
      const row = results[index * statementsPerEvent]!.rows[0]!;
      return { id: Number(row.id), created: Number(row.deliveries) === 1 };
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
 * Builds the statements for one event: an upsert that counts repeats, then one
 * outbox row per downstream URL. The outbox insert only matches while
 * `deliveries = 1`, that is for the delivery that created the event, so a
 * repeat (even a second copy within the same batch) is not forwarded again.
 */
function eventStatements(row: EventRow, options: EventWriterOptions): InStatement[] {
  const upsert: InStatement = {
    sql: `INSERT INTO events (dedupe_key, type, exam_id, respondent_id, admitted_on, body, received_at)
          VALUES (?, ?, ?, ?, ?, ?, ?)
          ON CONFLICT (dedupe_key) DO UPDATE SET deliveries = deliveries + 1
          RETURNING id, deliveries`,
    args: [row.dedupeKey, row.type, row.examId ?? null, row.respondentId ?? null, row.admittedOn ?? null, row.body, row.receivedAt],
  };
  const outbox = options.forwardUrls.map(
    (url): InStatement => ({
      sql: `INSERT INTO forward_deliveries (event_id, url, next_attempt_at, give_up_at, created_at)
            SELECT id, ?, ?, ?, ? FROM events WHERE dedupe_key = ? AND deliveries = 1
            ON CONFLICT (event_id, url) DO NOTHING`,
      args: [url, row.receivedAt, row.receivedAt + options.forwardGiveUpMs, row.receivedAt, row.dedupeKey],
    }),
  );
  return [upsert, ...outbox];
}
