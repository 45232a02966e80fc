import { describe, expect, test } from "bun:test";
import { formatSettingProblem, loadSettings } from "../../src/config/settings";

const KEY = Buffer.alloc(32, 9);
const SECRET = `whsec_${KEY.toString("base64")}`;

describe("forward settings", () => {
  test("defaults forward nothing", () => {
    const result = loadSettings({});

    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.settings.forward).toEqual({ urls: [], secret: undefined, retryFirstMs: 10_000, retryMaxMs: 3_600_000, giveUpMs: 259_200_000, timeoutMs: 10_000 });
    expect(result.settings.eventsKeepDays).toBe(0);
  });

  test("valid values parsed", () => {
    const result = loadSettings({
      MLANGO_FORWARD_URLS: " https://sis.example.ac.tz/hook , http://127.0.0.1:8081/in,https://sis.example.ac.tz/hook",
      MLANGO_FORWARD_SECRET: SECRET,
      MLANGO_FORWARD_RETRY_FIRST: "250ms",
      MLANGO_FORWARD_RETRY_MAX: "2m",
      MLANGO_FORWARD_GIVE_UP: "12h",
      MLANGO_FORWARD_TIMEOUT: "5s",
      MLANGO_EVENTS_KEEP_DAYS: "90",
    });

    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.settings.forward.urls).toEqual(["https://sis.example.ac.tz/hook", "http://127.0.0.1:8081/in"]);
    expect(result.settings.forward.secret?.equals(KEY)).toBe(true);
    expect(result.settings.forward.retryFirstMs).toBe(250);
    expect(result.settings.forward.retryMaxMs).toBe(120_000);
    expect(result.settings.forward.giveUpMs).toBe(43_200_000);
    expect(result.settings.forward.timeoutMs).toBe(5000);
    expect(result.settings.eventsKeepDays).toBe(90);
  });

  test.each([
    ["URL not http", { MLANGO_FORWARD_URLS: "ftp://files.example.ac.tz/x", MLANGO_FORWARD_SECRET: SECRET }, "MLANGO_FORWARD_URLS", "invalid"],
    ["URL not a URL", { MLANGO_FORWARD_URLS: "sis.example.ac.tz", MLANGO_FORWARD_SECRET: SECRET }, "MLANGO_FORWARD_URLS", "invalid"],
    ["URLs without secret", { MLANGO_FORWARD_URLS: "https://sis.example.ac.tz/hook" }, "MLANGO_FORWARD_SECRET", "missing"],
    ["secret without prefix", { MLANGO_FORWARD_SECRET: KEY.toString("base64") }, "MLANGO_FORWARD_SECRET", "invalid"],
    ["secret too short", { MLANGO_FORWARD_SECRET: `whsec_${Buffer.alloc(8).toString("base64")}` }, "MLANGO_FORWARD_SECRET", "invalid"],
    ["secret not base64", { MLANGO_FORWARD_SECRET: "whsec_not*base64*at*all*0123456789" }, "MLANGO_FORWARD_SECRET", "invalid"],
    ["duration without unit", { MLANGO_FORWARD_GIVE_UP: "72" }, "MLANGO_FORWARD_GIVE_UP", "invalid"],
    ["duration too short", { MLANGO_FORWARD_RETRY_FIRST: "10ms" }, "MLANGO_FORWARD_RETRY_FIRST", "invalid"],
    ["negative days", { MLANGO_EVENTS_KEEP_DAYS: "-1" }, "MLANGO_EVENTS_KEEP_DAYS", "invalid"],
  ] as const)("rejects %s", (_name, env, name, kind) => {
    const result = loadSettings({ ...env });

    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toMatchObject({ name, kind });
  });

  test("secret never shown in problems", () => {
    const badSecret = "whsec_short";
    const result = loadSettings({ MLANGO_FORWARD_SECRET: badSecret });

    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(formatSettingProblem(result.problems[0]!)).not.toContain(badSecret);
  });
});
