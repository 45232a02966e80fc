import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { createClient } from "@libsql/client";
import { postWebhook, startTestServer, type TestServer } from "../support/test-server";

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server.stop();
});

describe("database shared with another writer", () => {
  test("notification waits for the other writer", async () => {
    // A second connection, as `mlango import` in another process would open, holds the write lock for a while.
    const importer = createClient({ url: server.database.url });
    const transaction = await importer.transaction("write");
    await transaction.execute("INSERT INTO app_state (key, value) VALUES ('held', 'by another writer')");

    const pending = postWebhook(server.webhookUrl, { event: "result_ready", respondent_id: "r-wait", exam_id: "e-wait" });
    await Bun.sleep(700);
    await transaction.commit();
    const reply = await pending;

    expect(reply.status).toBe(200);
    const stored = await server.database.client.execute("SELECT count(*) AS total FROM events WHERE respondent_id = 'r-wait'");
    expect(Number(stored.rows[0]!.total)).toBe(1);
    importer.close();
  });

  test("journal mode is WAL", async () => {
    const result = await server.database.client.execute("PRAGMA journal_mode");

    expect(result.rows[0]![0]).toBe("wal");
  });
});
