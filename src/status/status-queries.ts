import { desc, eq } from "drizzle-orm";
import type { Database } from "../db/client";
import { appState, events, verifications } from "../db/schema";

export async function recentVerifications(db: Database, limit: number) {
  return db.select().from(verifications).orderBy(desc(verifications.at), desc(verifications.id)).limit(limit);
}

export async function recentNotifications(db: Database, limit: number) {
  return db
    .select({
      id: events.id,
      type: events.type,
      examId: events.examId,
      respondentId: events.respondentId,
      receivedAt: events.receivedAt,
      deliveries: events.deliveries,
    })
    .from(events)
    .orderBy(desc(events.receivedAt), desc(events.id))
    .limit(limit);
}

/** Facts stored in `app_state` under these keys. */
export const STATE_KEYS = { lastImport: "last_import" } as const;

export async function readState(db: Database, key: string): Promise<string | undefined> {
  const row = await db.query.appState.findFirst({ where: eq(appState.key, key) });
  return row?.value;
}

export async function writeState(db: Database, key: string, value: string, now: number): Promise<void> {
  await db
    .insert(appState)
    .values({ key, value, updatedAt: now })
    .onConflictDoUpdate({ target: appState.key, set: { value, updatedAt: now } });
}
