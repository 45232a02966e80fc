import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { hostname } from "node:os";
import { sql } from "drizzle-orm";
import { verifySecret } from "../../src/roster/secrets";
import {
  delimited,
  encodeSingleByte,
  encodeUtf16,
  rosterSnapshot,
  runMlango,
  storedStudents,
  utf8,
  writeFixture,
} from "../support/roster-files";
import { createTempDatabase } from "../support/test-server";

let database: Awaited<ReturnType<typeof createTempDatabase>>;

beforeEach(async () => {
  database = await createTempDatabase();
});

afterEach(() => {
  database.cleanup();
});

const NAMES = [
  ["Matric No", "Full Name", "Password"],
  ["000123", "Zoë Müller", "pässword-1"],
  ["CS/2024/0045", "José Niño", "señor€-2"],
];

async function importFile(name: string, content: string | Uint8Array, ...flags: string[]) {
  writeFixture(database.folder, name, content);
  return runMlango(database.folder, ["import", name, ...flags]);
}

async function namesByIdentifier() {
  const rows = await storedStudents(database.db);
  return Object.fromEntries(rows.map((row) => [row.identifier, row.name]));
}

describe("import encodings", () => {
  test.each([
    ["utf-8 with BOM (Excel CSV UTF-8)", "utf-8", utf8(delimited(NAMES), true)],
    ["utf-8 without BOM, LF", "utf-8", utf8(delimited(NAMES, ",", "\n"))],
    ["utf-16le with BOM and tabs (Excel Unicode text)", "utf-16le", encodeUtf16(delimited(NAMES, "\t"), "le")],
    ["utf-16be with BOM", "utf-16be", encodeUtf16(delimited(NAMES, "\t"), "be")],
    ["windows-1252 (Excel CSV on Windows)", "windows-1252", encodeSingleByte(delimited(NAMES), "windows-1252")],
    ["mac roman with CR line ends (Excel Macintosh CSV)", "macintosh", encodeSingleByte(delimited(NAMES.slice(0, 2), ",", "\r"), "macintosh")],
  ])("%s", async (_name, encoding, bytes) => {
    const run = await importFile("roster.csv", bytes);

    expect(run.code).toBe(0);
    expect(run.out).toContain(`encoding ${encoding} (detected)`);
    const names = await namesByIdentifier();
    expect(names["000123"]).toBe("Zoë Müller");
    if (encoding !== "macintosh") expect(names["CS/2024/0045"]).toBe("José Niño");
    const stored = JSON.stringify(await storedStudents(database.db));
    expect(stored).not.toContain("\uFEFF");
    expect(stored).not.toContain("\uFFFD");
    expect(stored).not.toContain("\\u0000");
  });

  test("windows-1252 secret hashed from decoded text", async () => {
    await importFile("roster.csv", encodeSingleByte(delimited(NAMES), "windows-1252"));

    const [, second] = await storedStudents(database.db);
    expect(await verifySecret("señor€-2", second!.secret_hash)).toBe(true);
  });

  test("invalid utf-8 after the sample is rejected", async () => {
    const before = await rosterSnapshot(database.db);
    const good = delimited([["identifier", "name"], ...Array.from({ length: 5000 }, (_, index) => [`S${index}`, "Amani Ñandú"])]);
    const bytes = Uint8Array.from([...utf8(good), ...encodeSingleByte("S9999,Ñandú\r\n", "windows-1252")]);

    const run = await importFile("roster.csv", bytes);

    expect(run.code).toBe(1);
    expect(run.err).toContain("invalid_encoding");
    expect(run.err).toContain("--encoding");
    expect(await rosterSnapshot(database.db)).toBe(before);
  });

  test("--encoding overrides detection", async () => {
    // "Ü" alone is 0x86 in Mac Roman; read as Windows-1252 it would be "†".
    const bytes = encodeSingleByte(delimited([["identifier", "name"], ["A1", "Ülkü"]]), "macintosh");

    const run = await importFile("roster.csv", bytes, "--encoding", "mac-roman");

    expect(run.code).toBe(0);
    expect(run.out).toContain("encoding macintosh (--encoding)");
    expect((await namesByIdentifier())["A1"]).toBe("Ülkü");
  });

  test("unknown --encoding is a usage error", async () => {
    const run = await importFile("roster.csv", utf8("identifier\nA1\n"), "--encoding", "ebcdic");

    expect(run.code).toBe(2);
    expect(run.err).toContain('--encoding "ebcdic" is invalid');
  });

  test("NUL inside a value is rejected", async () => {
    const before = await rosterSnapshot(database.db);

    const run = await importFile("roster.csv", utf8("identifier,name\nA1,Ami\u0000na\n"));

    expect(run.code).toBe(1);
    expect(run.err).toContain("record 2, name: invalid_character");
    expect(await rosterSnapshot(database.db)).toBe(before);
  });
});

