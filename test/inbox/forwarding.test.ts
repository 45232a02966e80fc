import { afterAll, afterEach, beforeAll, describe, expect, test } from "bun:test";
import { createHmac, randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { forwardDeliveries } from "../../src/db/schema";
import { silentLogger } from "../../src/log/logger";
import { startServer } from "../../src/server";
import { contractBody } from "../support/contract-bodies";
import { runCli } from "../support/run-cli";
import { createTempDatabase, postWebhook, startTestServer, testSettings, type TestServer } from "../support/test-server";

const SECRET_KEY = randomBytes(32);
const SECRET = `whsec_${SECRET_KEY.toString("base64")}`;

interface ReceivedRequest {
  path: string;
  headers: Record<string, string>;
  body: string;
  status: number;
}

/** Starts a downstream system on 127.0.0.1 that returns 503 while `failing` is true and records every request. */
function startReceiver() {
  const received: ReceivedRequest[] = [];
  const state = { failing: true };
  const receiver = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    async fetch(request) {
      const path = new URL(request.url).pathname;
      if (path === "/moved") return new Response(null, { status: 302, headers: { location: "/elsewhere" } });
      const status = path === "/elsewhere" || !state.failing ? 200 : 503;
      received.push({ path, headers: Object.fromEntries(request.headers), body: await request.text(), status });
      return new Response(status === 200 ? "ok" : "down", { status });
    },
  });
  return { url: `http://127.0.0.1:${receiver.port}`, received, state, stop: () => receiver.stop(true) };
}

/** Recomputes the Standard Webhooks signature from the secret, independently of the code under test. */
function expectedSignature(request: ReceivedRequest): string {
  const signed = `${request.headers["webhook-id"]}.${request.headers["webhook-timestamp"]}.${request.body}`;
  return `v1,${createHmac("sha256", SECRET_KEY).update(signed).digest("base64")}`;
}

async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await Bun.sleep(25);
  }
}

const FAST_RETRIES = { MLANGO_FORWARD_SECRET: SECRET, MLANGO_FORWARD_RETRY_FIRST: "100ms", MLANGO_FORWARD_RETRY_MAX: "300ms" };

let receiver: ReturnType<typeof startReceiver>;
let server: TestServer | undefined;

beforeAll(() => {
  receiver = startReceiver();
});

afterAll(() => {
  receiver.stop();
});

afterEach(async () => {
  await server?.stop();
  server = undefined;
  receiver.received.length = 0;
  receiver.state.failing = true;
});

