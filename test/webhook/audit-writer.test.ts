import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { createLogger } from "../../src/log/logger";
import { BATCH_DELAY_MS, createAuditWriter, type VerificationRecord } from "../../src/webhook/audit-writer";
import { createTempDatabase } from "../support/test-server";

function attempt(index: number, identifierTyped: string): VerificationRecord {
  return { at: 1_800_000_000_000 + index, examId: "exam-1", identifierTyped, identifierKey: identifierTyped.toLowerCase(), outcome: "rejected", reason: "wrong_credentials", lang: "sw", latencyMs: index };
}

describe("audit writer", () => {
  let database: Awaited<ReturnType<typeof createTempDatabase>>;
  let logLines: string[];

  beforeEach(async () => {
    database = await createTempDatabase();
    logLines = [];
  });

  afterEach(() => database.cleanup());

  async function storedTyped(): Promise<string[]> {
    const result = await database.client.execute("SELECT identifier_typed FROM verifications ORDER BY id");
    return result.rows.map((row) => String(row[0]));
  }

  test("writes queued rows in order", async () => {
    const audit = createAuditWriter(database.client, createLogger({ write: (line) => logLines.push(line) }), { relaxedDurability: false });
    for (let index = 0; index < 1500; index++) audit.record(attempt(index, `S-${index}`));
    expect(await storedTyped()).toEqual([]);

    await Bun.sleep(BATCH_DELAY_MS * 5);
    await audit.flush();

    const typed = await storedTyped();
    expect(typed.length).toBe(1500);
    expect(typed.slice(0, 3)).toEqual(["S-0", "S-1", "S-2"]);
    const last = await database.client.execute("SELECT at, exam_id, identifier_key, student_id, outcome, reason, lang, latency_ms FROM verifications ORDER BY id DESC LIMIT 1");
    expect({ ...last.rows[0] }).toEqual({
      at: 1_800_000_001_499,
      exam_id: "exam-1",
      identifier_key: "s-1499",
      student_id: null,
      outcome: "rejected",
      reason: "wrong_credentials",
      lang: "sw",
      latency_ms: 1499,
    });
    expect(logLines).toEqual([]);
  });

  test("stores any script and odd characters", async () => {
    const audit = createAuditWriter(database.client, createLogger({ write: (line) => logLines.push(line) }), { relaxedDurability: true });
    const typed = ["Ñandú-ß", "عبد الله", "学生 42", 'quote " and \\ backslash', "nul\u0000inside", "emoji 🎓", "lone \ud800 surrogate", "x".repeat(5000)];
    typed.forEach((text, index) => audit.record(attempt(index, text)));
    await audit.flush();

    const stored = await storedTyped();
    expect(stored.length).toBe(typed.length);
    expect(stored.slice(0, 4)).toEqual(typed.slice(0, 4));
    expect(stored[4]).toBe("nul\ufffdinside");
    expect(stored[5]).toBe("emoji 🎓");
    expect(stored[6]).toBe("lone \ufffd surrogate");
    expect(stored[7]!.length).toBe(5000);
    expect(logLines).toEqual([]);
  });

  test("refused row spares its batch", async () => {
    await database.client.execute(
      "CREATE TRIGGER refuse_marked BEFORE INSERT ON verifications WHEN NEW.identifier_typed = 'refused' BEGIN SELECT RAISE(ABORT, 'refused for the test'); END",
    );
    const audit = createAuditWriter(database.client, createLogger({ format: "json", write: (line) => logLines.push(line) }), { relaxedDurability: false });
    ["before", "refused", "after"].forEach((text, index) => audit.record(attempt(index, text)));
    await audit.flush();

    expect(await storedTyped()).toEqual(["before", "after"]);
    expect(logLines.length).toBe(1);
    expect(JSON.parse(logLines[0]!)).toMatchObject({ level: "error", msg: "audit write failed", rows: 1 });
  });
});