describe("import shape", () => {
  test("LibreOffice quote-all-text export", async () => {
    // LibreOffice's "Quote all text cells" option: UTF-8 without BOM, LF, text quoted, numbers bare.
    const text = '"Index Number","Name","Form"\n"S0100/0012/2025","Neema ""Nee"" Kimaro",3\n"S0100/0013/2025","Ülkü Şahin",3\n';

    const run = await importFile("roster.csv", utf8(text));

    expect(run.code).toBe(0);
    expect(await namesByIdentifier()).toEqual({ "S0100/0012/2025": 'Neema "Nee" Kimaro', "S0100/0013/2025": "Ülkü Şahin" });
  });

  test("semicolon file with commas in values (European Excel)", async () => {
    const text = 'Admission Number;Student Name;Fees\r\n0042;"Wanjiru, Grace";1.250,50\r\n';

    const run = await importFile("roster.csv", utf8(text, true));

    expect(run.code).toBe(0);
    expect(run.out).toContain('delimiter ";" (detected)');
    const [student] = await storedStudents(database.db);
    expect(student!.identifier).toBe("0042");
    expect(student!.name).toBe("Wanjiru, Grace");
    expect(JSON.parse(student!.data)).toEqual({ Fees: "1.250,50" });
  });

  test("quoted header delimiter does not decide", async () => {
    const text = '"id;x"|"Full, Name"|PIN\n7|A, B|1\n';

    const run = await importFile("roster.csv", utf8(text), "--column", "identifier=id;x");

    expect(run.code).toBe(0);
    expect(run.out).toContain('delimiter "|" (detected)');
  });

  test("--delimiter overrides detection", async () => {
    const run = await importFile("roster.csv", utf8("identifier;name\nA1;x,y\n"), "--delimiter", "semicolon");

    expect(run.code).toBe(0);
    expect(run.out).toContain('delimiter ";" (--delimiter)');
  });

  test("blank and delimiter-only rows are skipped and counted", async () => {
    const run = await importFile("roster.csv", utf8("identifier,name\r\nA1,Asha\r\n\r\n,\r\n , \r\nA2,Baraka\r\n"));

    expect(run.code).toBe(0);
    expect(run.out).toContain("2 added, 0 updated, 0 unchanged, 0 disabled, 3 skipped, 0 rejected");
  });

  test("short record names its record number", async () => {
    const before = await rosterSnapshot(database.db);

    const run = await importFile("roster.csv", utf8("identifier,name,class\nA1,Asha,4B\nA2,Baraka\n"));

    expect(run.code).toBe(1);
    expect(run.err).toContain("record 3: field_count");
    expect(await rosterSnapshot(database.db)).toBe(before);
  });

  test("unclosed quote is malformed_csv", async () => {
    const before = await rosterSnapshot(database.db);

    const run = await importFile("roster.csv", utf8('identifier,name\nA1,"Asha\n'));

    expect(run.code).toBe(1);
    expect(run.err).toContain("malformed_csv");
    expect(run.err).toContain("a quotation mark (\") is opened and never closed");
    expect(await rosterSnapshot(database.db)).toBe(before);
  });

  test("stray quote names its record", async () => {
    const run = await importFile("roster.csv", utf8('identifier,name\nA1,Asha\nA2,Baraka\nA3,Chausiku\nA4,Dau"di\nA5,Eliya\n'));

    expect(run.code).toBe(1);
    expect(run.err).toContain("record 5: malformed_csv — malformed CSV: a quotation mark starts in the middle of a value");
  });

  test("problems listed in file order", async () => {
    // Duplicates are found in a later pass than the problems of single rows.
    const rows = ["identifier,email", "A1,a1@shule.ac.tz", "A1,a2@shule.ac.tz", "A3,not-an-email", "A4,a4@shule.ac.tz", "A4,a5@shule.ac.tz", ",a6@shule.ac.tz"];
    const run = await importFile("roster.csv", utf8(rows.join("\n") + "\n"));

    const records = [...run.err.matchAll(/^ +record (\d+)/gm)].map((match) => Number(match[1]));
    expect(run.code).toBe(1);
    expect(records).toEqual([3, 4, 6, 7]);
  });
});

