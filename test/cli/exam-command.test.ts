import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { exams } from "../../src/db/schema";
import { runCli } from "../support/run-cli";
import { createTempDatabase } from "../support/test-server";

let database: Awaited<ReturnType<typeof createTempDatabase>>;
let env: Record<string, string>;

beforeAll(async () => {
  database = await createTempDatabase();
  env = { MLANGO_DATABASE_URL: database.url, MLANGO_LANG: "en" };
});

afterAll(() => database.cleanup());

describe("mlango exam", () => {
  test("set stores roles and prints positions", async () => {
    const result = await runCli(["exam", "set", "math-2026", "--fields", " Email, ignore ,SECRET", "--require-enrollment"], { cwd: database.folder, env });

    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain("Exam math-2026: fields email,ignore,secret, enrollment required");
    expect(result.stdout).toContain("position 2: secret");
    const rows = await database.db.select().from(exams);
    expect(rows).toEqual([expect.objectContaining({ examId: "math-2026", fieldRoles: "email,ignore,secret", enrollmentRequired: true })]);
  });

  test("set again replaces mapping", async () => {
    const result = await runCli(["exam", "set", "math-2026", "--fields", "identifier,secret"], { cwd: database.folder, env });

    expect(result.exitCode).toBe(0);
    const rows = await database.db.select().from(exams);
    expect(rows).toEqual([expect.objectContaining({ examId: "math-2026", fieldRoles: "identifier,secret", enrollmentRequired: false })]);
  });

  test("list shows exams and default", async () => {
    const result = await runCli(["exam", "list"], { cwd: database.folder, env: { ...env, MLANGO_LANG: "sw" } });

    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain("Mtihani math-2026: sehemu identifier,secret");
    expect(result.stdout).toContain("nafasi 0: identifier");
    expect(result.stdout).toContain("Mitihani mingine yote: sehemu identifier,secret (MLANGO_FIELDS)");
  });

  test.each([
    ["unknown role", ["exam", "set", "x", "--fields", "identifier,password"], 'unknown role "password"'],
    ["no login role", ["exam", "set", "x", "--fields", "ignore,secret"], "no position has the role identifier or email"],
    ["secret twice", ["exam", "set", "x", "--fields", "identifier,secret,secret"], "the role secret appears more than once"],
    ["missing fields", ["exam", "set", "x"], "Missing: --fields"],
    ["missing exam id", ["exam", "set"], "Missing: EXAM_ID"],
    ["unknown action", ["exam", "remove", "x"], "Unknown action: remove"],
    ["unknown option", ["exam", "set", "x", "--feilds", "identifier"], "--feilds"],
  ])("rejects %s", async (_name, args, expected) => {
    const before = await database.db.select().from(exams);

    const result = await runCli(args, { cwd: database.folder, env });

    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain(expected);
    expect(await database.db.select().from(exams)).toEqual(before);
  });
});
