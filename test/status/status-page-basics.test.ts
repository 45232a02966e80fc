import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { seedRoster } from "../support/roster-fixtures";
import { postWebhook, startTestServer, TEST_ADMIN_PASSWORD, type TestServer } from "../support/test-server";

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
  await seedRoster(server.database.db, 'identifier,secret,name\nS-1,pin,"<script>alert(1)</script> \u202Eevil"\nS-2,pin,محمد علي\n');
  await postWebhook(server.webhookUrl, { event: "verify_respondent", fields: [{ position: 0, value: "S-1" }, { position: 1, value: "pin" }] });
  await postWebhook(server.webhookUrl, { event: "verify_respondent", fields: [{ position: 0, value: "<b>S-404</b>" }, { position: 1, value: "nope" }] });
  await postWebhook(server.webhookUrl, { event: "result_ready", respondent_id: "resp-77", exam_id: "exam-77" });
});

afterAll(async () => {
  await server.stop();
});

async function signIn(password: string) {
  return fetch(`${server.url}/login`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ password }),
    redirect: "manual",
  });
}

describe("health", () => {
  test("reports status, version and database", async () => {
    const response = await fetch(`${server.url}/health`);

    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: "ok", version: expect.any(String), checks: { database: { reachable: true } } });
  });
});

describe("status page", () => {
  test("public page hides students", async () => {
    const response = await fetch(server.url);
    const html = await response.text();

    expect(response.status).toBe(200);
    expect(response.headers.get("content-security-policy")).toContain("default-src 'none'");
    expect(html).toContain("Inafanya kazi");
    expect(html).not.toContain("S-404");
    expect(html).not.toContain("resp-77");
    expect(html).toContain('name="password"');
  });

  test("language from switch and browser", async () => {
    const english = await (await fetch(server.url, { headers: { "accept-language": "en-GB,en;q=0.9" } })).text();
    const switched = await fetch(`${server.url}/?lang=sw`, { headers: { "accept-language": "en" } });

    expect(english).toContain("Working");
    expect(await switched.text()).toContain("Inafanya kazi");
    expect(switched.headers.get("set-cookie")).toContain("mlango_lang=sw");
  });

  test("wrong password refused", async () => {
    const response = await signIn("not-the-password");

    expect(response.status).toBe(401);
    expect(response.headers.get("set-cookie")).toBeNull();
    expect(await response.text()).toContain("Nenosiri si sahihi");
  });

  test("signed-in page shows details escaped", async () => {
    const login = await signIn(TEST_ADMIN_PASSWORD);
    const cookie = login.headers.get("set-cookie")!.split(";")[0]!;

    const html = await (await fetch(server.url, { headers: { cookie, "accept-language": "en" } })).text();

    expect(login.status).toBe(303);
    expect(html).toContain('<dd id="roster-size">2</dd>');
    expect(html).toContain("&lt;b&gt;S-404&lt;/b&gt;");
    expect(html).not.toContain("<b>S-404</b>");
    expect(html).toContain("resp-77");
    expect(html).toContain("wrong_credentials");
    expect(html).not.toContain("\u202E");
  });

  test("forged session cookie ignored", async () => {
    const forged = `mlango_session=${Date.now() + 60_000}.AAAA`;

    const html = await (await fetch(server.url, { headers: { cookie: forged } })).text();

    expect(html).not.toContain("roster-size");
  });
});