describe("import columns", () => {
  test.each([
    ["Reg. No", "reg no"],
    ["REGISTRATION_NUMBER", "registration number"],
    ["Admission No.", "admission number"],
    ["Index Number", "index number"],
    ["Student ID", "student id"],
    ["username", "username"],
    ["Matric_No", "matric no"],
  ])("identifier alias %s", async (header) => {
    const run = await importFile("roster.csv", utf8(delimited([[header, "PIN"], ["0007", "4321"]])));

    expect(run.code).toBe(0);
    const [student] = await storedStudents(database.db);
    expect(student!.identifier).toBe("0007");
    expect(await verifySecret("4321", student!.secret_hash)).toBe(true);
  });

  test("email alone becomes the identifier", async () => {
    const run = await importFile("roster.csv", utf8("E-mail,Name\nasha@school.ac.tz,Asha\n"));

    expect(run.code).toBe(0);
    const [student] = await storedStudents(database.db);
    expect(student!.identifier).toBe("asha@school.ac.tz");
    expect(student!.email).toBe("asha@school.ac.tz");
  });

  test("first, middle and last names are joined", async () => {
    await importFile("roster.csv", utf8(delimited([["Adm No", "First Name", "Middle Name", "Last Name"], ["1", "Asha", "Neema", "Mwangi"], ["2", "Juma", "", "Ali"]])));

    expect(await namesByIdentifier()).toEqual({ "1": "Asha Neema Mwangi", "2": "Juma Ali" });
  });

  test("surname and other names are joined", async () => {
    await importFile("roster.csv", utf8(delimited([["Index No", "Surname", "Other Names"], ["1", "Otieno", "Baraka James"]])));

    expect(await namesByIdentifier()).toEqual({ "1": "Baraka James Otieno" });
  });

  test("date of birth becomes a date secret", async () => {
    const run = await importFile("roster.csv", utf8(delimited([["Reg No", "Date of Birth"], ["R1", "12/03/2008"]])));

    expect(run.code).toBe(0);
    const [student] = await storedStudents(database.db);
    expect(student!.secret_kind).toBe("date");
    expect(await verifySecret("2008-03-12", student!.secret_hash)).toBe(true);
  });

  test("invalid date of birth is rejected", async () => {
    const run = await importFile("roster.csv", utf8(delimited([["Reg No", "DOB"], ["R1", "31/02/2008"]])));

    expect(run.code).toBe(1);
    expect(run.err).toContain("record 2, secret: invalid_date");
    expect(await storedStudents(database.db)).toEqual([]);
  });

  test("--column maps a column explicitly", async () => {
    const run = await importFile("roster.csv", utf8("Kitambulisho,Siri,Jina\nK1,s1,Asha\n"), "--column", "identifier=Kitambulisho", "--column", "secret=siri");

    expect(run.code).toBe(0);
    const [student] = await storedStudents(database.db);
    expect(student!.identifier).toBe("K1");
    expect(student!.name).toBe("Asha");
    expect(await verifySecret("s1", student!.secret_hash)).toBe(true);
  });

  test("--column naming a missing header is rejected", async () => {
    const run = await importFile("roster.csv", utf8("identifier\nA1\n"), "--column", "secret=PIN");

    expect(run.code).toBe(1);
    expect(run.err).toContain("record 1, PIN: unknown_column");
    expect(await storedStudents(database.db)).toEqual([]);
  });

  test("no identifier column lists the headers", async () => {
    const run = await importFile("roster.csv", utf8("Jina,Darasa\nAsha,4B\n"));

    expect(run.code).toBe(1);
    expect(run.err).toContain("missing_identifier_column");
    expect(run.err).toContain("Jina, Darasa");
  });

  test("--data keeps only the chosen columns", async () => {
    const file = delimited([["Student ID", "Class", "Stream", "Parent Phone"], ["S1", "4", "B", "+255700000000"]]);

    const run = await importFile("roster.csv", utf8(file), "--data", "class,stream");

    expect(run.code).toBe(0);
    const [student] = await storedStudents(database.db);
    expect(JSON.parse(student!.data)).toEqual({ class: "4", stream: "B" });
  });

  test("--data none stores no data", async () => {
    await importFile("roster.csv", utf8("identifier,class\nA1,4B\n"));
    const run = await importFile("roster.csv", utf8("identifier,class\nA1,4B\n"), "--data", "none");

    expect(run.out).toContain("1 updated");
    const [student] = await storedStudents(database.db);
    expect(student!.data).toBeNull();
  });

  test("OneRoster users.csv imports students only", async () => {
    const header = ["sourcedId", "status", "dateLastModified", "enabledUser", "orgSourcedIds", "role", "username", "userIds", "givenName", "familyName", "middleName", "identifier", "email", "sms", "phone", "agentSourcedIds", "grades", "password"];
    const users = [
      header,
      ["u1", "active", "2026-01-01", "true", "o1", "student", "asha.m", "", "Asha", "Mwangi", "", "0001", "asha@school.ac.tz", "", "", "", "10", ""],
      ["u2", "tobedeleted", "2026-01-01", "true", "o1", "student", "juma.a", "", "Juma", "Ali", "", "0002", "", "", "", "", "11", ""],
      ["u3", "active", "2026-01-01", "false", "o1", "student", "neema.k", "", "Neema", "Kimaro", "", "", "", "", "", "", "10", ""],
      ["t1", "active", "2026-01-01", "true", "o1", "teacher", "mr.otieno", "", "Peter", "Otieno", "", "", "", "", "", "", "", ""],
    ];

    const run = await importFile("users.csv", utf8(delimited(users)));

    expect(run.code).toBe(0);
    expect(run.out).toContain("OneRoster users.csv");
    expect(run.out).toContain("3 added, 0 updated, 0 unchanged, 0 disabled, 1 skipped");
    const stored = await storedStudents(database.db);
    expect(stored.map((row) => [row.identifier, row.name, row.disabled])).toEqual([
      ["asha.m", "Asha Mwangi", 0],
      ["juma.a", "Juma Ali", 1],
      ["neema.k", "Neema Kimaro", 1],
    ]);
    expect(JSON.parse(stored[0]!.data)).toEqual({ grades: "10" });
  });
});

