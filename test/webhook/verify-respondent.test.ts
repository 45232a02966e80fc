import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { count } from "drizzle-orm";
import { verifications } from "../../src/db/schema";
import { STUDENT_MESSAGES } from "../../src/i18n/student-messages";
import { contractBody } from "../support/contract-bodies";
import { seedRoster } from "../support/roster-fixtures";
import { postWebhook, startTestServer, type TestServer } from "../support/test-server";

const ROSTER = `identifier,secret,name,email,photo,about,class
Some valid student id,Some valid student password,Amina Juma,amina@example.ac.tz,https://photos.example.ac.tz/a.jpg,Form 4,4B
000123,pin-0001,Baraka Otieno,,,,
NOSECRET-1,,Chiamaka Okafor,chiamaka@example.ac.tz,,,
Straße-7,secret-7,Jürgen Groß,,,,
`;

let server: TestServer;

beforeAll(async () => {
  // Lockout has its own tests; the repeated wrong secrets here must not lock anyone.
  server = await startTestServer({ MLANGO_PUBLIC_URL: "https://mlango.example.ac.tz", MLANGO_LOCKOUT_MAX_FAILURES: "1000" });
  await seedRoster(server.database.db, ROSTER);
});

afterAll(async () => {
  await server.stop();
});

function verifyBody(values: (string | null)[], choosenLang = "en", examId = "exam-1") {
  return { event: "verify_respondent", fields: values.map((value, position) => ({ position, value })), exam_id: examId, choosenLang };
}

describe("verify_respondent", () => {
  test("contract valid body returns metadata", async () => {
    const reply = await postWebhook(server.webhookUrl, contractBody("verify-valid"));

    expect(reply.status).toBe(200);
    expect(reply.json).toEqual({
      metadata: {
        name: "Amina Juma",
        email: "amina@example.ac.tz",
        photo: "https://photos.example.ac.tz/a.jpg",
        about: "Form 4",
        data: { class: "4B" },
      },
    });
    expect(reply.json.errorMessage).toBeUndefined();
  });

  test("contract invalid body returns Russian message", async () => {
    const reply = await postWebhook(server.webhookUrl, contractBody("verify-invalid"));

    expect(reply.status).toBe(200);
    expect(reply.json).toEqual({ errorMessage: STUDENT_MESSAGES.ru!.wrong_credentials });
  });

  test("wrong secret and unknown identifier read the same", async () => {
    const wrongSecret = await postWebhook(server.webhookUrl, verifyBody(["000123", "wrong"], "sw"));
    const unknownIdentifier = await postWebhook(server.webhookUrl, verifyBody(["999999", "pin-0001"], "sw"));

    expect(wrongSecret.json).toEqual({ errorMessage: STUDENT_MESSAGES.sw!.wrong_credentials });
    expect(unknownIdentifier.json).toEqual(wrongSecret.json);
  });

  test.each([
    ["spaces and case", "  some VALID student ID  ", "Some valid student password", true],
    ["leading zeros kept", "000123", "pin-0001", true],
    ["leading zeros dropped", "123", "pin-0001", false],
    ["folded ß", "STRASSE-7", "secret-7", true],
    ["secret case matters", "000123", "PIN-0001", false],
    ["secret missing", "000123", null, false],
  ])("identifier match: %s", async (_name, identifier, secret, accepted) => {
    const reply = await postWebhook(server.webhookUrl, verifyBody([identifier, secret]));

    expect(reply.status).toBe(200);
    expect("metadata" in reply.json).toBe(accepted);
  });

  test("student without secret verified by identifier", async () => {
    const reply = await postWebhook(server.webhookUrl, verifyBody(["nosecret-1"]));

    expect(reply.json).toEqual({ metadata: { name: "Chiamaka Okafor", email: "chiamaka@example.ac.tz" } });
  });

  test("empty metadata values left out", async () => {
    const reply = await postWebhook(server.webhookUrl, verifyBody(["000123", "pin-0001"]));

    expect(reply.json).toEqual({ metadata: { name: "Baraka Otieno" } });
  });

  test("missing identifier asks to fill fields", async () => {
    const reply = await postWebhook(server.webhookUrl, { event: "verify_respondent", fields: [], choosenLang: "sw" });

    expect(reply.status).toBe(200);
    expect(reply.json).toEqual({ errorMessage: STUDENT_MESSAGES.sw!.missing_field });
  });

  test.each([
    ["unknown language", "xx", "en"],
    ["no language", undefined, "en"],
    ["regional code", "fr-CA", "fr"],
    ["upper case", "SW", "sw"],
  ])("language fallback: %s", async (_name, lang, expected) => {
    const body: Record<string, unknown> = verifyBody(["nobody", "x"]);
    if (lang === undefined) delete body.choosenLang;
    else body.choosenLang = lang;

    const reply = await postWebhook(server.webhookUrl, body);

    expect(reply.json).toEqual({ errorMessage: STUDENT_MESSAGES[expected]!.wrong_credentials });
  });

  test("numbers, nulls and extra fields accepted", async () => {
    const reply = await postWebhook(server.webhookUrl, {
      event: "verify_respondent",
      fields: [{ position: "0", value: 123, note: "extra" }, null, { position: 1, value: "pin-0001" }],
      exam_id: 42,
      choosenLang: null,
      somethingNew: { nested: true },
    });

    expect(reply.status).toBe(200);
    expect(reply.json.errorMessage).toBe(STUDENT_MESSAGES.en!.wrong_credentials);
  });

  test("fields without position use order", async () => {
    const reply = await postWebhook(server.webhookUrl, {
      event: "verify_respondent",
      fields: [{ value: "000123" }, { value: "pin-0001" }],
      exam_id: "exam-1",
    });

    expect(reply.json.metadata?.name).toBe("Baraka Otieno");
  });

  test("every attempt audited without secret", async () => {
    await server.server.flushAudit();
    const before = await server.database.db.select({ total: count() }).from(verifications);
    await postWebhook(server.webhookUrl, verifyBody(["000123", "audit-secret-value"]));
    await server.server.flushAudit();
    const after = await server.database.db.select({ total: count() }).from(verifications);

    expect(after[0]!.total).toBe(before[0]!.total + 1);
    const rows = await server.database.client.execute("SELECT * FROM verifications ORDER BY id DESC LIMIT 1");
    expect(JSON.stringify(rows.rows)).not.toContain("audit-secret-value");
    expect(rows.rows[0]!.reason).toBe("wrong_credentials");
    expect(rows.rows[0]!.identifier_key).toBe("000123");
    expect(server.logLines.join("\n")).not.toContain("audit-secret-value");
  });
});

describe("verify without database", () => {
  test("database failure returns busy message", async () => {
    const server = await startTestServer();
    await server.database.client.execute("DROP TABLE students");

    const reply = await postWebhook(server.webhookUrl, {
      event: "verify_respondent",
      fields: [{ position: 0, value: "S-1" }, { position: 1, value: "x" }],
      exam_id: "exam-1",
      choosenLang: "so",
    });

    expect(reply.status).toBe(200);
    expect(reply.json).toEqual({ errorMessage: STUDENT_MESSAGES.so!.busy });
    expect(server.logLines.some((line) => line.includes('"msg":"verify failed"'))).toBe(true);
    await server.stop();
  });
});
