import { count } from "drizzle-orm";
import type { Database } from "../../src/db/client";
import { events, students, verifications } from "../../src/db/schema";

/** Row counts of the tables a webhook request may write, for "nothing changed" after-checks. */
export async function webhookRowCounts(db: Database) {
  const [eventRows] = await db.select({ total: count() }).from(events);
  const [verificationRows] = await db.select({ total: count() }).from(verifications);
  const [studentRows] = await db.select({ total: count() }).from(students);
  return { events: eventRows!.total, verifications: verificationRows!.total, students: studentRows!.total };
}
