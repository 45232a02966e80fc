import { describe, expect, test } from "bun:test";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readEnvironment } from "../../src/config/environment";
import { formatSettingProblem, loadSettings, SERVE_REQUIRED } from "../../src/config/settings";

const REQUIRED = { MLANGO_CLIENT_ID: "id", MLANGO_CLIENT_SECRET: "secret-value", MLANGO_ADMIN_PASSWORD: "long-enough" };

describe("loadSettings", () => {
  test("defaults from the contract", () => {
    const result = loadSettings(REQUIRED, SERVE_REQUIRED);

    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.settings).toMatchObject({
      host: "0.0.0.0",
      port: 8080,
      databaseUrl: "file:data/mlango.db",
      lang: "sw",
      defaultFieldRoles: "identifier,secret",
    });
  });

  test("every missing required setting named", () => {
    const result = loadSettings({}, SERVE_REQUIRED);

    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems.map((problem) => [problem.name, problem.kind])).toEqual([
      ["MLANGO_CLIENT_ID", "missing"],
      ["MLANGO_CLIENT_SECRET", "missing"],
      ["MLANGO_ADMIN_PASSWORD", "missing"],
    ]);
  });

  test.each([
    ["MLANGO_PORT", "eighty"],
    ["MLANGO_PORT", "70000"],
    ["MLANGO_DATABASE_URL", "postgres://db/mlango"],
    ["MLANGO_PUBLIC_URL", "mlango.school"],
    ["MLANGO_LANG", "fr"],
    ["MLANGO_FIELDS", "identifier,password"],
    ["MLANGO_FIELDS", "secret,ignore"],
    ["MLANGO_IDENTIFIER_CASE_SENSITIVE", "maybe"],
    ["MLANGO_MAX_BODY_BYTES", "12"],
  ])("%s=%p is invalid", (name, value) => {
    const result = loadSettings({ ...REQUIRED, [name]: value }, SERVE_REQUIRED);

    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toHaveLength(1);
    const line = formatSettingProblem(result.problems[0]!);
    expect(line).toStartWith(`${name}=${JSON.stringify(value)} si sahihi:`);
    expect(line).toContain(`| ${name} is invalid:`);
  });

  test("secret values never printed", () => {
    const result = loadSettings({ ...REQUIRED, MLANGO_ADMIN_PASSWORD: "short" }, SERVE_REQUIRED);

    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(formatSettingProblem(result.problems[0]!)).not.toContain("short");
  });

  test("empty variable counts as unset", () => {
    const result = loadSettings({ ...REQUIRED, MLANGO_PORT: "" }, SERVE_REQUIRED);

    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.settings.port).toBe(8080);
  });

  test("public URL trailing slash dropped", () => {
    const result = loadSettings({ ...REQUIRED, MLANGO_PUBLIC_URL: "https://mlango.example.ac.tz/" }, SERVE_REQUIRED);

    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.settings.publicUrl).toBe("https://mlango.example.ac.tz");
  });
});

describe("readEnvironment", () => {
  test("environment wins over .env", () => {
    const folder = mkdtempSync(join(tmpdir(), "mlango-env-"));
    writeFileSync(join(folder, ".env"), "MLANGO_PORT=9000\nMLANGO_LANG=en\n# comment\n");

    const env = readEnvironment(folder, { MLANGO_PORT: "9100" });

    expect(env.MLANGO_PORT).toBe("9100");
    expect(env.MLANGO_LANG).toBe("en");
  });
});
