import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { events } from "../../src/db/schema";
import { notificationRow } from "../../src/webhook/notification-row";
import { runCli } from "../support/run-cli";
import { createTempDatabase } from "../support/test-server";

const DAY = 86_400_000;
const NOW = Date.now();

let database: Awaited<ReturnType<typeof createTempDatabase>>;

/** Raw bodies stored with chosen receipt times, as the webhook would store them. */
const SEEDED: { raw: string; receivedAt: number }[] = [
  { raw: `{"event":"result_ready","respondent_id":"r-1","exam_id":"math"}`, receivedAt: NOW - 3 * DAY },
  { raw: `{"event":"admitted_respondent","respondent_id":"r-1","exam_id":"math","admittedOn":1719221380326}`, receivedAt: NOW - 2 * DAY },
  { raw: `{"event":"investigation_complete","respondent_id":"r-1","exam_id":"math"}`, receivedAt: NOW - DAY },
  { raw: `{"event":"result_ready","respondent_id":"-5","exam_id":"=HYPERLINK(\\"http://x\\",\\"y\\")"}`, receivedAt: NOW - 1000 },
  { raw: `{"event":"proctor_flagged","respondent_id":"r, 2","exam_id":"bio",\n "big":12345678901234567890}`, receivedAt: NOW },
];

function runEvents(args: string[], env: Record<string, string> = {}) {
  return runCli(["events", ...args], { cwd: database.folder, env: { MLANGO_LANG: "en", MLANGO_DATABASE_URL: database.url, ...env } });
}

function csvRows(stdout: string): string[] {
  return stdout.trimEnd().split("\n");
}

beforeAll(async () => {
  database = await createTempDatabase();
  for (const { raw, receivedAt } of SEEDED) {
    const row = notificationRow(JSON.parse(raw), raw, receivedAt);
    if (!row.ok) throw new Error(`seed body rejected: ${raw}`);
    await database.db.insert(events).values(row.row);
  }
});

afterAll(() => {
  database.cleanup();
});

describe("mlango events", () => {
  test("table lists every event oldest first", async () => {
    const result = await runEvents([]);

    expect(result.exitCode).toBe(0);
    const lines = result.stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^Id\s+Received \(UTC\)\s+Event/);
    expect(lines.slice(2).map((line) => line.split(/\s+/)[0])).toEqual(["1", "2", "3", "4", "5"]);
    expect(lines[3]).toContain("2024-06-24 09:29:40");
  });

  test("table headers in Swahili", async () => {
    const result = await runEvents(["--limit", "1"], { MLANGO_LANG: "sw" });

    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain("Ilipokelewa (UTC)");
  });

  test("csv safe for spreadsheets", async () => {
    const result = await runEvents(["--format", "csv"]);

    const rows = csvRows(result.stdout);
    expect(result.exitCode).toBe(0);
    expect(rows[0]).toBe("id,received_at,type,exam_id,respondent_id,admitted_at,deliveries");
    expect(rows[2]).toMatch(/^2,[^,]+,admitted_respondent,math,r-1,2024-06-24T09:29:40\.326Z,1$/);
    expect(rows[4]).toContain(`,result_ready,"'=HYPERLINK(""http://x"",""y"")",-5,,1`);
    expect(rows[5]).toContain(`,proctor_flagged,bio,"r, 2",,1`);
  });

  test("jsonl keeps bodies whole", async () => {
    const result = await runEvents(["--format", "jsonl", "--type", "proctor_flagged"]);

    const lines = result.stdout.trimEnd().split("\n");
    expect(result.exitCode).toBe(0);
    expect(lines).toHaveLength(1);
    const parsed = JSON.parse(lines[0]!);
    expect(parsed).toMatchObject({ id: 5, type: "proctor_flagged", exam_id: "bio", respondent_id: "r, 2", admitted_at: null, deliveries: 1 });
    expect(parsed.body.event).toBe("proctor_flagged");
    expect(lines[0]).toContain(`"big":12345678901234567890}`);
  });

  test.each([
    ["--exam", ["--exam", "math"], [1, 2, 3]],
    ["--type", ["--type", "result_ready"], [1, 4]],
    ["--since age", ["--since", "36h"], [3, 4, 5]],
    ["--until date-time", ["--until", new Date(NOW - 2 * DAY).toISOString()], [1, 2]],
    ["--since date", ["--since", new Date(NOW + DAY).toISOString().slice(0, 10)], []],
    ["exam and type", ["--exam", "math", "--type", "investigation_complete"], [3]],
    ["--limit", ["--limit", "2"], [1, 2]],
  ] as const)("filter %s", async (_name, args, expectedIds) => {
    const result = await runEvents(["--format", "jsonl", ...args]);

    expect(result.exitCode).toBe(0);
    const ids = result.stdout.trim() === "" ? [] : result.stdout.trimEnd().split("\n").map((line) => JSON.parse(line).id);
    expect(ids).toEqual([...expectedIds]);
  });

  test("sittings show each step", async () => {
    const result = await runEvents(["--sittings", "--format", "csv", "--exam", "math"]);

    const rows = csvRows(result.stdout);
    expect(result.exitCode).toBe(0);
    expect(rows[0]).toBe("exam_id,respondent_id,admitted_at,result_ready_at,investigation_complete_at,events,last_event_at");
    expect(rows).toHaveLength(2);
    const [examId, respondentId, admittedAt, resultReadyAt, investigationAt, eventCount] = rows[1]!.split(",");
    expect([examId, respondentId, admittedAt, eventCount]).toEqual(["math", "r-1", "2024-06-24T09:29:40.326Z", "3"]);
    expect(resultReadyAt).toBe(new Date(SEEDED[0]!.receivedAt).toISOString());
    expect(investigationAt).toBe(new Date(SEEDED[2]!.receivedAt).toISOString());
  });

  test("no match prints a message", async () => {
    const result = await runEvents(["--exam", "nothing-here"]);

    expect(result.exitCode).toBe(0);
    expect(result.stdout.trim()).toBe("No notifications match.");
  });

  test.each([
    ["format", ["--format", "xml"], "--format xml is invalid"],
    ["time", ["--since", "yesterday"], "--since yesterday is not a valid time"],
    ["impossible date", ["--until", "2026-13-45"], "--until 2026-13-45 is not a valid time"],
    ["limit", ["--limit", "0"], "--limit 0 is invalid"],
    ["negative limit", ["--limit", "-3"], "--limit -3 is invalid"],
    ["action", ["resend"], "Unknown action: resend"],
    ["option", ["--exams", "math"], "--exams"],
    ["retry without URLs", ["retry"], "MLANGO_FORWARD_URLS is not set"],
  ] as const)("rejects invalid %s", async (_name, args, message) => {
    const result = await runEvents([...args]);

    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stdout).toBe("");
  });
});