describe("import identifiers", () => {
  test("identifiers and secrets are kept as text", async () => {
    const rows = [["identifier", "secret"], ["000123", "0042"], ["12345678901234567890", "1E5"], ["12E45", "007"], ["1.50", "+255"]];

    const run = await importFile("roster.csv", utf8(delimited(rows)));

    expect(run.code).toBe(0);
    const stored = await storedStudents(database.db);
    const byIdentifier = Object.fromEntries(stored.map((row) => [row.identifier, row.secret_hash]));
    expect(Object.keys(byIdentifier).sort()).toEqual(["000123", "1.50", "12345678901234567890", "12E45"]);
    expect(await verifySecret("0042", byIdentifier["000123"])).toBe(true);
    expect(await verifySecret("1E5", byIdentifier["12345678901234567890"])).toBe(true);
    expect(await verifySecret("007", byIdentifier["12E45"])).toBe(true);
  });

  test.each([
    ["scientific notation", "1.23457E+11"],
    ["column too narrow", "########"],
    ["digits past 15 lost", "12345678901234500000"],
    ["decimal added", "20240045.0"],
  ])("spreadsheet damage rejected: %s", async (_name, value) => {
    const before = await rosterSnapshot(database.db);

    const run = await importFile("roster.csv", utf8(delimited([["identifier", "name"], ["A1", "Asha"], [value, "Baraka"]])));

    expect(run.code).toBe(1);
    expect(run.err).toContain("record 3, identifier: spreadsheet_damage");
    expect(run.err).toContain("Text");
    expect(await rosterSnapshot(database.db)).toBe(before);
  });

  test.each([
    ["case and spaces", "ab-01", "  AB-01 "],
    ["NFC and NFD", "Jos\u00e9-1", "Jose\u0301-1"],
    ["sharp s", "STRASSE-1", "straße-1"],
    ["dotted capital I", "İstanbul-1", "i̇stanbul-1"],
  ])("duplicate after folding: %s", async (_name, first, second) => {
    const run = await importFile("roster.csv", utf8(delimited([["identifier"], [first], ["other"], [second]])));

    expect(run.code).toBe(1);
    expect(run.err).toContain("record 4, identifier: duplicate_identifier");
    expect(run.err).toContain("record 2");
    expect(await storedStudents(database.db)).toEqual([]);
  });

  test("duplicate found across batches", async () => {
    const rows = [["identifier"], ...Array.from({ length: 1200 }, (_, index) => [`S${index}`]), ["s7"]];

    const run = await importFile("roster.csv", utf8(delimited(rows)));

    expect(run.code).toBe(1);
    expect(run.err).toContain("record 1202, identifier: duplicate_identifier — this identifier already appears in record 9");
    expect(run.out).toContain("1 rejected");
    expect(await storedStudents(database.db)).toEqual([]);
  });
});

