import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { events } from "../../src/db/schema";
import { contractBody } from "../support/contract-bodies";
import { postWebhook, startTestServer, type TestServer } from "../support/test-server";

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server.stop();
});

async function allEvents() {
  return server.database.db.select().from(events).orderBy(events.id);
}

describe("notifications", () => {
  test.each([
    ["admitted-respondent", "admitted_respondent", 1719221380326],
    ["result-ready", "result_ready", null],
    ["investigation-complete", "investigation_complete", null],
  ] as const)("contract %s stored before 200", async (name, type, admittedOn) => {
    const body = contractBody(name);

    const reply = await postWebhook(server.webhookUrl, body);

    expect(reply.status).toBe(200);
    const stored = (await allEvents()).find((row) => row.id === reply.json.id);
    expect(stored?.type).toBe(type);
    expect(stored?.examId).toBe("some unique exam_id");
    expect(stored?.respondentId).toBe("some unique id given to the respondent");
    expect(stored?.admittedOn).toBe(admittedOn);
    expect(JSON.parse(stored!.body)).toEqual(body);
  });

  test("repeat delivery stored once", async () => {
    const body = { event: "result_ready", respondent_id: "r-repeat", exam_id: "e-repeat" };

    const first = await postWebhook(server.webhookUrl, body);
    const second = await postWebhook(server.webhookUrl, body);
    const reordered = await postWebhook(server.webhookUrl, { exam_id: "e-repeat", extra: 1, respondent_id: "r-repeat", event: "result_ready" });

    expect([first.status, second.status, reordered.status]).toEqual([200, 200, 200]);
    expect(second.json.id).toBe(first.json.id);
    expect(reordered.json.id).toBe(first.json.id);
    expect(second.json.duplicate).toBe(true);
    const rows = (await allEvents()).filter((row) => row.respondentId === "r-repeat");
    expect(rows).toHaveLength(1);
    expect(rows[0]!.deliveries).toBe(3);
  });

  test("concurrent repeats stored once", async () => {
    const body = { event: "admitted_respondent", respondent_id: "r-burst", exam_id: "e-burst", admittedOn: 1719221380326 };

    const replies = await Promise.all(Array.from({ length: 20 }, () => postWebhook(server.webhookUrl, body)));

    expect(replies.every((reply) => reply.status === 200)).toBe(true);
    expect((await allEvents()).filter((row) => row.respondentId === "r-burst")).toHaveLength(1);
  });

  test("numbers where strings are documented", async () => {
    const reply = await postWebhook(server.webhookUrl, { event: "admitted_respondent", respondent_id: 991, exam_id: 42, admittedOn: "1719221380326" });

    expect(reply.status).toBe(200);
    const stored = (await allEvents()).find((row) => row.id === reply.json.id)!;
    expect(stored.respondentId).toBe("991");
    expect(stored.examId).toBe("42");
    expect(stored.admittedOn).toBe(1719221380326);
  });

  test("unknown event type stored whole", async () => {
    const body = { event: "proctor_flagged", respondent_id: "r-9", exam_id: "e-9", severity: { level: 3 } };

    const reply = await postWebhook(server.webhookUrl, body);
    const again = await postWebhook(server.webhookUrl, body);

    expect(reply.status).toBe(200);
    expect(again.json.id).toBe(reply.json.id);
    const stored = (await allEvents()).find((row) => row.id === reply.json.id)!;
    expect(stored.type).toBe("proctor_flagged");
    expect(JSON.parse(stored.body)).toEqual(body);
  });

  test("unknown event without ids accepted", async () => {
    const reply = await postWebhook(server.webhookUrl, { event: "ping" });

    expect(reply.status).toBe(200);
  });
});
