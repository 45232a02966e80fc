import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { verifications } from "../../src/db/schema";
import { seedRoster } from "../support/roster-fixtures";
import { postWebhook, startTestServer, TEST_ADMIN_PASSWORD, type TestServer } from "../support/test-server";

/** Names and ids that try to break out of the markup or reorder the text around them. */
export const HOSTILE_EXAM_ID = '<script>alert("x")</script>';
export const HOSTILE_IDENTIFIER = "\u202Egnp.exe\u0007 عبد الله";

let server: TestServer;
let adminCookie: string;

/**
 * Inserts `count` verifications within the last hour, two per minute, with latencies 1..count ms,
 * and five older ones in a single minute two hours ago.
 */
async function seedVerifications(count: number) {
  const minuteStart = (at: number) => Math.floor(at / 60_000) * 60_000;
  const firstMinute = minuteStart(Date.now() - 59 * 60_000) + 60_000;
  const rows = Array.from({ length: count }, (_, index) => ({
    at: firstMinute + index * 30_000,
    examId: index % 2 === 0 ? "math-2026" : HOSTILE_EXAM_ID,
    identifierTyped: index === count - 1 ? HOSTILE_IDENTIFIER : `S-${index}`,
    outcome: index < 70 ? ("accepted" as const) : ("rejected" as const),
    reason: index < 70 ? null : index < 90 ? "wrong_credentials" : "not_enrolled",
    latencyMs: index + 1,
  }));
  const older = Array.from({ length: 5 }, (_, index) => ({ at: minuteStart(Date.now() - 2 * 60 * 60_000) + index, examId: "old-exam", outcome: "rejected" as const, reason: "missing_field", latencyMs: 90_000 }));
  await server.database.db.insert(verifications).values([...rows, ...older]);
}

async function page(path: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${server.url}${path}`, { headers });
  return { status: response.status, headers: response.headers, html: await response.text() };
}

beforeAll(async () => {
  server = await startTestServer({ MLANGO_LANG: "sw" });
  await seedRoster(server.database.db, "identifier,secret,name\nS-1,pin-1,Amina Juma\n");
  await seedVerifications(100);
  await postWebhook(server.webhookUrl, { event: "result_ready", respondent_id: "r-1", exam_id: "math-2026" });
  const login = await fetch(`${server.url}/login`, { method: "POST", body: `password=${TEST_ADMIN_PASSWORD}`, redirect: "manual" });
  adminCookie = login.headers.get("set-cookie")!.split(";")[0]!;
});

afterAll(async () => {
  await server.stop();
});

describe("status page", () => {
  test("public view shows checks, not students", async () => {
    const { status, html } = await page("/?lang=en");

    expect(status).toBe(200);
    expect(html).toContain('id="checks"');
    expect(html).toContain("Database writable");
    expect(html).toContain("Last verification");
    expect(html).toContain('id="sign-in"');
    expect(html).not.toContain("roster-size");
    expect(html).not.toContain("S-1");
    expect(html).not.toContain("math-2026");
  });

  test("admin view shows last-hour figures", async () => {
    const { html } = await page("/?lang=en", { cookie: adminCookie });

    expect(html).toContain('<dd id="roster-size">1</dd>');
    expect(html).toContain('<dd id="hour-total">100</dd>');
    expect(html).toContain('<dd id="hour-accepted" class="accepted">70</dd>');
    expect(html).toContain('<dd id="hour-rejected" class="rejected">30</dd>');
    expect(html).toMatch(/<dd id="hour-p50">50 ms /);
    expect(html).toMatch(/<dd id="hour-p99">99 ms /);
    expect(html).toContain("<td>wrong identifier or secret <code>wrong_credentials</code></td><td class=\"number\">20</td>");
    expect(html).toContain("<td>not enrolled in the exam <code>not_enrolled</code></td><td class=\"number\">10</td>");
    expect(html).not.toContain("missing_field</code></td><td class=\"number\">");
  });

  test("admin view draws the per-minute chart", async () => {
    const { html } = await page("/?lang=en", { cookie: adminCookie });
    const svg = html.slice(html.indexOf("<svg"), html.indexOf("</svg>"));

    expect(svg).toContain('role="img"');
    // Two verifications a minute: 70 accepted fill 35 minutes, 30 rejected 15, plus the older minute.
    expect(svg.match(/<rect [^>]*fill="#2e7d32"/g)?.length).toBe(35);
    expect(svg.match(/<rect [^>]*fill="#c62828"/g)?.length).toBe(16);
    expect(svg).toContain('<path d="M');
    expect(html).not.toContain("<script");
    expect(html).not.toMatch(/src=["']?https?:/);
  });

  test("admin view lists exams and notifications", async () => {
    const { html } = await page("/?lang=en", { cookie: adminCookie });
    const exams = html.slice(html.indexOf('id="exams-seen"'), html.indexOf("</table>", html.indexOf('id="exams-seen"')));

    expect(exams).toContain("<bdi>math-2026</bdi></td><td class=\"number\">35</td><td class=\"number\">15</td><td class=\"number\">1</td>");
    expect(exams).toContain("old-exam");
    expect(html).toContain("<td>result_ready</td>");
  });

  test("hostile names are escaped and isolated", async () => {
    const { html } = await page("/?lang=en", { cookie: adminCookie });

    expect(html).not.toContain(HOSTILE_EXAM_ID);
    expect(html).toContain("<bdi>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</bdi>");
    expect(html).not.toContain("\u202E");
    expect(html).not.toContain("\u0007");
    expect(html).toContain("<bdi>gnp.exe عبد الله</bdi>");
  });

  test("responses carry security headers", async () => {
    const responses = [
      await page("/"),
      await page("/", { cookie: adminCookie }),
      { headers: (await fetch(`${server.url}/login`, { method: "POST", body: "password=wrong-password" })).headers },
    ];

    for (const response of responses) {
      expect(response.headers.get("content-security-policy")).toContain("default-src 'none'");
      expect(response.headers.get("x-frame-options")).toBe("DENY");
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      expect(response.headers.get("referrer-policy")).toBe("no-referrer");
    }
  });

  test.each([
    ["explicit switch wins", "/?lang=en", { "accept-language": "sw", cookie: "mlango_lang=sw" }, "en"],
    ["cookie beats browser", "/", { "accept-language": "en-GB", cookie: "mlango_lang=sw" }, "sw"],
    ["browser language", "/", { "accept-language": "en-US,en;q=0.9" }, "en"],
    ["setting when nothing else", "/", { "accept-language": "fr" }, "sw"],
  ])("language: %s", async (_name, path, headers, expected) => {
    const { html } = await page(path, headers as Record<string, string>);

    expect(html).toContain(`<html lang="${expected}">`);
  });

  test("refreshes itself and fits a phone", async () => {
    const { html } = await page("/");

    expect(html).toMatch(/<meta http-equiv="refresh" content="\d+">/);
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
  });
});

describe("status page sign-in", () => {
  test("rate limit blocks even the right password", async () => {
    const limited = await startTestServer();
    const attempt = (password: string) => fetch(`${limited.url}/login`, { method: "POST", body: `password=${password}`, redirect: "manual" });

    const failures = [];
    for (let index = 0; index < 10; index++) failures.push((await attempt("wrong-password")).status);
    const blocked = await attempt(TEST_ADMIN_PASSWORD);
    await limited.stop();

    expect(failures.every((status) => status === 401)).toBe(true);
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get("set-cookie")).toBeNull();
  });
});
