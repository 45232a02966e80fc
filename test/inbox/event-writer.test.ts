import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { Client } from "@libsql/client";
import { count } from "drizzle-orm";
import { events } from "../../src/db/schema";
import { createEventWriter, type EventRow } from "../../src/inbox/event-writer";
import { backoffDelay } from "../../src/inbox/forwarder";
import { silentLogger } from "../../src/log/logger";
import { createTempDatabase } from "../support/test-server";

let database: Awaited<ReturnType<typeof createTempDatabase>>;

beforeAll(async () => {
  database = await createTempDatabase();
});

afterAll(() => {
  database.cleanup();
});

/** Wraps the real client and counts its write transactions. */
function countingClient(client: Client) {
  const counter = { batches: 0 };
  const counted = new Proxy(client, {
    get(target, property) {
      const value = Reflect.get(target, property, target);
      if (property === "batch") {
        return (...args: Parameters<Client["batch"]>) => {
          counter.batches++;
          return target.batch(...args);
        };
      }
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  return { client: counted, counter };
}

function eventRow(key: string, overrides: Partial<EventRow> = {}): EventRow {
  return { dedupeKey: key, type: "result_ready", examId: "exam-writer", respondentId: key, body: `{"k":"${key}"}`, receivedAt: Date.now(), ...overrides };
}

async function storedCount(): Promise<number> {
  const [row] = await database.db.select({ total: count() }).from(events);
  return row!.total;
}

describe("event writer", () => {
  test("groups concurrent events into one transaction", async () => {
    const { client, counter } = countingClient(database.client);
    const writer = createEventWriter(client, { forwardUrls: [], forwardGiveUpMs: 1000, logger: silentLogger });

    const stored = await Promise.all(Array.from({ length: 50 }, (_, index) => writer.store(eventRow(`group-${index}`))));

    expect(counter.batches).toBe(1);
    expect(new Set(stored.map((event) => event.id)).size).toBe(50);
    expect(stored.every((event) => event.created)).toBe(true);
  });

  test("splits at the batch limit", async () => {
    const { client, counter } = countingClient(database.client);
    const writer = createEventWriter(client, { forwardUrls: [], forwardGiveUpMs: 1000, logger: silentLogger, maxBatch: 10 });

    await Promise.all(Array.from({ length: 35 }, (_, index) => writer.store(eventRow(`limit-${index}`))));

    expect(counter.batches).toBe(4);
  });

  test("copies within one batch stored once", async () => {
    const writer = createEventWriter(database.client, { forwardUrls: ["http://127.0.0.1:9/x"], forwardGiveUpMs: 1000, logger: silentLogger });

    const stored = await Promise.all([writer.store(eventRow("same")), writer.store(eventRow("same")), writer.store(eventRow("same"))]);
    const outbox = await database.client.execute({ sql: "SELECT count(*) AS total FROM forward_deliveries WHERE event_id = ?", args: [stored[0]!.id] });

    expect(stored.map((event) => event.id)).toEqual([stored[0]!.id, stored[0]!.id, stored[0]!.id]);
    expect(stored.map((event) => event.created)).toEqual([true, false, false]);
    expect(Number(outbox.rows[0]!.total)).toBe(1);
  });

  test("faulty event fails alone", async () => {
    const writer = createEventWriter(database.client, { forwardUrls: [], forwardGiveUpMs: 1000, logger: silentLogger });
    const before = await storedCount();

    const results = await Promise.allSettled([
      writer.store(eventRow("fine-1")),
      writer.store(eventRow("faulty", { body: null as unknown as string })),
      writer.store(eventRow("fine-2")),
    ]);

    expect(results.map((result) => result.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect(await storedCount()).toBe(before + 2);
  });
});

describe("backoff delay", () => {
  const schedule = { retryFirstMs: 1000, retryMaxMs: 60_000 };

  test.each([
    [1, 0, 500],
    [1, 0.999, 1000],
    [3, 0, 2000],
    [3, 0.999, 4000],
    [7, 0.999, 60_000],
    [200, 0, 30_000],
  ])("attempt %d with random %d", (attempt, random, expected) => {
    expect(backoffDelay(attempt, schedule, () => random)).toBeCloseTo(expected, -2);
  });
});
