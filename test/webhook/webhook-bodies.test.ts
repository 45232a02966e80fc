import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { webhookRowCounts } from "../support/row-counts";
import { postWebhook, startTestServer, TEST_CREDENTIALS, type TestServer } from "../support/test-server";

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ MLANGO_MAX_BODY_BYTES: "4096" });
});

afterAll(async () => {
  await server.stop();
});

const AUTH = { "x-client-id": TEST_CREDENTIALS.clientId, "x-client-secret": TEST_CREDENTIALS.clientSecret };

describe("webhook bad bodies", () => {
  test.each([
    ["empty body", "", 400, "empty_body"],
    ["whitespace only", "  \n ", 400, "empty_body"],
    ["not JSON", "event=verify_respondent", 400, "invalid_json"],
    ["truncated JSON", '{"event": "verify_respondent", "fields": [', 400, "invalid_json"],
    ["JSON array", "[1, 2]", 400, "invalid_json"],
    ["JSON string", '"verify_respondent"', 400, "invalid_json"],
    ["JSON null", "null", 400, "invalid_json"],
    ["no event", '{"exam_id": "x"}', 422, "invalid_body"],
    ["event is a number", '{"event": 7}', 422, "invalid_body"],
    ["event is empty", '{"event": ""}', 422, "invalid_body"],
    ["fields is a string", '{"event": "verify_respondent", "fields": "matric"}', 422, "invalid_body"],
    ["field value is an object", '{"event": "verify_respondent", "fields": [{"position": 0, "value": {"a": 1}}]}', 422, "invalid_body"],
    ["position is negative text", '{"event": "verify_respondent", "fields": [{"position": "-1", "value": "x"}]}', 422, "invalid_body"],
    ["notification without respondent", '{"event": "result_ready", "exam_id": "e1"}', 422, "invalid_body"],
    ["notification with object id", '{"event": "admitted_respondent", "exam_id": "e1", "respondent_id": {"id": 1}}', 422, "invalid_body"],
    ["admittedOn not a number", '{"event": "admitted_respondent", "exam_id": "e1", "respondent_id": "r1", "admittedOn": "yesterday"}', 422, "invalid_body"],
    ["oversized body", JSON.stringify({ event: "result_ready", padding: "x".repeat(5000) }), 413, "body_too_large"],
  ])("%s gets a clear 4xx", async (_name, body, status, code) => {
    const before = await webhookRowCounts(server.database.db);

    const reply = await postWebhook(server.webhookUrl, body);

    expect(reply.status).toBe(status);
    expect(reply.json.error.code).toBe(code);
    expect(reply.json.error.message.length).toBeGreaterThan(10);
    expect(await webhookRowCounts(server.database.db)).toEqual(before);
  });

  test("invalid UTF-8 gets 400", async () => {
    const bytes = new Uint8Array([0x7b, 0x22, 0x65, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]);

    const reply = await postWebhook(server.webhookUrl, bytes);

    expect(reply.status).toBe(400);
    expect(reply.json.error.code).toBe("invalid_utf8");
  });

  test("body after a byte order mark is read", async () => {
    const json = new TextEncoder().encode(JSON.stringify({ event: "result_ready", respondent_id: "bom-1", exam_id: "e1" }));
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...json]);

    const reply = await postWebhook(server.webhookUrl, bytes);

    expect(reply.status).toBe(200);
    expect(reply.json.received).toBe(true);
  });

  test("chunked body within the limit is read", async () => {
    const json = new TextEncoder().encode(JSON.stringify({ event: "result_ready", respondent_id: "chunked-1", exam_id: "e1" }));
    const stream = new ReadableStream({
      start(controller) {
        controller.enqueue(json.subarray(0, 10));
        controller.enqueue(json.subarray(10));
        controller.close();
      },
    });

    const response = await fetch(server.webhookUrl, { method: "POST", headers: { ...AUTH, "content-type": "application/json" }, body: stream });

    expect(response.status).toBe(200);
    expect(((await response.json()) as { received: boolean }).received).toBe(true);
  });

  test("oversized chunked body gets 413", async () => {
    const chunk = new TextEncoder().encode("x".repeat(1024));
    const stream = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 8; i++) controller.enqueue(chunk);
        controller.close();
      },
    });

    const response = await fetch(server.webhookUrl, { method: "POST", headers: AUTH, body: stream });

    expect(response.status).toBe(413);
  });

  test("GET on webhook explains POST", async () => {
    const response = await fetch(server.webhookUrl);

    expect(response.status).toBe(405);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("method_not_allowed");
  });

  test("unknown path gets JSON 404", async () => {
    const response = await fetch(`${server.url}/webhooks`, { method: "POST", headers: AUTH, body: "{}" });

    expect(response.status).toBe(404);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("not_found");
  });

  test("server keeps answering after bad input", async () => {
    const response = await fetch(`${server.url}/health`);

    expect(response.status).toBe(200);
  });
});

describe("webhook methods and huge bodies", () => {
  test.each(["PUT", "PATCH", "DELETE"])("%s gets 405", async (method) => {
    const response = await fetch(server.webhookUrl, { method, headers: AUTH, body: "{}" });

    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("POST");
  });

  test("8 MB body gets JSON 413", async () => {
    const reply = await postWebhook(server.webhookUrl, JSON.stringify({ event: "result_ready", padding: "x".repeat(8 * 1024 * 1024) }));

    expect(reply.status).toBe(413);
    expect(reply.json.error.code).toBe("body_too_large");
  });
});
