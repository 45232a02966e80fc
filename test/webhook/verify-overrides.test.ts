import { afterAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { formatSettingProblem, loadSettings } from "../../src/config/settings";
import { STUDENT_MESSAGES } from "../../src/i18n/student-messages";
import { runCli } from "../support/run-cli";
import { postWebhook, startTestServer, TEST_ADMIN_PASSWORD, TEST_CREDENTIALS } from "../support/test-server";

const folder = mkdtempSync(join(tmpdir(), "mlango-overrides-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe("student message overrides", () => {
  test("server answers with school texts", async () => {
    const path = join(folder, "messages.json");
    writeFileSync(path, JSON.stringify({ sw: { wrong_credentials: "Namba au nenosiri si sahihi. Uliza ofisi ya mitihani." }, lg: { wrong_credentials: "Ebikwata ku ggwe si bituufu." } }));
    const server = await startTestServer({ MLANGO_STUDENT_MESSAGES_FILE: path });
    try {
      const body = (lang: string) => ({ event: "verify_respondent", fields: [{ position: 0, value: "nobody" }, { position: 1, value: "x" }], choosenLang: lang });

      expect((await postWebhook(server.webhookUrl, body("sw-TZ"))).json).toEqual({ errorMessage: "Namba au nenosiri si sahihi. Uliza ofisi ya mitihani." });
      expect((await postWebhook(server.webhookUrl, body("lg"))).json).toEqual({ errorMessage: "Ebikwata ku ggwe si bituufu." });
      expect((await postWebhook(server.webhookUrl, body("fr"))).json).toEqual({ errorMessage: STUDENT_MESSAGES.fr!.wrong_credentials });
    } finally {
      await server.stop();
    }
  });

  test("serve refuses invalid file", async () => {
    const path = join(folder, "broken.json");
    writeFileSync(path, JSON.stringify({ sw: { bussy: "Subiri." } }));

    const result = await runCli(["serve"], {
      cwd: folder,
      env: {
        MLANGO_CLIENT_ID: TEST_CREDENTIALS.clientId,
        MLANGO_CLIENT_SECRET: TEST_CREDENTIALS.clientSecret,
        MLANGO_ADMIN_PASSWORD: TEST_ADMIN_PASSWORD,
        MLANGO_DATABASE_URL: `file:${join(folder, "serve.db")}`,
        MLANGO_PORT: "0",
        MLANGO_HOST: "127.0.0.1",
        MLANGO_STUDENT_MESSAGES_FILE: path,
      },
    });

    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain(`MLANGO_STUDENT_MESSAGES_FILE="${path}" si sahihi: "sw"."bussy": sababu isiyojulikana`);
    expect(result.stderr).toContain(`MLANGO_STUDENT_MESSAGES_FILE="${path}" is invalid: "sw"."bussy": unknown reason`);
  });
});

describe("verification settings", () => {
  test.each([
    ["MLANGO_VERIFY_DEADLINE_MS", "60000"],
    ["MLANGO_VERIFY_DEADLINE_MS", "50s"],
    ["MLANGO_VERIFY_CONCURRENCY", "0"],
    ["MLANGO_VERIFY_CACHE_SECONDS", "-1"],
    ["MLANGO_LOCKOUT_MAX_FAILURES", "0"],
    ["MLANGO_LOCKOUT_WINDOW_MINUTES", "1441"],
    ["MLANGO_LOCKOUT_DURATION_MINUTES", "ten"],
    ["MLANGO_STUDENT_MESSAGES_FILE", join(folder, "absent.json")],
  ])("%s=%p rejected", (name, value) => {
    const result = loadSettings({ [name]: value });

    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((problem) => problem.name)).toEqual([name]);
    expect(formatSettingProblem(result.problems[0]!)).toContain(`${name}=${JSON.stringify(value)}`);
  });

  test("defaults", () => {
    const result = loadSettings({});

    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.settings.verifyDeadlineMs).toBe(50_000);
    expect(result.settings.lockout).toEqual({ maxFailures: 5, windowMs: 15 * 60_000, durationMs: 15 * 60_000 });
    expect(result.settings.verifyCacheMs).toBe(120_000);
    expect(result.settings.verifyConcurrency).toBeGreaterThanOrEqual(1);
    expect(result.settings.studentMessageOverrides).toEqual({});
  });
});
