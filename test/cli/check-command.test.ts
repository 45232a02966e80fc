import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { join } from "node:path";
import { runCli } from "../support/run-cli";
import { startTestServer, TEST_ADMIN_PASSWORD, TEST_CREDENTIALS, type TestServer } from "../support/test-server";

let server: TestServer;
let closedPortUrl: string;

beforeAll(async () => {
  server = await startTestServer();
  const probe = Bun.serve({ hostname: "127.0.0.1", port: 0, fetch: () => new Response() });
  closedPortUrl = `http://127.0.0.1:${probe.port}`;
  await probe.stop();
});

afterAll(async () => {
  await server.stop();
});

function checkEnvironment(overrides: Record<string, string>) {
  return {
    MLANGO_CLIENT_ID: TEST_CREDENTIALS.clientId,
    MLANGO_CLIENT_SECRET: TEST_CREDENTIALS.clientSecret,
    MLANGO_ADMIN_PASSWORD: TEST_ADMIN_PASSWORD,
    MLANGO_DATABASE_URL: server.database.url,
    MLANGO_PUBLIC_URL: server.url,
    MLANGO_LANG: "en",
    ...overrides,
  };
}

describe("mlango check", () => {
  test("passes against a working server", async () => {
    const result = await runCli(["check"], { cwd: server.database.folder, env: checkEnvironment({}) });

    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain("All 6 checks passed");
    expect(result.stdout).toContain(`ExamJoint can use ${server.url}/webhook`);
    expect(result.stdout).toContain("Warning: the address starts with http://");
    expect(result.stdout).not.toContain("FAIL");
    expect(result.stdout).not.toContain(TEST_CREDENTIALS.clientSecret);
  });

  test("prints Swahili for MLANGO_LANG=sw", async () => {
    const result = await runCli(["check"], { cwd: server.database.folder, env: checkEnvironment({ MLANGO_LANG: "sw" }) });

    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain("Ukaguzi wote 6 umepita");
  });

  test.each([
    ["wrong client secret", () => ({ MLANGO_CLIENT_SECRET: "not-the-server-secret" }), "differ from the server's"],
    ["no public URL", () => ({ MLANGO_PUBLIC_URL: "" }), "MLANGO_PUBLIC_URL is not set"],
    ["server not running", () => ({ MLANGO_PUBLIC_URL: closedPortUrl }), "make sure mlango serve is running"],
    ["database never migrated", () => ({ MLANGO_DATABASE_URL: `file:${join(server.database.folder, "fresh", "new.db")}` }), "start mlango serve once"],
  ])("fails on %s", async (_name, overrides, fix) => {
    const result = await runCli(["check"], { cwd: server.database.folder, env: checkEnvironment(overrides()) });

    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain("✗ FAIL");
    expect(result.stdout).toContain(fix);
    expect(result.stderr).toContain("checks failed");
  });

  test("names the failed health check", async () => {
    const unhealthy = Bun.serve({
      hostname: "127.0.0.1",
      port: 0,
      fetch: () =>
        Response.json(
          { status: "unhealthy", checks: { database: { state: "ok" }, backup: { state: "fail", last: { error: "ENOENT: no such file or directory" } }, disk: { state: "fail" } } },
          { status: 503 },
        ),
    });
    try {
      const result = await runCli(["check"], { cwd: server.database.folder, env: checkEnvironment({ MLANGO_PUBLIC_URL: `http://127.0.0.1:${unhealthy.port}` }) });

      const healthLine = result.stdout.split("\n").find((line) => line.includes("/health"));
      expect(result.exitCode).toBe(1);
      expect(healthLine).toEndWith("HTTP 503: backup (ENOENT: no such file or directory), disk");
    } finally {
      await unhealthy.stop(true);
    }
  });

  test("missing settings are a usage error", async () => {
    const result = await runCli(["check"], { cwd: server.database.folder, env: checkEnvironment({ MLANGO_CLIENT_ID: "" }) });

    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain("MLANGO_CLIENT_ID");
  });
});
