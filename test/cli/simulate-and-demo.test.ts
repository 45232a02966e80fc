import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { seedRoster } from "../support/roster-fixtures";
import { runCli } from "../support/run-cli";
import { FAST_ARGON2_ENV, startTestServer, TEST_CREDENTIALS, type TestServer } from "../support/test-server";

let server: TestServer;
let folder: string;

beforeAll(async () => {
  server = await startTestServer();
  await seedRoster(server.database.db, "identifier,secret,name\nS-1,pin-1,Amina\n");
  folder = mkdtempSync(join(tmpdir(), "mlango-sim-"));
});

afterAll(async () => {
  await server.stop();
  rmSync(folder, { recursive: true, force: true });
});

const CLIENT_ENV = { MLANGO_CLIENT_ID: TEST_CREDENTIALS.clientId, MLANGO_CLIENT_SECRET: TEST_CREDENTIALS.clientSecret, MLANGO_LANG: "en" };

describe("mlango simulate", () => {
  test("verify prints reply and latency", async () => {
    const run = await runCli(["simulate", "verify", "--url", server.webhookUrl, "--field", "S-1", "--field", "pin-1"], { cwd: folder, env: CLIENT_ENV });

    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(/verify_respondent → HTTP 200 \{"metadata":\{"name":"Amina"\}\} \(\d+(\.\d)? ms\)/);
  });

  test("all sends every notification", async () => {
    const run = await runCli(["simulate", "all", "--url", server.webhookUrl, "--field", "S-1", "--field", "wrong", "--respondent", "r-1"], {
      cwd: folder,
      env: CLIENT_ENV,
    });

    expect(run.exitCode).toBe(0);
    for (const event of ["verify_respondent", "admitted_respondent", "result_ready", "investigation_complete"]) {
      expect(run.stdout).toContain(`${event} → HTTP 200`);
    }
    expect(run.stdout).toContain("errorMessage");
  });

  test("wrong credentials exit 1", async () => {
    const run = await runCli(["simulate", "result", "--url", server.webhookUrl, "--respondent", "r-1"], {
      cwd: folder,
      env: { ...CLIENT_ENV, MLANGO_CLIENT_SECRET: "wrong" },
    });

    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain("HTTP 401");
  });

  test("fixed admission time repeats", async () => {
    const args = ["simulate", "admitted", "--url", server.webhookUrl, "--respondent", "r-repeat", "--admitted-on", "1719221380326"];

    const first = await runCli(args, { cwd: folder, env: CLIENT_ENV });
    const again = await runCli(args, { cwd: folder, env: CLIENT_ENV });

    expect(first.stdout).toContain('"duplicate":false');
    expect(again.stdout).toContain('"duplicate":true');
  });

  test.each([
    [["simulate", "bogus"], "Unknown event: bogus"],
    [["simulate", "result", "--respondent", "r", "--url", "notaurl"], "Invalid address: notaurl"],
    [["simulate", "admitted", "--respondent", "r", "--admitted-on", "soon"], "--admitted-on is invalid: soon"],
  ])("rejects %p", async (args, message) => {
    const run = await runCli(args, { cwd: folder, env: CLIENT_ENV });

    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain(message);
  });

  test("unreachable server explained", async () => {
    const run = await runCli(["simulate", "result", "--url", "http://127.0.0.1:9/webhook", "--respondent", "r-1"], { cwd: folder, env: CLIENT_ENV });

    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain("ECONNREFUSED");
    expect(run.stderr).toContain("Is the server running?");
    expect(run.stderr).not.toContain("Unable to connect");
  });
});

describe("mlango demo", () => {
  test("imports, plays requests and stops", async () => {
    // The school's own settings point elsewhere; the demo must leave that database alone.
    const schoolDatabase = join(folder, "school.db");
    const run = await runCli(["demo", "--no-wait"], {
      cwd: folder,
      env: { MLANGO_PORT: "0", MLANGO_LANG: "en", MLANGO_DATABASE_URL: `file:${schoolDatabase}`, ...FAST_ARGON2_ENV },
    });

    expect(run.stderr).toBe("");
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain("6 added");
    expect(run.stdout).toContain('"metadata":{"name":"Amina Juma Mwinyi"');
    expect(run.stdout).toContain("errorMessage");
    expect(run.stdout).toContain('"duplicate":true');
    expect(existsSync(join(folder, "data", "mlango-demo.db"))).toBe(true);
    expect(existsSync(schoolDatabase)).toBe(false);
  }, 30_000);
});
