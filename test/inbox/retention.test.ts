import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { asc } from "drizzle-orm";
import { events, forwardDeliveries } from "../../src/db/schema";
import { silentLogger } from "../../src/log/logger";
import { startServer, type RunningServer } from "../../src/server";
import { notificationRow } from "../../src/webhook/notification-row";
import { createTempDatabase, testSettings } from "../support/test-server";

const DAY = 86_400_000;
const NOW = Date.now();
// Never called: the one pending delivery to it is not due until tomorrow.
const UNUSED_URL = "http://127.0.0.1:9/unused";

let database: Awaited<ReturnType<typeof createTempDatabase>>;
let server: RunningServer;

async function seedEvent(respondentId: string, ageDays: number, delivery?: "pending" | "delivered" | "failed") {
  const raw = JSON.stringify({ event: "result_ready", respondent_id: respondentId, exam_id: "exam-retention" });
  const row = notificationRow(JSON.parse(raw), raw, NOW - ageDays * DAY);
  if (!row.ok) throw new Error("seed body rejected");
  const [stored] = await database.db.insert(events).values(row.row).returning({ id: events.id });
  if (delivery) {
    await database.db.insert(forwardDeliveries).values({
      eventId: stored!.id,
      url: UNUSED_URL,
      status: delivery,
      nextAttemptAt: NOW + DAY,
      giveUpAt: NOW + 2 * DAY,
      createdAt: NOW - ageDays * DAY,
    });
  }
}

beforeAll(async () => {
  database = await createTempDatabase();
  await seedEvent("old-plain", 40);
  await seedEvent("old-delivered", 31, "delivered");
  await seedEvent("old-failed", 35, "failed");
  await seedEvent("old-pending", 60, "pending");
  await seedEvent("recent", 29);
  await seedEvent("recent-delivered", 1, "delivered");

  const settings = testSettings(
    { MLANGO_EVENTS_KEEP_DAYS: "30", MLANGO_FORWARD_URLS: UNUSED_URL, MLANGO_FORWARD_SECRET: `whsec_${Buffer.alloc(24, 7).toString("base64")}` },
    database.url,
  );
  server = startServer(settings, database, silentLogger);
});

afterAll(async () => {
  await server.stop();
  database.cleanup();
});

async function remainingRespondents(): Promise<string[]> {
  const rows = await database.db.select({ respondentId: events.respondentId }).from(events).orderBy(asc(events.id));
  return rows.map((row) => row.respondentId!);
}

describe("retention", () => {
  test("removes expired events except pending", async () => {
    const deadline = Date.now() + 5000;
    while ((await remainingRespondents()).length > 3 && Date.now() < deadline) await Bun.sleep(25);

    expect(await remainingRespondents()).toEqual(["old-pending", "recent", "recent-delivered"]);
    const deliveries = await database.db.select({ status: forwardDeliveries.status }).from(forwardDeliveries).orderBy(asc(forwardDeliveries.id));
    expect(deliveries.map((delivery) => delivery.status)).toEqual(["pending", "delivered"]);
  });

});
