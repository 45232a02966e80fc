import { afterAll, beforeAll, describe, expect, test } from "bun:test";
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

const { clientId, clientSecret } = TEST_CREDENTIALS;

describe("webhook client credentials", () => {
  test.each([
    ["wrong secret", { "x-client-id": clientId, "x-client-secret": "not-the-secret" }],
    ["wrong id", { "x-client-id": "someone-else", "x-client-secret": clientSecret }],
    ["empty secret", { "x-client-id": clientId, "x-client-secret": "" }],
    ["no headers", {}],
    ["secret with extra suffix", { "x-client-id": clientId, "x-client-secret": clientSecret + "x" }],
    ["secret prefix only", { "x-client-id": clientId, "x-client-secret": clientSecret.slice(0, 5) }],
    ["10,000-character secret", { "x-client-id": clientId, "x-client-secret": "s".repeat(10_000) }],
    ["id and secret swapped", { "x-client-id": clientSecret, "x-client-secret": clientId }],
    ["non-ASCII secret", { "x-client-id": clientId, "x-client-secret": "siri-ya-mteja-ñ" }],
  ])("rejects %s with 401", async (_name, headers) => {
    const before = await webhookRowCounts(server.database.db);

    for (const body of [contractBody("verify-valid"), contractBody("result-ready")]) {
      const reply = await postWebhook(server.webhookUrl, body, headers as Record<string, string>);
      expect(reply.status).toBe(401);
      expect(reply.json.error.code).toBe("unauthorized");
    }

    expect(await webhookRowCounts(server.database.db)).toEqual(before);
  });

  test("accepts the configured pair", async () => {
    const reply = await postWebhook(server.webhookUrl, contractBody("result-ready"));

    expect(reply.status).toBe(200);
  });

  test("log never contains a secret", async () => {
    await postWebhook(server.webhookUrl, contractBody("verify-valid"), { "x-client-id": clientId, "x-client-secret": "guess-LEAK-CHECK" });
    await postWebhook(server.webhookUrl, contractBody("verify-valid"));

    const log = server.logLines.join("\n");
    expect(log).not.toContain("guess-LEAK-CHECK");
    expect(log).not.toContain(clientSecret);
    expect(log).not.toContain("Some valid student password");
  });
});
