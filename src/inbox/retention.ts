import type { Client } from "@libsql/client";

const DAY_MS = 86_400_000;
// Small chunks keep each write transaction short, so notifications arriving meanwhile wait only briefly.
const CHUNK = 500;

/**
 * Removes events received more than `keepDays` days before `now`, with their
 * finished deliveries. An event with a delivery still pending is kept until
 * that delivery is delivered or has failed. Returns how many events were removed.
 */
export async function removeExpiredEvents(client: Client, options: { now: number; keepDays: number }): Promise<number> {
  if (options.keepDays <= 0) return 0;
  const cutoff = options.now - options.keepDays * DAY_MS;
  // Both statements pick the same chunk: the oldest expired events without a pending delivery.
  const expiredChunk = `SELECT id FROM events
    WHERE received_at < ? AND NOT EXISTS (SELECT 1 FROM forward_deliveries d WHERE d.event_id = events.id AND d.status = 'pending')
    ORDER BY id LIMIT ${CHUNK}`;

  let removed = 0;
  for (;;) {
    const [, deletedEvents] = await client.batch(
      [
        { sql: `DELETE FROM forward_deliveries WHERE event_id IN (${expiredChunk})`, args: [cutoff] },
        { sql: `DELETE FROM events WHERE id IN (${expiredChunk})`, args: [cutoff] },
      ],
      "write",
    );
    removed += deletedEvents!.rowsAffected;
    if (deletedEvents!.rowsAffected < CHUNK) return removed;
  }
}
