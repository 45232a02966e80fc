import type { Client } from "@libsql/client";
import { and, count, eq, inArray, sql } from "drizzle-orm";
import type { Database } from "../db/client";
import { events, forwardDeliveries } from "../db/schema";

/** One delivery claimed for sending, with the event it carries. */
export interface ClaimedDelivery {
  id: number;
  eventId: number;
  url: string;
  attempts: number;
  giveUpAt: number;
  eventType: string;
  eventBody: string;
  eventReceivedAt: number;
  dedupeKey: string;
}

/**
 * Claims up to `limit` due deliveries by moving their next attempt to
 * `leaseUntil`, in one statement, so two servers sharing a database never
 * send the same delivery at the same moment. A delivery whose sender dies
 * before recording the outcome becomes due again when the lease ends.
 */
export async function claimDueDeliveries(
  client: Client,
  options: { urls: string[]; now: number; leaseUntil: number; limit: number },
): Promise<ClaimedDelivery[]> {
  if (options.urls.length === 0) return [];
  const claimed = await client.execute({
    sql: `UPDATE forward_deliveries SET next_attempt_at = ?
          WHERE id IN (SELECT id FROM forward_deliveries
                       WHERE status = 'pending' AND next_attempt_at <= ? AND url IN (${placeholders(options.urls)})
                       ORDER BY next_attempt_at, id LIMIT ?)
          RETURNING id, event_id, url, attempts, give_up_at`,
    args: [options.leaseUntil, options.now, ...options.urls, options.limit],
  });
  if (claimed.rows.length === 0) return [];

  const eventIds = [...new Set(claimed.rows.map((row) => Number(row.event_id)))];
  const eventRows = await client.execute({
    sql: `SELECT id, type, body, received_at, dedupe_key FROM events WHERE id IN (${placeholders(eventIds)})`,
    args: eventIds,
  });
  const eventsById = new Map(eventRows.rows.map((row) => [Number(row.id), row]));

  return claimed.rows.flatMap((row) => {
    const event = eventsById.get(Number(row.event_id));
    if (!event) return [];
    return [
      {
        id: Number(row.id),
        eventId: Number(row.event_id),
        url: String(row.url),
        attempts: Number(row.attempts),
        giveUpAt: Number(row.give_up_at),
        eventType: String(event.type),
        eventBody: String(event.body),
        eventReceivedAt: Number(event.received_at),
        dedupeKey: String(event.dedupe_key),
      },
    ];
  });
}

/** Epoch ms of the earliest pending delivery to one of `urls`, or undefined when none is pending. */
export async function nextDueTime(client: Client, urls: string[]): Promise<number | undefined> {
  if (urls.length === 0) return undefined;
  const result = await client.execute({
    sql: `SELECT MIN(next_attempt_at) AS due FROM forward_deliveries WHERE status = 'pending' AND url IN (${placeholders(urls)})`,
    args: urls,
  });
  const due = result.rows[0]?.due;
  return due === null || due === undefined ? undefined : Number(due);
}

export type AttemptOutcome =
  | { kind: "delivered"; at: number }
  | { kind: "retry"; at: number; error: string; nextAttemptAt: number }
  | { kind: "failed"; at: number; error: string };

export async function recordAttempt(client: Client, deliveryId: number, outcome: AttemptOutcome): Promise<void> {
  if (outcome.kind === "delivered") {
    await client.execute({
      sql: `UPDATE forward_deliveries SET status = 'delivered', attempts = attempts + 1, last_attempt_at = ?, delivered_at = ?, last_error = NULL WHERE id = ?`,
      args: [outcome.at, outcome.at, deliveryId],
    });
    return;
  }
  const status = outcome.kind === "failed" ? "failed" : "pending";
  const nextAttemptAt = outcome.kind === "retry" ? outcome.nextAttemptAt : outcome.at;
  await client.execute({
    sql: `UPDATE forward_deliveries SET status = ?, attempts = attempts + 1, last_attempt_at = ?, last_error = ?, next_attempt_at = ? WHERE id = ?`,
    args: [status, outcome.at, outcome.error, nextAttemptAt, deliveryId],
  });
}

/**
 * Marks pending deliveries to URLs that are no longer configured as failed,
 * because only configured URLs are ever called. Returns how many changed.
 */
export async function failUnconfiguredDeliveries(client: Client, urls: string[], now: number): Promise<number> {
  const result = await client.execute({
    sql: `UPDATE forward_deliveries SET status = 'failed', last_error = 'URL removed from MLANGO_FORWARD_URLS', last_attempt_at = ?
          WHERE status = 'pending'${urls.length > 0 ? ` AND url NOT IN (${placeholders(urls)})` : ""}`,
    args: [now, ...urls],
  });
  return result.rowsAffected;
}

/** Pending and failed deliveries, for monitoring: a growing count means a downstream system is not taking events. */
export async function countOutboxBacklog(db: Database): Promise<{ pending: number; failed: number }> {
  const rows = await db
    .select({ status: forwardDeliveries.status, total: count() })
    .from(forwardDeliveries)
    .where(inArray(forwardDeliveries.status, ["pending", "failed"]))
    .groupBy(forwardDeliveries.status);
  const backlog = { pending: 0, failed: 0 };
  for (const row of rows) backlog[row.status as "pending" | "failed"] = row.total;
  return backlog;
}

/**
 * Puts failed deliveries to configured URLs back in the queue, due now, with a fresh give-up
 * time and the backoff restarted. Optionally only those of one exam or one
 * event type. Returns how many were queued again.
 */
export async function retryFailedDeliveries(
  db: Database,
  options: { urls: string[]; now: number; giveUpMs: number; examId?: string; type?: string },
): Promise<number> {
  if (options.urls.length === 0) return 0;
  const eventFilter = [
    options.examId === undefined ? undefined : eq(events.examId, options.examId),
    options.type === undefined ? undefined : eq(events.type, options.type),
  ].filter((condition) => condition !== undefined);

  const matchingEvents = db.select({ id: events.id }).from(events).where(and(...eventFilter));
  const updated = await db
    .update(forwardDeliveries)
    .set({ status: "pending", attempts: 0, nextAttemptAt: options.now, giveUpAt: options.now + options.giveUpMs })
    .where(
      and(
        eq(forwardDeliveries.status, "failed"),
        inArray(forwardDeliveries.url, options.urls),
        eventFilter.length > 0 ? inArray(forwardDeliveries.eventId, matchingEvents) : sql`1 = 1`,
      ),
    )
    .returning({ id: forwardDeliveries.id });
  return updated.length;
}

function placeholders(values: unknown[]): string {
  return values.map(() => "?").join(",");
}
