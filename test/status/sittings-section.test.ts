import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { postWebhook, startTestServer, TEST_ADMIN_PASSWORD, type TestServer } from "../support/test-server";

let server: TestServer;
let sessionCookie: string;

beforeAll(async () => {
  server = await startTestServer({
    // Nothing listens on loopback port 9, and the first retry is an hour away, so every delivery stays pending.
    MLANGO_FORWARD_URLS: "http://127.0.0.1:9/unreachable",
    MLANGO_FORWARD_SECRET: `whsec_${Buffer.alloc(32, 1).toString("base64")}`,
    MLANGO_FORWARD_RETRY_FIRST: "1h",
  });
  const signIn = await fetch(`${server.url}/login`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ password: TEST_ADMIN_PASSWORD }),
    redirect: "manual",
  });
  sessionCookie = signIn.headers.get("set-cookie")!.split(";")[0]!;

  await postWebhook(server.webhookUrl, { event: "result_ready", respondent_id: "<script>alert(1)</script>", exam_id: "exam-\u202eevil" });
  await postWebhook(server.webhookUrl, { event: "admitted_respondent", respondent_id: "r-page", exam_id: "exam-page", admittedOn: 1719221380326 });
  await postWebhook(server.webhookUrl, { event: "admitted_respondent", respondent_id: "r-odd", exam_id: "exam-page", admittedOn: 9e20 });
});

afterAll(async () => {
  await server.stop();
});

async function statusPage(lang: "sw" | "en", cookie?: string): Promise<string> {
  const response = await fetch(`${server.url}/?lang=${lang}`, { headers: cookie ? { cookie } : {} });
  expect(response.status).toBe(200);
  return response.text();
}

describe("recent sittings section", () => {
  test("timelines shown to signed-in admin", async () => {
    const page = await statusPage("en", sessionCookie);

    expect(page).toContain("<h2>Recent sittings</h2>");
    expect(page).toContain(`<time datetime="2024-06-24T09:29:40.326Z">2024-06-24 09:29 UTC</time>`);
    expect(page).toContain("<td>900000000000000000000</td>");
  });

  test("escapes values from the platform", async () => {
    const page = await statusPage("en", sessionCookie);

    expect(page).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(page).not.toContain("<script>alert(1)</script>");
    expect(page).not.toContain("\u202e");
  });

  test("shows the forwarding backlog", async () => {
    const page = await statusPage("en", sessionCookie);

    expect(page).toMatch(/<p id="forward-backlog">Forwarding to other systems: 3 waiting, 0 failed/);
  });

  test("Swahili texts", async () => {
    const page = await statusPage("sw", sessionCookie);

    expect(page).toContain("<h2>Vikao vya karibuni</h2>");
    expect(page).toContain("Kutuma kwa mifumo mingine");
  });

  test("hidden without sign-in", async () => {
    const page = await statusPage("en");

    expect(page).not.toContain("Recent sittings");
    expect(page).not.toContain("r-page");
  });
});
