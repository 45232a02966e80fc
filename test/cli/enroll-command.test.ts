import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { sql } from "drizzle-orm";
import { delimited, encodeSingleByte, rosterSnapshot, runMlango, utf8, writeFixture } from "../support/roster-files";
import { createTempDatabase } from "../support/test-server";

let database: Awaited<ReturnType<typeof createTempDatabase>>;

beforeEach(async () => {
  database = await createTempDatabase();
  writeFixture(database.folder, "roster.csv", utf8(delimited([["identifier", "name"], ["000123", "Asha"], ["A2", "Baraka"], ["Ö-3", "Özil"]])));
  expect((await runMlango(database.folder, ["import", "roster.csv"])).code).toBe(0);
});

afterEach(() => {
  database.cleanup();
});

async function enrolled(examId: string): Promise<string[]> {
  const rows = await database.db.all<{ identifier: string }>(
    sql`SELECT s.identifier FROM enrollments e JOIN students s ON s.id = e.student_id WHERE e.exam_id = ${examId} ORDER BY s.identifier`,
  );
  return rows.map((row) => row.identifier);
}

describe("enroll", () => {
  test("enrolls the listed students", async () => {
    writeFixture(database.folder, "math.csv", encodeSingleByte("Matric No;Name\r\n000123;Asha\r\nö-3;Özil\r\n;\r\n", "windows-1252"));

    const run = await runMlango(database.folder, ["enroll", "math-1", "math.csv"]);

    expect(run.code).toBe(0);
    expect(run.out).toContain("Exam math-1: 2 students in the file, 2 newly enrolled; 2 enrolled now.");
    expect(run.out).toContain("--require-enrollment");
    expect(await enrolled("math-1")).toEqual(["000123", "Ö-3"]);
  });

  test("--replace makes the file the full list", async () => {
    writeFixture(database.folder, "first.csv", utf8("identifier\n000123\nA2\n"));
    writeFixture(database.folder, "second.csv", utf8("identifier\nA2\n"));
    await runMlango(database.folder, ["enroll", "math-1", "first.csv"]);

    const run = await runMlango(database.folder, ["enroll", "math-1", "second.csv", "--replace"]);

    expect(run.code).toBe(0);
    expect(await enrolled("math-1")).toEqual(["A2"]);
  });

  test("unknown identifier changes nothing", async () => {
    writeFixture(database.folder, "math.csv", utf8("identifier\n000123\n123\n"));
    const before = await rosterSnapshot(database.db);

    const run = await runMlango(database.folder, ["enroll", "math-1", "math.csv"]);

    expect(run.code).toBe(1);
    expect(run.err).toContain('record 3, identifier: unknown_student');
    expect(await rosterSnapshot(database.db)).toBe(before);
  });

  test("missing file argument is a usage error", async () => {
    const run = await runMlango(database.folder, ["enroll", "math-1"]);

    expect(run.code).toBe(2);
    expect(run.err).toContain("Missing: EXAM_ID FILE.csv");
  });
});
