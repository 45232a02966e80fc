import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { seedRoster } from "../support/roster-fixtures";
import { postWebhook, startTestServer, TEST_ADMIN_PASSWORD, type TestServer } from "../support/test-server";

const TOKEN = "metrics-token-for-tests-0123";
// Nothing listens on port 9 of the loopback address, so every forwarded delivery waits for a retry.
const CLOSED_RECEIVER = "http://127.0.0.1:9/receiver";

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({
    MLANGO_METRICS_TOKEN: TOKEN,
    MLANGO_LOCKOUT_MAX_FAILURES: "2",
    MLANGO_FORWARD_URLS: CLOSED_RECEIVER,
    MLANGO_FORWARD_SECRET: `whsec_${Buffer.alloc(32, 7).toString("base64")}`,
  });
  await seedRoster(server.database.db, "identifier,secret\nLOCK-ME,pin-1\nS-2,pin-2\n");
  const verify = (values: string[]) => ({ event: "verify_respondent", fields: values.map((value, position) => ({ position, value })), exam_id: "e-1" });
  await postWebhook(server.webhookUrl, verify(["LOCK-ME", "wrong"]));
  await postWebhook(server.webhookUrl, verify(["LOCK-ME", "wrong again"]));
  await postWebhook(server.webhookUrl, { event: "result_ready", respondent_id: "r-1", exam_id: "e-1" });
});

afterAll(async () => {
  await server.stop();
});

async function signedInPage(): Promise<string> {
  const login = await fetch(`${server.url}/login`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ password: TEST_ADMIN_PASSWORD }),
    redirect: "manual",
  });
  const cookie = login.headers.get("set-cookie")!.split(";")[0]!;
  return (await fetch(server.url, { headers: { cookie, "accept-language": "en" } })).text();
}

describe("status page lockout and backlog", () => {
  test("locked identifier listed", async () => {
    const html = await signedInPage();

    expect(html).toContain('id="locked-identifiers-table"');
    expect(html).toContain("<bdi>LOCK-ME</bdi>");
    expect(html).not.toContain("<bdi>S-2</bdi>");
  });

  test("forward backlog in metrics", async () => {
    const response = await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    const text = await response.text();

    expect(response.status).toBe(200);
    expect(text).toContain('mlango_forward_deliveries_backlog{status="pending"} 1');
    expect(text).toContain('mlango_forward_deliveries_backlog{status="failed"} 0');
  });
});
