import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { verifications } from "../../src/db/schema";
import { seedRoster } from "../support/roster-fixtures";
import { postWebhook, startTestServer, TEST_ADMIN_PASSWORD, type TestServer } from "../support/test-server";

/** Debian's chromium package, which .ci/run installs; nothing here downloads a browser. */
const CHROMIUM = "/usr/bin/chromium";
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
const ARTIFACTS = join(import.meta.dir, "../../test-artifacts");
const VIEWPORTS = { phone: { width: 390, height: 844 }, desktop: { width: 1280, height: 900 } } as const;
const HEADINGS = { sw: "Mlango — hali ya seva", en: "Mlango — server status" } as const;
const HOSTILE_IDENTIFIER = "\u202Egnp.exe\u0007 عبد الله بن محمد";
const HOSTILE_EXAM_ID = "<img src=x onerror=alert(1)>";

let server: TestServer;
let profile: string;
let browser: BrowserContext;

/** Verifications over the last three hours with a rush 40 minutes ago, as at the start of an exam. */
async function seedTraffic() {
  const now = Date.now();
  const rows = [];
  for (let minutesAgo = 170; minutesAgo >= 1; minutesAgo--) {
    const rush = Math.max(0, 12 - Math.abs(minutesAgo - 40));
    const perMinute = 1 + (minutesAgo % 3) + rush * 3;
    for (let index = 0; index < perMinute; index++) {
      const rejected = index % 7 === 0;
      rows.push({
        at: now - minutesAgo * 60_000 + index * 100,
        examId: minutesAgo % 2 === 0 ? "KISW-2026-F4" : HOSTILE_EXAM_ID,
        identifierTyped: index === 0 && minutesAgo === 1 ? HOSTILE_IDENTIFIER : `DSM/2024/${String(index).padStart(4, "0")}`,
        outcome: rejected ? ("rejected" as const) : ("accepted" as const),
        reason: rejected ? (index % 2 === 0 ? "wrong_credentials" : "not_enrolled") : null,
        latencyMs: 20 + rush * 15 + (index % 5) * 3,
      });
    }
  }
  await server.database.db.insert(verifications).values(rows);
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing; install Debian's chromium package (apt-get install chromium)`);
  mkdirSync(ARTIFACTS, { recursive: true });
  server = await startTestServer({ MLANGO_LANG: "sw" });
  await seedRoster(server.database.db, "identifier,secret,name\nDSM/2024/0001,simba123,Amina Juma\nDSM/2024/0002,twiga456,محمد عبد الله\n");
  await seedTraffic();
  await postWebhook(server.webhookUrl, { event: "admitted_respondent", respondent_id: "resp-0001", exam_id: "KISW-2026-F4", admittedOn: Date.now() });
  await postWebhook(server.webhookUrl, { event: "result_ready", respondent_id: HOSTILE_IDENTIFIER, exam_id: HOSTILE_EXAM_ID });

  browser = await launchChromium();
}, 60_000);

/**
 * Starts Chromium with a fresh profile, trying a second time if the first
 * start hangs. On a loaded two-core machine Debian's Chromium now and then
 * never completes Playwright's first DevTools handshake.
 */
async function launchChromium(): Promise<BrowserContext> {
  for (let attempt = 1; ; attempt++) {
    profile = mkdtempSync(join(tmpdir(), "mlango-chromium-"));
    try {
      return await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, timeout: 20_000 });
    } catch (error) {
      rmSync(profile, { recursive: true, force: true });
      if (attempt >= 2) throw error;
    }
  }
}

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

/** Opens a page that records console errors, dialogs and any request leaving the server. */
async function openPage(viewport: { width: number; height: number }) {
  // Each test starts signed out and with no language chosen.
  await browser.clearCookies();
  const page = await browser.newPage();
  await page.setViewportSize(viewport);
  const problems: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console: ${message.text()}`);
  });
  page.on("dialog", (dialog) => {
    problems.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on("request", (request) => {
    if (!request.url().startsWith(server.url)) problems.push(`outside request: ${request.url()}`);
  });
  return { page, problems };
}

async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate<number>("document.documentElement.scrollWidth - window.innerWidth");
}

describe("status page in Chromium", () => {
  for (const [device, viewport] of Object.entries(VIEWPORTS)) {
    for (const lang of ["sw", "en"] as const) {
      test(`${device} ${lang}: public view, sign-in and details`, async () => {
        const { page, problems } = await openPage(viewport);

        await page.goto(`${server.url}/?lang=${lang}`);
        await page.screenshot({ path: join(ARTIFACTS, `status-${device}-${lang}-public.png`), fullPage: true });
        const publicHeading = await page.textContent("h1");
        const publicOverflow = await horizontalOverflow(page);
        const checkCount = await page.locator("#checks li.check").count();
        const detailsBeforeSignIn = await page.locator("#roster-size").count();

        await page.fill('input[name="password"]', TEST_ADMIN_PASSWORD);
        await Promise.all([page.waitForURL(`${server.url}/`), page.click('button[type="submit"]')]);
        await page.screenshot({ path: join(ARTIFACTS, `status-${device}-${lang}-admin.png`), fullPage: true });
        await page.locator("#verification-chart").screenshot({ path: join(ARTIFACTS, `status-${device}-${lang}-chart.png`) });
        await page.locator("#checks").screenshot({ path: join(ARTIFACTS, `status-${device}-${lang}-checks.png`) });
        const adminOverflow = await horizontalOverflow(page);
        const chart = await page.locator("#verification-chart-svg").boundingBox();
        const main = await page.locator("main").boundingBox();
        const barCount = await page.locator("#verification-chart-svg rect").count();
        const hostileCell = await page.locator("#exams-seen bdi", { hasText: "onerror" }).first().textContent();
        const rtlCellWidth = await page.locator("#verifications bdi", { hasText: "عبد الله" }).first().evaluate((element) => element.getBoundingClientRect().width);
        const injectedImages = await page.locator("img").count();
        await page.close();

        expect(publicHeading).toBe(HEADINGS[lang]);
        expect(checkCount).toBe(6);
        expect(detailsBeforeSignIn).toBe(0);
        expect(publicOverflow).toBeLessThanOrEqual(0);
        expect(adminOverflow).toBeLessThanOrEqual(0);
        expect(chart!.width).toBeGreaterThan(main!.width * 0.95);
        expect(chart!.width).toBeLessThanOrEqual(main!.width);
        expect(barCount).toBeGreaterThan(170);
        expect(hostileCell).toBe(HOSTILE_EXAM_ID);
        expect(rtlCellWidth).toBeGreaterThan(0);
        expect(injectedImages).toBe(0);
        expect(problems).toEqual([]);
      }, 30_000);
    }
  }

  test("language switch beats the browser's language", async () => {
    const { page, problems } = await openPage(VIEWPORTS.phone);
    await page.setExtraHTTPHeaders({ "accept-language": "sw-TZ,sw;q=0.9" });

    await page.goto(`${server.url}/`);
    const before = await page.getAttribute("html", "lang");
    await Promise.all([page.waitForURL(/lang=en/), page.click('nav a[lang="en"]')]);
    const switched = await page.textContent("h1");
    await page.goto(`${server.url}/`);
    const remembered = await page.getAttribute("html", "lang");
    await page.close();

    expect(before).toBe("sw");
    expect(switched).toBe(HEADINGS.en);
    expect(remembered).toBe("en");
    expect(problems).toEqual([]);
  }, 30_000);
});
