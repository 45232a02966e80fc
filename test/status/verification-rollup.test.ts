import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { eq } from "drizzle-orm";
import { verifications } from "../../src/db/schema";
import { summarizeMinutes } from "../../src/status/sections/verification-stats-section";
import { createVerificationRollup } from "../../src/status/verification-rollup";
import { createTempDatabase } from "../support/test-server";

let database: Awaited<ReturnType<typeof createTempDatabase>>;
const NOW = Date.UTC(2026, 5, 1, 9, 0, 0);

beforeEach(async () => {
  database = await createTempDatabase();
});

afterEach(() => {
  database.cleanup();
});

function row(minutesAgo: number, outcome: "accepted" | "rejected", latencyMs: number, examId = "e-1") {
  return { at: NOW - minutesAgo * 60_000, examId, outcome, reason: outcome === "rejected" ? "wrong_credentials" : null, latencyMs };
}

describe("verification rollup", () => {
  test("counts each row once across refreshes", async () => {
    const rollup = createVerificationRollup(database.db);
    await database.db.insert(verifications).values([row(5, "accepted", 10), row(5, "rejected", 30)]);
    await rollup.refresh(NOW);
    await database.db.insert(verifications).values([row(1, "accepted", 20)]);
    await rollup.refresh(NOW);
    await rollup.refresh(NOW);

    expect(rollup.outcomeCounts().sort((a, b) => a.outcome.localeCompare(b.outcome))).toEqual([
      { outcome: "accepted", reason: "", count: 2 },
      { outcome: "rejected", reason: "wrong_credentials", count: 1 },
    ]);
    expect(rollup.latencyHistogram().count).toBe(3);
    expect(rollup.latencyHistogram().sumSeconds).toBeCloseTo(0.06, 6);
    expect(rollup.examsSeenSince(0)).toEqual([{ examId: "e-1", accepted: 2, rejected: 1, lastSeen: NOW - 60_000 }]);
  });

  test("rebuilds after rows are replaced", async () => {
    const rollup = createVerificationRollup(database.db);
    await database.db.insert(verifications).values([row(5, "accepted", 10), row(4, "accepted", 10), row(3, "accepted", 10)]);
    await rollup.refresh(NOW);
    // A restore replaces every row; the new rows may reuse or exceed the old ids.
    await database.db.delete(verifications);
    await database.db.insert(verifications).values([row(2, "rejected", 40, "e-2")]);
    await rollup.refresh(NOW);

    expect(rollup.outcomeCounts()).toEqual([{ outcome: "rejected", reason: "wrong_credentials", count: 1 }]);
    expect(rollup.examsSeenSince(0).map((exam) => exam.examId)).toEqual(["e-2"]);
  });

  test("rebuilds when a restored row reuses the last id", async () => {
    const rollup = createVerificationRollup(database.db);
    await database.db.insert(verifications).values([row(5, "accepted", 10), row(4, "accepted", 10)]);
    await rollup.refresh(NOW);
    const [lastRow] = await database.db.select({ id: verifications.id }).from(verifications).orderBy(verifications.id).limit(1).offset(1);
    await database.db.delete(verifications).where(eq(verifications.id, lastRow!.id));
    await database.db.insert(verifications).values([{ ...row(1, "rejected", 50), id: lastRow!.id }]);
    await rollup.refresh(NOW);

    expect(rollup.outcomeCounts().map((entry) => [entry.outcome, entry.count]).sort()).toEqual([
      ["accepted", 1],
      ["rejected", 1],
    ]);
  });

  test("keeps three hours of minutes", async () => {
    const rollup = createVerificationRollup(database.db);
    await database.db.insert(verifications).values([row(200, "accepted", 10), row(179, "accepted", 10), row(0, "accepted", 10)]);
    await rollup.refresh(NOW);

    const minutes = rollup.minutesSince(0).map((bin) => NOW / 60_000 - bin.minute);

    expect(minutes).toEqual([179, 0]);
    expect(rollup.outcomeCounts()[0]!.count).toBe(3);
  });

  test.each([
    ["one value", [7], 7, 7],
    ["1..100", Array.from({ length: 100 }, (_, index) => index + 1), 50, 99],
    ["slow tail", [...Array.from({ length: 98 }, () => 5), 40_000, 59_000], 5, 40_000],
  ])("percentiles of %s", async (_name, latencies, p50, p99) => {
    const rollup = createVerificationRollup(database.db);
    await database.db.insert(verifications).values(latencies.map((latency, index) => row(index % 50, "accepted", latency)));
    await rollup.refresh(NOW);

    const stats = summarizeMinutes(rollup.minutesSince(0));

    expect(stats.p50Ms).toBe(p50);
    expect(stats.p99Ms).toBe(p99);
    expect(stats.accepted).toBe(latencies.length);
  });
});