describe("forwarding", () => {
  test("retries until the receiver recovers", async () => {
    server = await startTestServer({ ...FAST_RETRIES, MLANGO_FORWARD_URLS: `${receiver.url}/hook` });
    const body = contractBody("admitted-respondent");

    const reply = await postWebhook(server.webhookUrl, body);
    await waitFor(() => receiver.received.length >= 3);
    receiver.state.failing = false;
    await waitFor(() => receiver.received.some((request) => request.status === 200));

    expect(reply.status).toBe(200);
    const ids = new Set(receiver.received.map((request) => request.headers["webhook-id"]));
    expect(ids.size).toBe(1);
    for (const request of receiver.received) {
      expect(request.path).toBe("/hook");
      expect(request.headers["webhook-signature"]).toBe(expectedSignature(request));
      expect(Math.abs(Number(request.headers["webhook-timestamp"]) - Date.now() / 1000)).toBeLessThan(60);
      expect(JSON.parse(request.body)).toEqual({ type: body.event, timestamp: expect.any(String), data: body });
    }
    await waitFor(async () => {
      const [delivery] = await server!.database.db.select().from(forwardDeliveries);
      return delivery?.status === "delivered";
    });
    const [delivery] = await server.database.db.select().from(forwardDeliveries);
    expect(delivery!.attempts).toBe(receiver.received.length);
    expect(delivery!.lastError).toBeNull();
  });

  test("repeat is not forwarded again", async () => {
    receiver.state.failing = false;
    server = await startTestServer({ ...FAST_RETRIES, MLANGO_FORWARD_URLS: `${receiver.url}/a,${receiver.url}/b` });
    const body = contractBody("result-ready");

    await postWebhook(server.webhookUrl, body);
    await postWebhook(server.webhookUrl, body);
    await waitFor(() => receiver.received.length >= 2);
    await Bun.sleep(300);

    expect(receiver.received.map((request) => request.path).sort()).toEqual(["/a", "/b"]);
    expect(await server.database.db.select().from(forwardDeliveries)).toHaveLength(2);
  });

  test("redirect is not followed", async () => {
    server = await startTestServer({ ...FAST_RETRIES, MLANGO_FORWARD_URLS: `${receiver.url}/moved`, MLANGO_FORWARD_GIVE_UP: "1s" });

    await postWebhook(server.webhookUrl, contractBody("investigation-complete"));
    await waitFor(async () => {
      const [delivery] = await server!.database.db.select().from(forwardDeliveries);
      return delivery?.status === "failed";
    });

    const [delivery] = await server.database.db.select().from(forwardDeliveries);
    expect(delivery!.lastError).toBe("HTTP 302");
    expect(receiver.received.filter((request) => request.path === "/elsewhere")).toHaveLength(0);
  });

  test("gives up, then retry command resends", async () => {
    server = await startTestServer({ ...FAST_RETRIES, MLANGO_FORWARD_URLS: `${receiver.url}/hook`, MLANGO_FORWARD_GIVE_UP: "1s" });
    const failedDelivery = async () => (await server!.database.db.select().from(forwardDeliveries))[0];

    await postWebhook(server.webhookUrl, contractBody("result-ready"));
    await waitFor(async () => (await failedDelivery())?.status === "failed");
    const attemptsBeforeGivingUp = receiver.received.length;
    await Bun.sleep(400);
    const attemptsAfterGivingUp = receiver.received.length;
    receiver.state.failing = false;
    const retry = await runCli(["events", "retry"], {
      cwd: server.database.folder,
      env: { MLANGO_LANG: "en", MLANGO_DATABASE_URL: server.database.url, MLANGO_FORWARD_URLS: `${receiver.url}/hook`, MLANGO_FORWARD_SECRET: SECRET },
    });
    await waitFor(async () => (await failedDelivery())?.status === "delivered");

    expect(attemptsBeforeGivingUp).toBeGreaterThanOrEqual(2);
    expect(attemptsAfterGivingUp).toBe(attemptsBeforeGivingUp);
    expect(retry.exitCode).toBe(0);
    expect(retry.stdout).toContain("Deliveries queued again: 1.");
    expect(receiver.received.at(-1)!.headers["webhook-signature"]).toBe(expectedSignature(receiver.received.at(-1)!));
  });

  test("pending delivery survives a restart", async () => {
    const database = await createTempDatabase();
    const settings = testSettings({ ...FAST_RETRIES, MLANGO_FORWARD_URLS: `${receiver.url}/hook` }, database.url);
    const first = startServer(settings, database, silentLogger);
    await postWebhook(`${first.url}/webhook`, contractBody("admitted-respondent"));
    await waitFor(() => receiver.received.length >= 1);
    await first.stop();
    const attemptsBeforeRestart = receiver.received.length;

    receiver.state.failing = false;
    const second = startServer(settings, database, silentLogger);
    await waitFor(() => receiver.received.some((request) => request.status === 200));
    await second.stop();
    const deliveries = await database.db.select().from(forwardDeliveries).where(eq(forwardDeliveries.status, "delivered"));
    database.cleanup();

    expect(attemptsBeforeRestart).toBeGreaterThanOrEqual(1);
    expect(deliveries).toHaveLength(1);
    expect(new Set(receiver.received.map((request) => request.headers["webhook-id"])).size).toBe(1);
  });

  test("removed URL is not called", async () => {
    const database = await createTempDatabase();
    const before = testSettings({ ...FAST_RETRIES, MLANGO_FORWARD_URLS: `${receiver.url}/old`, MLANGO_FORWARD_RETRY_FIRST: "1h" }, database.url);
    const first = startServer(before, database, silentLogger);
    await postWebhook(`${first.url}/webhook`, contractBody("result-ready"));
    await waitFor(() => receiver.received.length >= 1);
    await first.stop();

    const second = startServer(testSettings({ ...FAST_RETRIES, MLANGO_FORWARD_URLS: `${receiver.url}/new` }, database.url), database, silentLogger);
    await Bun.sleep(300);
    await second.stop();
    const [delivery] = await database.db.select().from(forwardDeliveries);
    database.cleanup();

    expect(receiver.received.map((request) => request.path)).toEqual(["/old"]);
    expect(delivery!.status).toBe("failed");
    expect(delivery!.lastError).toContain("MLANGO_FORWARD_URLS");
  });
});
