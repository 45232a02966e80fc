import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { eq } from "drizzle-orm";
import { enrollments, students } from "../../src/db/schema";
import { STUDENT_MESSAGES } from "../../src/i18n/student-messages";
import { importRoster } from "../../src/roster/import-roster";
import { parseRosterCsv } from "../../src/roster/roster-rows";
import { seedRoster } from "../support/roster-fixtures";
import { runCli } from "../support/run-cli";
import { postWebhook, startTestServer, type TestServer } from "../support/test-server";

const ROSTER = `identifier,secret,name,email
S-001,pass-001,Amina Juma,amina@example.ac.tz
S-002,pass-002,Baraka Otieno,shared@example.ac.tz
S-003,pass-003,Chiku Mushi,shared@example.ac.tz
S-004,pass-004,Daudi Kimaro,daudi@example.ac.tz
`;

/** Students whose secret is a date of birth, stored as YYYY-MM-DD. */
const DATE_ROSTER = `identifier,secret,name
D-001,12/03/2008,Esther Wanjiru
`;

let server: TestServer;
let bcryptHash: string;

beforeAll(async () => {
  // Lockout has its own tests; here the wrong-secret cases must not lock anyone.
  server = await startTestServer({ MLANGO_LOCKOUT_MAX_FAILURES: "1000" });
  await seedRoster(server.database.db, ROSTER);

  const parsed = parseRosterCsv(DATE_ROSTER);
  if (!parsed.ok) throw new Error("date roster invalid");
  const rows = parsed.rows.map((row) => ({ ...row, secretKind: "date" as const }));
  const options = { mode: "update" as const, dryRun: false, identifierCaseSensitive: false, argon2: { memoryCost: 1024, timeCost: 1 }, present: parsed.present, now: Date.now };
  await importRoster(server.database.db, rows.map((row) => ({ kind: "row" as const, row })), options);

  // A hash carried over from a school system, as an import of precomputed hashes stores it.
  bcryptHash = await Bun.password.hash("legacy-pass", { algorithm: "bcrypt", cost: 4 });
  await seedRoster(server.database.db, `identifier,secret,name\nB-001,${bcryptHash},Faraji Mrema\n`);

  const env = { MLANGO_DATABASE_URL: server.database.url };
  for (const args of [
    ["exam", "set", "email-first", "--fields", "email,ignore,secret"],
    ["exam", "set", "enrolled-only", "--fields", "identifier,secret", "--require-enrollment"],
    ["exam", "set", "id-only", "--fields", "identifier"],
  ]) {
    const result = await runCli(args, { cwd: server.database.folder, env });
    if (result.exitCode !== 0) throw new Error(`exam set failed: ${result.stderr}`);
  }
});

afterAll(async () => {
  await server.stop();
});

function verifyBody(values: (string | null)[], examId: string, choosenLang = "en") {
  return { event: "verify_respondent", fields: values.map((value, position) => ({ position, value })), exam_id: examId, choosenLang };
}

async function studentRows() {
  return server.database.db.select().from(students).orderBy(students.id);
}

async function lastAudit() {
  await server.server.flushAudit();
  const result = await server.database.client.execute("SELECT * FROM verifications ORDER BY id DESC LIMIT 1");
  return result.rows[0]!;
}

