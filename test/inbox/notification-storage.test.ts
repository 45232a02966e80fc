import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { createClient } from "@libsql/client";
import { eq } from "drizzle-orm";
import { events } from "../../src/db/schema";
import { contractBody } from "../support/contract-bodies";
import { webhookRowCounts } from "../support/row-counts";
import { postWebhook, startTestServer, TEST_CREDENTIALS, type TestServer } from "../support/test-server";

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server.stop();
});

/** Counts rows through a connection of its own, so only committed rows are seen. */
async function committedEventCount(where = "1 = 1", args: string[] = []): Promise<number> {
  const reader = createClient({ url: server.database.url });
  try {
    const result = await reader.execute({ sql: `SELECT count(*) AS total FROM events WHERE ${where}`, args });
    return Number(result.rows[0]!.total);
  } finally {
    reader.close();
  }
}

function notification(event: string, respondentId: string, examId = "exam-store", extra: Record<string, unknown> = {}) {
  return { event, respondent_id: respondentId, exam_id: examId, ...extra };
}

describe("notification storage", () => {
  test.each(["admitted-respondent", "result-ready", "investigation-complete"] as const)("contract %s stored as received", async (name) => {
    const body = contractBody(name);
    const rawBody = JSON.stringify(body, null, 2);

    const reply = await postWebhook(server.webhookUrl, rawBody);

    expect(reply.status).toBe(200);
    expect(reply.json.duplicate).toBe(false);
    const stored = await server.database.db.query.events.findFirst({ where: eq(events.id, reply.json.id) });
    expect(stored?.type).toBe(body.event);
    expect(stored?.respondentId).toBe(String(body.respondent_id));
    expect(stored?.body).toBe(rawBody);
  });

  test("committed before the 2xx", async () => {
    const replies = await Promise.all(
      Array.from({ length: 40 }, (_, index) => postWebhook(server.webhookUrl, notification("result_ready", `durable-${index}`, "exam-durable"))),
    );

    expect(replies.map((reply) => reply.status)).toEqual(Array(40).fill(200));
    expect(new Set(replies.map((reply) => reply.json.id)).size).toBe(40);
    expect(await committedEventCount("exam_id = ?", ["exam-durable"])).toBe(40);
  });

  test("repeats stored once and counted", async () => {
    const body = notification("admitted_respondent", "repeat-1", "exam-repeat", { admittedOn: 1719221380326 });

    const first = await postWebhook(server.webhookUrl, body);
    const sequential = [];
    for (let index = 0; index < 3; index++) sequential.push(await postWebhook(server.webhookUrl, body));
    const concurrent = await Promise.all(Array.from({ length: 20 }, () => postWebhook(server.webhookUrl, body)));
    const reordered = await postWebhook(server.webhookUrl, { admittedOn: 1719221380326, exam_id: "exam-repeat", respondent_id: "repeat-1", event: "admitted_respondent" });

    const replies = [first, ...sequential, ...concurrent, reordered];
    expect(replies.every((reply) => reply.status === 200)).toBe(true);
    expect(new Set(replies.map((reply) => reply.json.id))).toEqual(new Set([first.json.id]));
    expect(first.json.duplicate).toBe(false);
    expect(replies.slice(1).every((reply) => reply.json.duplicate === true)).toBe(true);
    const rows = await server.database.db.select().from(events).where(eq(events.examId, "exam-repeat"));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.deliveries).toBe(replies.length);
  });

  test("out-of-order events all stored", async () => {
    const order = ["investigation_complete", "result_ready", "admitted_respondent"];

    for (const event of order) {
      const reply = await postWebhook(server.webhookUrl, notification(event, "late-admit", "exam-order", event === "admitted_respondent" ? { admittedOn: 1 } : {}));
      expect(reply.status).toBe(200);
    }

    const rows = await server.database.db.select({ type: events.type }).from(events).where(eq(events.examId, "exam-order"));
    expect(rows.map((row) => row.type).sort()).toEqual([...order].sort());
  });

  test("unknown event and extra fields kept whole", async () => {
    const unknownRaw = `{"event":"proctor_flagged","exam_id":"exam-x","respondent_id":77,"score":12345678901234567890,"nested":{"ключ":["a",null,true]}}`;
    const extraRaw = `{"event":"result_ready","respondent_id":"r-extra","exam_id":"exam-x","grade":{"points":17,"of":20},"note":"=1+1"}`;

    const unknown = await postWebhook(server.webhookUrl, unknownRaw);
    const extra = await postWebhook(server.webhookUrl, extraRaw);
    const unknownAgain = await postWebhook(server.webhookUrl, unknownRaw);

    expect([unknown.status, extra.status, unknownAgain.status]).toEqual([200, 200, 200]);
    expect(unknownAgain.json.id).toBe(unknown.json.id);
    const unknownRow = await server.database.db.query.events.findFirst({ where: eq(events.id, unknown.json.id) });
    const extraRow = await server.database.db.query.events.findFirst({ where: eq(events.id, extra.json.id) });
    expect(unknownRow?.type).toBe("proctor_flagged");
    expect(unknownRow?.respondentId).toBe("77");
    expect(unknownRow?.body).toBe(unknownRaw);
    expect(extraRow?.body).toBe(extraRaw);
  });

  test.each([
    ["missing respondent_id", { event: "result_ready", exam_id: "exam-bad" }, undefined, 422],
    ["no event", { exam_id: "exam-bad", respondent_id: "r" }, undefined, 422],
    ["not JSON", "{not json", undefined, 400],
    ["JSON array", "[1,2]", undefined, 400],
    ["wrong client secret", notification("result_ready", "r-bad"), { "x-client-id": TEST_CREDENTIALS.clientId, "x-client-secret": "wrong" }, 401],
  ] as const)("rejects %s and stores nothing", async (_name, body, headers, status) => {
    const before = await webhookRowCounts(server.database.db);

    const reply = headers ? await postWebhook(server.webhookUrl, body, { ...headers }) : await postWebhook(server.webhookUrl, body);

    expect(reply.status).toBe(status);
    expect(reply.json.error.code).toBeString();
    expect(await webhookRowCounts(server.database.db)).toEqual(before);
  });

  test("waits through a locked database", async () => {
    const locker = createClient({ url: server.database.url });
    const lock = await locker.transaction("write");
    await lock.execute("INSERT INTO app_state (key, value, updated_at) VALUES ('lock-test', 'held', 0)");

    let answered = 0;
    const pending = Array.from({ length: 10 }, (_, index) =>
      postWebhook(server.webhookUrl, notification("result_ready", `locked-${index}`, "exam-locked")).then((reply) => {
        answered++;
        return reply;
      }),
    );
    await Bun.sleep(600);
    const health = await fetch(`${server.url}/health`);
    const answeredWhileLocked = answered;
    await lock.commit();
    locker.close();
    const replies = await Promise.all(pending);

    expect(answeredWhileLocked).toBe(0);
    // The server keeps answering while notifications wait; /health may report the locked database as not writable.
    expect([200, 503]).toContain(health.status);
    expect(replies.map((reply) => reply.status)).toEqual(Array(10).fill(200));
    expect(await committedEventCount("exam_id = ?", ["exam-locked"])).toBe(10);
  });

  test("each of several locks waited out", async () => {
    for (let round = 0; round < 3; round++) {
      const locker = createClient({ url: server.database.url });
      const lock = await locker.transaction("write");
      await lock.execute({ sql: "INSERT INTO app_state (key, value, updated_at) VALUES (?, 'held', 0)", args: [`lock-round-${round}`] });

      const pending = postWebhook(server.webhookUrl, notification("result_ready", `round-${round}`, "exam-rounds"));
      await Bun.sleep(150);
      await lock.commit();
      locker.close();
      const reply = await pending;

      expect(reply.status).toBe(200);
      expect(reply.json.duplicate).toBe(false);
      expect(await committedEventCount("respondent_id = ?", [`round-${round}`])).toBe(1);
    }
  });
});
