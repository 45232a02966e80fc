import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { seedRoster } from "../support/roster-fixtures";
import { postWebhook, startTestServer, type TestServer } from "../support/test-server";

const TOKEN = "metrics-token-for-tests-0123";

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ MLANGO_METRICS_TOKEN: TOKEN });
  await seedRoster(server.database.db, "identifier,secret\nS-1,pin-1\n");
  const verify = (values: string[]) => ({ event: "verify_respondent", fields: values.map((value, position) => ({ position, value })), exam_id: "e-1", choosenLang: "en" });
  await postWebhook(server.webhookUrl, verify(["S-1", "pin-1"]));
  await postWebhook(server.webhookUrl, verify(["S-1", "wrong"]));
  await postWebhook(server.webhookUrl, verify(["S-2", "pin-1"]));
  await postWebhook(server.webhookUrl, { event: "result_ready", respondent_id: "r-1", exam_id: "e-1" });
  await postWebhook(server.webhookUrl, { event: "result_ready", respondent_id: "r-1", exam_id: "e-1" });
  await postWebhook(server.webhookUrl, { event: "result_ready" }, { "x-client-id": "wrong", "x-client-secret": "wrong" });
});

afterAll(async () => {
  await server.stop();
});

async function scrape(authorization?: string) {
  const response = await fetch(`${server.url}/metrics`, { headers: authorization ? { authorization } : {} });
  return { status: response.status, type: response.headers.get("content-type"), text: await response.text() };
}

describe("GET /metrics", () => {
  test.each([
    ["no header", undefined],
    ["wrong token", "Bearer wrong-token-0123456789"],
    ["token without Bearer", TOKEN],
  ])("rejects %s with 401", async (_name, authorization) => {
    const reply = await scrape(authorization);

    expect(reply.status).toBe(401);
    expect(JSON.parse(reply.text).error.code).toBe("unauthorized");
    expect(reply.text).not.toContain("mlango_");
  });

  test("is off without the token setting", async () => {
    const plain = await startTestServer();
    const response = await fetch(`${plain.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    await plain.stop();

    expect(response.status).toBe(404);
  });

  test("counts verifications, notifications and requests", async () => {
    const reply = await scrape(`Bearer ${TOKEN}`);

    expect(reply.status).toBe(200);
    expect(reply.type).toContain("text/plain; version=0.0.4");
    expect(reply.text).toContain('mlango_verifications_total{outcome="accepted",reason=""} 1');
    expect(reply.text).toContain('mlango_verifications_total{outcome="rejected",reason="wrong_credentials"} 2');
    expect(reply.text).toContain("mlango_verification_duration_seconds_count 3");
    expect(reply.text).toContain('mlango_verification_duration_seconds_bucket{le="+Inf"} 3');
    expect(reply.text).toContain('mlango_notifications_total{event="result_ready"} 1');
    expect(reply.text).toContain('mlango_notification_deliveries_total{event="result_ready"} 2');
    expect(reply.text).toContain('mlango_http_requests_total{method="POST",route="/webhook",status="200"} 5');
    expect(reply.text).toContain('mlango_http_requests_total{method="POST",route="/webhook",status="401"} 1');
    expect(reply.text).toContain('mlango_health_check_state{check="database"} 0');
    expect(reply.text).toMatch(/# TYPE mlango_verification_duration_seconds histogram/);
  });

  test("histogram buckets never decrease", async () => {
    const reply = await scrape(`Bearer ${TOKEN}`);
    const buckets = [...reply.text.matchAll(/mlango_verification_duration_seconds_bucket\{le="[^"]+"\} (\d+)/g)].map((match) => Number(match[1]));

    expect(buckets.length).toBe(13);
    for (let index = 1; index < buckets.length; index++) expect(buckets[index]!).toBeGreaterThanOrEqual(buckets[index - 1]!);
  });
});