describe("verify per exam", () => {
  test.each([
    ["email-first by email", "email-first", ["amina@example.ac.tz", "Amina", "pass-001"], true],
    ["email-first by identifier", "email-first", ["s-001", "Amina", "pass-001"], true],
    ["email-first name as secret", "email-first", ["amina@example.ac.tz", "pass-001", "Amina"], false],
    ["default layout by email", "exam-without-mapping", ["AMINA@example.ac.tz", "pass-001"], true],
    ["default layout ignores third field", "exam-without-mapping", ["S-001", "pass-001", "anything"], true],
    ["shared email is ambiguous", "exam-without-mapping", ["shared@example.ac.tz", "pass-002"], false],
    ["identifier-only exam refuses secret student", "id-only", ["S-001"], false],
  ])("fields: %s", async (_name, examId, values, accepted) => {
    const reply = await postWebhook(server.webhookUrl, verifyBody(values, examId));

    expect(reply.status).toBe(200);
    if (accepted) expect(reply.json.metadata?.name).toBe("Amina Juma");
    else expect(reply.json).toEqual({ errorMessage: STUDENT_MESSAGES.en!.wrong_credentials });
  });

  test("blank secret asks to fill fields", async () => {
    const before = await studentRows();
    const known = await postWebhook(server.webhookUrl, verifyBody(["S-001", " "], "exam-without-mapping", "sw"));
    const unknown = await postWebhook(server.webhookUrl, verifyBody(["S-999", null], "exam-without-mapping", "sw"));

    expect(known.json).toEqual({ errorMessage: STUDENT_MESSAGES.sw!.missing_field });
    expect(unknown.json).toEqual(known.json);
    expect(await studentRows()).toEqual(before);
  });

  test.each(["12/03/2008", "2008-03-12", "12.03.2008", "12-3-2008", "12032008", "12 March 2008", "12 Machi 2008", "March 12, 2008", " 12/03/08 "])(
    "date of birth typed as %p",
    async (typed) => {
      const reply = await postWebhook(server.webhookUrl, verifyBody(["D-001", typed], "exam-without-mapping"));

      expect(reply.json).toEqual({ metadata: { name: "Esther Wanjiru" } });
    },
  );

  test.each(["13/03/2008", "12/03/2009", "2008-12-03", "31/02/2008", "hello"])("wrong date of birth %p", async (typed) => {
    const reply = await postWebhook(server.webhookUrl, verifyBody(["D-001", typed], "exam-without-mapping"));

    expect(reply.json).toEqual({ errorMessage: STUDENT_MESSAGES.en!.wrong_credentials });
  });

  test("enrollment required refuses others", async () => {
    const [amina] = await server.database.db.select().from(students).where(eq(students.identifier, "S-001"));
    await server.database.db.insert(enrollments).values({ examId: "enrolled-only", studentId: amina!.id });
    const before = await studentRows();

    const enrolled = await postWebhook(server.webhookUrl, verifyBody(["S-001", "pass-001"], "enrolled-only", "fr"));
    const notEnrolled = await postWebhook(server.webhookUrl, verifyBody(["S-004", "pass-004"], "enrolled-only", "fr"));
    const wrongSecret = await postWebhook(server.webhookUrl, verifyBody(["S-004", "wrong"], "enrolled-only", "fr"));

    expect(enrolled.json.metadata?.name).toBe("Amina Juma");
    expect(notEnrolled.json).toEqual({ errorMessage: STUDENT_MESSAGES.fr!.not_enrolled });
    expect(wrongSecret.json).toEqual({ errorMessage: STUDENT_MESSAGES.fr!.wrong_credentials });
    expect(await studentRows()).toEqual(before);
  });

  test("disabled account refused after secret", async () => {
    await server.database.db.update(students).set({ disabled: true }).where(eq(students.identifier, "S-003"));

    const rightSecret = await postWebhook(server.webhookUrl, verifyBody(["S-003", "pass-003"], "exam-without-mapping", "pt-BR"));
    const wrongSecret = await postWebhook(server.webhookUrl, verifyBody(["S-003", "nope"], "exam-without-mapping", "pt-BR"));

    expect(rightSecret.json).toEqual({ errorMessage: STUDENT_MESSAGES.pt!.account_disabled });
    expect(wrongSecret.json).toEqual({ errorMessage: STUDENT_MESSAGES.pt!.wrong_credentials });
  });

  test("audit records typed and normalized identifier", async () => {
    await postWebhook(server.webhookUrl, verifyBody(["  s-004 ", "secret-never-stored"], "email-first-typo", "ZH-cn"));

    const row = await lastAudit();
    expect(row.identifier_typed).toBe("  s-004 ");
    expect(row.identifier_key).toBe("s-004");
    expect(row.exam_id).toBe("email-first-typo");
    expect(row.outcome).toBe("rejected");
    expect(row.reason).toBe("wrong_credentials");
    expect(row.lang).toBe("zh");
    expect(Number(row.latency_ms)).toBeGreaterThanOrEqual(0);
    expect(JSON.stringify(row)).not.toContain("secret-never-stored");
    expect(server.logLines.join("\n")).not.toContain("secret-never-stored");
  });

  test("second success served from cache", async () => {
    const first = await postWebhook(server.webhookUrl, verifyBody(["S-002", "pass-002"], "cache-exam"));
    const firstLog = JSON.parse(server.logLines.findLast((line) => line.includes('"msg":"verify_respondent"'))!);
    const second = await postWebhook(server.webhookUrl, verifyBody([" s-002", "pass-002"], "cache-exam"));
    const secondLog = JSON.parse(server.logLines.findLast((line) => line.includes('"msg":"verify_respondent"'))!);
    const wrong = await postWebhook(server.webhookUrl, verifyBody(["S-002", "pass-002 "], "cache-exam"));

    expect(first.json.metadata?.name).toBe("Baraka Otieno");
    expect(second.json).toEqual(first.json);
    expect(firstLog.cachedSuccess).toBeUndefined();
    expect(secondLog.cachedSuccess).toBe(true);
    expect(wrong.json.errorMessage).toBe(STUDENT_MESSAGES.en!.wrong_credentials);
  });

  test("bcrypt hash upgraded after success", async () => {
    const reply = await postWebhook(server.webhookUrl, verifyBody(["B-001", "legacy-pass"], "exam-without-mapping"));
    expect(reply.json).toEqual({ metadata: { name: "Faraji Mrema" } });

    let stored = bcryptHash;
    for (let attempt = 0; attempt < 100 && stored === bcryptHash; attempt += 1) {
      await Bun.sleep(50);
      const [row] = await server.database.db.select().from(students).where(eq(students.identifier, "B-001"));
      stored = row!.secretHash!;
    }
    expect(stored).toStartWith("$argon2id$v=19$m=1024,t=1,");
    expect(await Bun.password.verify("legacy-pass", stored)).toBe(true);
    expect(server.logLines.some((line) => line.includes('"msg":"secret hash upgraded"'))).toBe(true);

    const again = await postWebhook(server.webhookUrl, verifyBody(["B-001", "legacy-pass"], "exam-without-mapping"));
    const wrong = await postWebhook(server.webhookUrl, verifyBody(["B-001", "legacy-pas"], "exam-without-mapping"));
    expect(again.json).toEqual({ metadata: { name: "Faraji Mrema" } });
    expect(wrong.json.errorMessage).toBe(STUDENT_MESSAGES.en!.wrong_credentials);
  });

  test("current hash not rewritten", async () => {
    const [before] = await server.database.db.select().from(students).where(eq(students.identifier, "S-004"));

    await postWebhook(server.webhookUrl, verifyBody(["S-004", "pass-004"], "exam-without-mapping"));
    await Bun.sleep(100);

    const [after] = await server.database.db.select().from(students).where(eq(students.identifier, "S-004"));
    expect(after!.secretHash).toBe(before!.secretHash);
  });
});
