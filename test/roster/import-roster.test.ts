import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { importRoster, type ImportOptions } from "../../src/roster/import-roster";
import { parseRosterCsv, type RosterRow, type RowProblem } from "../../src/roster/roster-rows";
import { students } from "../../src/db/schema";
import { verifySecret } from "../../src/roster/secrets";
import { createTempDatabase } from "../support/test-server";

let database: Awaited<ReturnType<typeof createTempDatabase>>;

beforeEach(async () => {
  database = await createTempDatabase();
});

afterEach(() => {
  database.cleanup();
});

const OPTIONS: ImportOptions = {
  mode: "update",
  dryRun: false,
  identifierCaseSensitive: false,
  argon2: { memoryCost: 1024, timeCost: 1 },
  present: { secret: true, name: true, email: true, photo: true, about: true, data: true, exams: false },
  now: Date.now,
};

function asOutcomes(rows: RosterRow[]) {
  return rows.map((row) => ({ kind: "row" as const, row }));
}

async function importText(text: string, options: Partial<ImportOptions> = {}) {
  const parsed = parseRosterCsv(text);
  if (!parsed.ok) return { parsed, report: undefined };
  return { parsed, report: await importRoster(database.db, asOutcomes(parsed.rows), { ...OPTIONS, present: parsed.present, ...options }) };
}

async function storedStudents() {
  return database.db.select().from(students).orderBy(students.identifierKey);
}

describe("roster CSV parsing", () => {
  test("BOM, CRLF, quotes and spaces", async () => {
    const text = '\uFEFF identifier , Name ,about,Class\r\n S-1 ,"Okafor, Chiamaka","line one\r\nline two", 4B \r\n';

    const parsed = parseRosterCsv(text);

    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.rows).toEqual([
      { record: 2, identifier: "S-1", secretKind: "text", name: "Okafor, Chiamaka", about: "line one\r\nline two", data: { class: "4B" }, disabled: false },
    ]);
  });

  test("identifiers stay text", () => {
    const parsed = parseRosterCsv("identifier,secret\n000123,0042\n1e5,1.50\n");

    expect(parsed.ok && parsed.rows.map((row) => [row.identifier, row.secret])).toEqual([
      ["000123", "0042"],
      ["1e5", "1.50"],
    ]);
  });

  test.each([
    ["missing identifier column", "name,class\nAmina,4B\n", [{ record: 1, column: "identifier", code: "missing_identifier_column", detail: "name, class" }]],
    ["empty file", "", [{ record: 0, code: "empty_file" }]],
    ["duplicate header", "identifier,name,Name\nS-1,a,b\n", [{ record: 1, column: "Name", code: "duplicate_column" }]],
    [
      "every bad row listed",
      "identifier,email,photo\nS-1,not-an-email,\n,b@example.ac.tz,\nS-3,,ftp://photos/3.jpg\n",
      [
        { record: 2, column: "email", code: "invalid_email", detail: "not-an-email" },
        { record: 3, column: "identifier", code: "missing_identifier" },
        { record: 4, column: "photo", code: "invalid_photo_url", detail: "ftp://photos/3.jpg" },
      ],
    ],
  ] as [string, string, RowProblem[]][])("%s reported", (_name, text, problems) => {
    const parsed = parseRosterCsv(text);

    expect(parsed).toEqual({ ok: false, problems });
  });

  test("unbalanced quote is malformed", () => {
    const parsed = parseRosterCsv('identifier,name\nS-1,"Amina\n');

    expect(parsed.ok).toBe(false);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.problems[0]!.code).toBe("malformed_csv");
  });

  test("extra field is field_count", () => {
    const parsed = parseRosterCsv("identifier,name\nS-1,Amina,extra\n");

    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.problems[0]).toEqual({ record: 2, code: "field_count", detail: "3/2" });
  });
});

describe("importRoster", () => {
  test("secrets stored as argon2id", async () => {
    await importText("identifier,secret\nS-1,simba123\nS-2,$2b$04$abcdefghijklmnopqrstuu5Cz0T6bWlW8Ch/jnUFTpt/5dm0UiBMy\n");

    const [first, second] = await storedStudents();
    expect(first!.secretHash).toStartWith("$argon2id$");
    expect(await verifySecret("simba123", first!.secretHash!)).toBe(true);
    expect(second!.secretHash).toBe("$2b$04$abcdefghijklmnopqrstuu5Cz0T6bWlW8Ch/jnUFTpt/5dm0UiBMy");
    expect(JSON.stringify(await storedStudents())).not.toContain("simba123");
  });

  test("duplicate identifier names both records", async () => {
    await importText("identifier\nKEEP-1\n");

    const { report } = await importText("identifier,name\nS-1,a\nS-2,b\n s-1 ,c\n");

    expect(report!.problems).toEqual([{ record: 4, column: "identifier", code: "duplicate_identifier", detail: "2" }]);
    expect((await storedStudents()).map((row) => row.identifier)).toEqual(["KEEP-1"]);
  });

  test("dry run writes nothing", async () => {
    const { report } = await importText("identifier,secret\nS-1,a\nS-2,b\n", { dryRun: true });

    expect(report).toMatchObject({ added: 2, updated: 0, dryRun: true });
    expect(await storedStudents()).toHaveLength(0);
  });

  test("re-import updates by identifier", async () => {
    await importText("identifier,secret,name\nS-1,pin-1,Amina\nS-2,pin-2,Baraka\n");
    const before = await storedStudents();

    const { report } = await importText("identifier,secret,name\ns-1,pin-1,Amina Juma\nS-2,pin-2,Baraka\nS-3,pin-3,Chiamaka\n");

    expect(report).toMatchObject({ added: 1, updated: 1, unchanged: 1 });
    const after = await storedStudents();
    expect(after).toHaveLength(3);
    expect(after[0]!.id).toBe(before[0]!.id);
    expect(after[0]!.name).toBe("Amina Juma");
    expect(after[0]!.secretHash).toBe(before[0]!.secretHash);
  });

  test("invalid date of birth rejects file", async () => {
    const parsed = parseRosterCsv("identifier,secret\nS-1,12/03/2008\nS-2,31/02/2008\n");
    if (!parsed.ok) throw new Error("unexpected parse failure");
    const rows = parsed.rows.map((row) => ({ ...row, secretKind: "date" as const }));

    const report = await importRoster(database.db, asOutcomes(rows), OPTIONS);

    expect(report.problems).toEqual([{ record: 3, column: "secret", code: "invalid_date", detail: "31/02/2008" }]);
    expect(await storedStudents()).toHaveLength(0);
  });

  test("date of birth stored as calendar date", async () => {
    const parsed = parseRosterCsv("identifier,secret\nS-1,12/03/2008\n");
    if (!parsed.ok) throw new Error("unexpected parse failure");

    await importRoster(database.db, asOutcomes(parsed.rows.map((row) => ({ ...row, secretKind: "date" as const }))), OPTIONS);

    const [student] = await storedStudents();
    expect(student!.secretKind).toBe("date");
    expect(await verifySecret("2008-03-12", student!.secretHash!)).toBe(true);
  });
});
