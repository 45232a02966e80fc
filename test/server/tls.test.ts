import { describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { loadSettings } from "../../src/config/settings";
import { runCli } from "../support/run-cli";
import { startTestServer, TEST_ADMIN_PASSWORD, TEST_CREDENTIALS } from "../support/test-server";

/** A self-signed certificate for 127.0.0.1, valid for 100 years, made for these tests only. */
const TLS_FOLDER = join(import.meta.dir, "../fixtures/tls");
const CERT = join(TLS_FOLDER, "cert.pem");
const KEY = join(TLS_FOLDER, "key.pem");

describe("TLS", () => {
  test("serves HTTPS with the configured certificate", async () => {
    const server = await startTestServer({ MLANGO_TLS_CERT: CERT, MLANGO_TLS_KEY: KEY });
    try {
      const response = await fetch(`${server.url}/health`, { tls: { ca: readFileSync(CERT, "utf8") } } as RequestInit);

      expect(server.url.startsWith("https://127.0.0.1:")).toBe(true);
      expect(response.status).toBe(200);
    } finally {
      await server.stop();
    }
  });

  test("sign-in cookie is Secure over HTTPS", async () => {
    const server = await startTestServer({ MLANGO_TLS_CERT: CERT, MLANGO_TLS_KEY: KEY });
    try {
      const response = await fetch(`${server.url}/login`, {
        method: "POST",
        body: `password=${TEST_ADMIN_PASSWORD}`,
        redirect: "manual",
        tls: { ca: readFileSync(CERT, "utf8") },
      } as RequestInit);

      expect(response.status).toBe(303);
      expect(response.headers.get("set-cookie")).toContain("; Secure");
    } finally {
      await server.stop();
    }
  });

  test.each([
    ["certificate without key", { MLANGO_TLS_CERT: CERT }, "MLANGO_TLS_KEY"],
    ["key without certificate", { MLANGO_TLS_KEY: KEY }, "MLANGO_TLS_CERT"],
  ])("%s is reported as missing", (_name, variables, missing) => {
    const result = loadSettings(variables);

    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.problems.map((problem) => [problem.name, problem.kind])).toEqual([[missing, "missing"]]);
  });

  test("serve stops on an unreadable certificate path", async () => {
    const result = await runCli(["serve"], {
      cwd: TLS_FOLDER,
      env: {
        MLANGO_CLIENT_ID: TEST_CREDENTIALS.clientId,
        MLANGO_CLIENT_SECRET: TEST_CREDENTIALS.clientSecret,
        MLANGO_ADMIN_PASSWORD: TEST_ADMIN_PASSWORD,
        MLANGO_DATABASE_URL: "file::memory:",
        MLANGO_TLS_CERT: join(TLS_FOLDER, "missing.pem"),
        MLANGO_TLS_KEY: KEY,
        MLANGO_LANG: "en",
      },
    });

    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain(`MLANGO_TLS_CERT=${join(TLS_FOLDER, "missing.pem")} cannot be read (ENOENT)`);
  });
});