describe("import modes", () => {
  const FIRST = delimited([["identifier", "name", "class"], ["A1", "Asha", "4B"], ["A2", "Baraka", "4C"]]);

  test("update adds, updates and keeps absent columns", async () => {
    await importFile("first.csv", utf8(FIRST));

    const run = await importFile("second.csv", utf8(delimited([["identifier", "name"], ["A1", "Asha Mwangi"], ["A2", "Baraka"], ["A3", "Chausiku"]])));

    expect(run.out).toContain("1 added, 1 updated, 1 unchanged, 0 disabled");
    const stored = await storedStudents(database.db);
    expect(stored.map((row) => [row.identifier, row.name, row.data])).toEqual([
      ["A1", "Asha Mwangi", '{"class":"4B"}'],
      ["A2", "Baraka", '{"class":"4C"}'],
      ["A3", "Chausiku", null],
    ]);
  });

  test("add leaves stored students alone", async () => {
    await importFile("first.csv", utf8(FIRST));

    const run = await importFile("second.csv", utf8(delimited([["identifier", "name"], ["A1", "Changed"], ["A3", "Chausiku"]])), "--mode", "add");

    expect(run.out).toContain("1 added, 0 updated, 0 unchanged, 0 disabled, 1 skipped");
    expect(await namesByIdentifier()).toEqual({ A1: "Asha", A2: "Baraka", A3: "Chausiku" });
  });

  test("sync disables missing students without deleting", async () => {
    await importFile("first.csv", utf8(FIRST));

    const run = await importFile("second.csv", utf8(delimited([["identifier"], ["A2"], ["A3"]])), "--mode", "sync");

    expect(run.out).toContain("1 added, 0 updated, 1 unchanged, 1 disabled");
    const stored = await storedStudents(database.db);
    expect(stored.map((row) => [row.identifier, row.disabled])).toEqual([
      ["A1", 1],
      ["A2", 0],
      ["A3", 0],
    ]);
  });

  test("sync brings a disabled student back", async () => {
    await importFile("first.csv", utf8(FIRST));
    await importFile("second.csv", utf8(delimited([["identifier"], ["A2"]])), "--mode", "sync");

    const run = await importFile("first.csv", utf8(FIRST), "--mode", "sync");

    expect(run.out).toContain("0 added, 1 updated, 1 unchanged, 0 disabled");
    expect((await storedStudents(database.db)).every((row) => row.disabled === 0)).toBe(true);
  });

  test("dry run reports and previews without storing", async () => {
    await importFile("first.csv", utf8(FIRST));
    const before = await rosterSnapshot(database.db);

    const run = await importFile("second.csv", utf8(delimited([["identifier", "name", "PIN"], ["A1", "Asha Mwangi", "9999"], ["A9", "Zawadi", "1111"]])), "--dry-run", "--mode", "sync");

    expect(run.code).toBe(0);
    expect(run.out).toContain("An import would add 1, update 1, leave 0 unchanged, disable 1, skip 0, reject 0");
    expect(run.out).toContain('"identifier":"A9","name":"Zawadi"');
    expect(run.out).toContain('"secret":"argon2"');
    expect(run.out).not.toContain("1111");
    expect(await rosterSnapshot(database.db)).toBe(before);
  });

  test("dry run preview shows photo and about", async () => {
    const rows = [["identifier", "name", "photo", "about"], ["A1", "Asha Mwangi", "https://picha.shule.ac.tz/a1.jpg", "Kidato cha 4"]];

    const run = await importFile("roster.csv", utf8(delimited(rows)), "--dry-run");

    expect(run.code).toBe(0);
    expect(run.out).toContain('"photo":"https://picha.shule.ac.tz/a1.jpg","about":"Kidato cha 4"');
  });

  test("re-import of the same secrets is unchanged", async () => {
    const file = delimited([["identifier", "password"], ["A1", "s3cret"]]);
    await importFile("roster.csv", utf8(file));
    const before = await rosterSnapshot(database.db);

    const run = await importFile("roster.csv", utf8(file));

    expect(run.out).toContain("0 added, 0 updated, 1 unchanged");
    expect(await rosterSnapshot(database.db)).toBe(before);
  });

  test("running import lock rejects a second import", async () => {
    const lock = JSON.stringify({ runId: "other", pid: process.pid, host: hostname(), at: Date.now() });
    await database.db.run(sql`INSERT INTO app_state (key, value, updated_at) VALUES ('import_lock', ${lock}, ${Date.now()})`);

    const run = await importFile("first.csv", utf8(FIRST));

    expect(run.code).toBe(1);
    expect(run.err).toContain(`Another import is running (process ${process.pid}`);
    expect(await storedStudents(database.db)).toEqual([]);
  });

  test("lock of a finished process is taken over", async () => {
    // Linux pids never exceed 2^22, so this process cannot exist.
    const lock = JSON.stringify({ runId: "other", pid: 2 ** 22 + 7, host: hostname(), at: Date.now() });
    await database.db.run(sql`INSERT INTO app_state (key, value, updated_at) VALUES ('import_lock', ${lock}, ${Date.now()})`);

    const run = await importFile("first.csv", utf8(FIRST));

    expect(run.code).toBe(0);
    expect(run.out).toContain("2 added");
  });

  test("invalid --mode is a usage error", async () => {
    const run = await importFile("roster.csv", utf8(FIRST), "--mode", "replace");

    expect(run.code).toBe(2);
    expect(run.err).toContain('--mode "replace" is invalid; use: add, update, sync');
  });
});

