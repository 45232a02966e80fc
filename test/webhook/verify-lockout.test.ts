import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { students } from "../../src/db/schema";
import { STUDENT_MESSAGES, studentMessage } from "../../src/i18n/student-messages";
import { createLockout, listLockedIdentifiers } from "../../src/webhook/lockout";
import { seedRoster } from "../support/roster-fixtures";
import { postWebhook, startTestServer, type TestServer } from "../support/test-server";

const MINUTE = 60_000;
const ROSTER = `identifier,secret,name
L-001,right-1,Neema Said
L-002,right-2,Omari Bakari
L-003,right-3,Pendo Lema
L-004,right-4,Rehema Ally
`;

let server: TestServer;
let clock = Date.UTC(2026, 11, 4, 9, 0, 0);

beforeAll(async () => {
  server = await startTestServer(
    { MLANGO_LOCKOUT_MAX_FAILURES: "3", MLANGO_LOCKOUT_WINDOW_MINUTES: "10", MLANGO_LOCKOUT_DURATION_MINUTES: "15" },
    () => clock,
  );
  await seedRoster(server.database.db, ROSTER);
});

afterAll(async () => {
  await server.stop();
});

async function attempt(identifier: string, secret: string, lang = "en") {
  const reply = await postWebhook(server.webhookUrl, {
    event: "verify_respondent",
    fields: [
      { position: 0, value: identifier },
      { position: 1, value: secret },
    ],
    exam_id: "lockout-exam",
    choosenLang: lang,
  });
  return reply.json as { metadata?: { name: string }; errorMessage?: string };
}

const wrong = STUDENT_MESSAGES.en!.wrong_credentials;

describe("verify lockout", () => {
  test("third failure locks with wait time", async () => {
    expect(await attempt("L-001", "bad")).toEqual({ errorMessage: wrong });
    expect(await attempt("L-001", "bad")).toEqual({ errorMessage: wrong });
    expect(await attempt("L-001", "bad", "sw")).toEqual({ errorMessage: studentMessage("locked", "sw", 15 * MINUTE) });

    const rightWhileLocked = await attempt("L-001", "right-1");
    expect(rightWhileLocked).toEqual({ errorMessage: "Too many failed attempts. Try again in 15 minutes." });
    await server.server.flushAudit();
    const audit = await server.database.client.execute("SELECT reason FROM verifications ORDER BY id DESC LIMIT 1");
    expect(audit.rows[0]!.reason).toBe("locked");

    clock += 14 * MINUTE + 30_000;
    expect(await attempt("l-001", "right-1")).toEqual({ errorMessage: "Too many failed attempts. Try again in 1 minute." });

    clock += 30_000;
    expect((await attempt("L-001", "right-1")).metadata?.name).toBe("Neema Said");
  });

  test("lock is per identifier", async () => {
    for (let failure = 0; failure < 3; failure += 1) await attempt("L-002", "bad");

    expect((await attempt("L-002", "right-2")).errorMessage).toContain("Try again in 15 minutes");
    expect((await attempt("L-003", "right-3")).metadata?.name).toBe("Pendo Lema");
  });

  test("success resets the count", async () => {
    await attempt("L-003", "bad");
    await attempt("L-003", "bad");
    expect((await attempt("L-003", "right-3")).metadata?.name).toBe("Pendo Lema");

    expect(await attempt("L-003", "bad")).toEqual({ errorMessage: wrong });
    expect(await attempt("L-003", "bad")).toEqual({ errorMessage: wrong });
    expect((await attempt("L-003", "right-3")).metadata?.name).toBe("Pendo Lema");
  });

  test("failures outside window forgotten", async () => {
    await attempt("L-004", "bad");
    clock += 11 * MINUTE;
    await attempt("L-004", "bad");

    expect(await attempt("L-004", "bad")).toEqual({ errorMessage: wrong });
    expect((await attempt("L-004", "right-4")).metadata?.name).toBe("Rehema Ally");
  });

  test("unknown identifier locks alike", async () => {
    const before = await server.database.db.select().from(students);

    const replies = [];
    for (let failure = 0; failure < 4; failure += 1) replies.push(await attempt("NOBODY-1", "bad"));

    expect(replies.map((reply) => reply.errorMessage)).toEqual([wrong, wrong, STUDENT_MESSAGES.en!.locked.replace("{wait}", "15 minutes"), STUDENT_MESSAGES.en!.locked.replace("{wait}", "15 minutes")]);
    expect(await server.database.db.select().from(students)).toEqual(before);
  });
});

describe("createLockout", () => {
  test("lists locked identifiers until they expire", () => {
    let now = 1_000_000;
    const lockout = createLockout({ maxFailures: 2, windowMs: 10 * MINUTE, durationMs: 5 * MINUTE }, () => now);

    lockout.recordFailure("student:1", "S-001");
    expect(listLockedIdentifiers(lockout)).toEqual([]);
    expect(lockout.recordFailure("student:1", "S-001")).toBe(now + 5 * MINUTE);
    now += MINUTE;
    lockout.recordFailure("typed:x", "x");
    lockout.recordFailure("typed:x", "x");

    expect(listLockedIdentifiers(lockout)).toEqual([
      { identifier: "S-001", lockedUntil: 1_000_000 + 5 * MINUTE },
      { identifier: "x", lockedUntil: 1_000_000 + 6 * MINUTE },
    ]);
    now += 4 * MINUTE;
    expect(listLockedIdentifiers(lockout)).toEqual([{ identifier: "x", lockedUntil: 1_000_000 + 6 * MINUTE }]);
    expect(lockout.lockedUntil("student:1")).toBeUndefined();
  });
});
