import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { STUDENT_MESSAGES } from "../../src/i18n/student-messages";
import { responseReserveMs } from "../../src/webhook/verify-respondent";
import { seedRoster } from "../support/roster-fixtures";
import { postWebhook, startTestServer, type TestServer } from "../support/test-server";

const DEADLINE_MS = 250;
const STUDENTS = 5;
const PLATFORM_TIMEOUT_MS = 60_000;

let server: TestServer;

beforeAll(async () => {
  // One secret check at these costs takes far longer than the deadline (about 1.6 s on a 2-core test machine),
  // and only one runs at a time, so the server cannot keep up with a handful of simultaneous students.
  const slowHash = await Bun.password.hash("rush-pass", { algorithm: "argon2id", memoryCost: 256 * 1024, timeCost: 4 });
  server = await startTestServer({ MLANGO_VERIFY_DEADLINE_MS: String(DEADLINE_MS), MLANGO_VERIFY_CONCURRENCY: "1" });
  const rows = Array.from({ length: STUDENTS }, (_, index) => `R-${index},"${slowHash}",Rush Student ${index}`);
  await seedRoster(server.database.db, `identifier,secret,name\n${rows.join("\n")}\n`);
});

afterAll(async () => {
  await server.stop();
});

function logRecords() {
  return server.logLines.map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe("verify rush", () => {
  test("busy message sent before hashes finish", async () => {
    const identifiers = [...Array.from({ length: STUDENTS }, (_, index) => `R-${index}`), "NOT-ON-ROSTER"];
    const sentAt = performance.now();

    const replies = await Promise.all(
      identifiers.map(async (identifier) => {
        const reply = await postWebhook(server.webhookUrl, {
          event: "verify_respondent",
          fields: [
            { position: 0, value: identifier },
            { position: 1, value: "rush-pass" },
          ],
          exam_id: "rush-exam",
          choosenLang: "sw",
        });
        return { ...reply, elapsedMs: performance.now() - sentAt };
      }),
    );

    for (const reply of replies) {
      expect(reply.status).toBe(200);
      expect(reply.json).toEqual({ errorMessage: STUDENT_MESSAGES.sw!.busy });
      expect(reply.elapsedMs).toBeLessThan(PLATFORM_TIMEOUT_MS);
    }
    await server.server.flushAudit();
    const audit = await server.database.client.execute("SELECT reason, latency_ms FROM verifications WHERE exam_id = 'rush-exam'");
    expect(audit.rows).toHaveLength(identifiers.length);
    for (const row of audit.rows) {
      expect(row.reason).toBe("busy");
      expect(Number(row.latency_ms)).toBeGreaterThanOrEqual(DEADLINE_MS - responseReserveMs(DEADLINE_MS) - 2);
    }

    // The one check that started keeps running after its request got the busy message; its success is logged late.
    let lateSuccess: Record<string, unknown> | undefined;
    for (let wait = 0; wait < 600 && !lateSuccess; wait += 1) {
      await Bun.sleep(50);
      lateSuccess = logRecords().find((record) => record.msg === "verify decided after the deadline" && record.outcome === "accepted");
    }
    expect(lateSuccess).toBeDefined();
    const records = logRecords();
    const lateIndex = records.indexOf(records.find((record) => record.msg === "verify decided after the deadline" && record.outcome === "accepted")!);
    const busyIndexes = records.flatMap((record, index) => (record.msg === "verify_respondent" && record.reason === "busy" ? [index] : []));
    expect(busyIndexes).toHaveLength(identifiers.length);
    expect(Math.max(...busyIndexes)).toBeLessThan(lateIndex);
  });

  test("retry after late success skips the hash", async () => {
    const late = logRecords().find((record) => record.msg === "verify decided after the deadline" && record.outcome === "accepted")!;
    const [student] = (await server.database.client.execute({ sql: "SELECT identifier FROM students WHERE id = ?", args: [late.studentId as number] })).rows;

    const reply = await postWebhook(server.webhookUrl, {
      event: "verify_respondent",
      fields: [
        { position: 0, value: student!.identifier },
        { position: 1, value: "rush-pass" },
      ],
      exam_id: "rush-exam",
      choosenLang: "sw",
    });

    expect(reply.json.metadata?.name).toStartWith("Rush Student");
    const last = logRecords().findLast((record) => record.msg === "verify_respondent")!;
    expect(last.cachedSuccess).toBe(true);
  });
});