describe("import secrets", () => {
  test("bcrypt and argon2 hashes are stored as they are", async () => {
    const bcrypt = (await Bun.password.hash("from-sis", { algorithm: "bcrypt", cost: 4 })).replace(/^\$2b\$/, "$2y$");
    const argon2 = await Bun.password.hash("from-lms", { algorithm: "argon2i", memoryCost: 1024, timeCost: 1 });

    const run = await importFile("roster.csv", utf8(delimited([["identifier", "password"], ["A1", bcrypt], ["A2", argon2]])));

    expect(run.code).toBe(0);
    const stored = await storedStudents(database.db);
    expect(stored.map((row) => row.secret_hash)).toEqual([bcrypt, argon2]);
    expect(await verifySecret("from-sis", stored[0]!.secret_hash)).toBe(true);
    expect(await verifySecret("from-lms", stored[1]!.secret_hash)).toBe(true);
  });

  test("plain secrets record the configured settings", async () => {
    await importFile("roster.csv", utf8("identifier,pin\nA1,1234\n"));

    const [student] = await storedStudents(database.db);
    expect(student!.secret_hash).toStartWith("$argon2id$v=19$m=1024,t=1,");
  });
});

describe("import enrollment", () => {
  test("exams column replaces enrollments", async () => {
    await importFile("first.csv", utf8(delimited([["identifier", "exams"], ["A1", "math-1; bio-2"], ["A2", ""]])));
    await importFile("second.csv", utf8(delimited([["identifier", "exams"], ["A1", "chem-3"], ["A2", "math-1"]])));

    const rows = await database.db.all<{ exam_id: string; identifier: string }>(
      sql`SELECT e.exam_id, s.identifier FROM enrollments e JOIN students s ON s.id = e.student_id ORDER BY s.identifier, e.exam_id`,
    );
    expect(rows).toEqual([
      { exam_id: "chem-3", identifier: "A1" },
      { exam_id: "math-1", identifier: "A2" },
    ]);
  });
});

describe("import header", () => {
  test.each([
    ["empty file", ""],
    ["BOM only", "\uFEFF"],
    ["blank lines only", "\r\n\r\n"],
  ])("%s is rejected", async (_name, text) => {
    const run = await importFile("roster.csv", utf8(text));

    expect(run.code).toBe(1);
    expect(run.err).toContain("empty_file");
  });

  test("blank lines before the header are skipped", async () => {
    const run = await importFile("roster.csv", utf8("\r\n;\r\nidentifier;name\r\nA1;Asha\r\n"));

    expect(run.code).toBe(0);
    expect(await namesByIdentifier()).toEqual({ A1: "Asha" });
  });

  test("header without rows adds nobody", async () => {
    const run = await importFile("roster.csv", utf8("identifier,name\r\n"));

    expect(run.code).toBe(0);
    expect(run.out).toContain("0 added, 0 updated, 0 unchanged, 0 disabled, 0 skipped, 0 rejected");
  });

  test("trailing empty header column is optional", async () => {
    const run = await importFile("roster.csv", utf8("identifier,name,\r\nA1,Asha\r\nA2,Baraka,\r\n"));

    expect(run.code).toBe(0);
    expect(run.out).toContain("2 added");
  });
});
