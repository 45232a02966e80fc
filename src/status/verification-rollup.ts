import { asc, eq, gt, max, min } from "drizzle-orm";
import type { Database } from "../db/client";
import { verifications } from "../db/schema";

const MINUTE_MS = 60_000;
/** Per-minute detail is kept for the chart's three hours; older minutes are dropped. */
export const ROLLUP_MINUTES = 3 * 60;
/** Upper bounds of the verification latency buckets in seconds, up to the platform's 60 s budget. */
export const LATENCY_BUCKETS_SECONDS = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];
/** Rows read per query; other requests run between two batches. */
const BATCH_ROWS = 5_000;

export interface MinuteAggregate {
  /** Minutes since the Unix epoch. */
  minute: number;
  accepted: number;
  rejected: number;
  maxLatencyMs: number;
  /** Rejections by reason code. */
  reasons: Map<string, number>;
  /** How many verifications took each latency in milliseconds. */
  latencies: Map<number, number>;
}

export interface ExamAggregate {
  examId: string;
  accepted: number;
  rejected: number;
  lastSeen: number;
}

/**
 * Running totals of the append-only `verifications` table for the status
 * page and `/metrics`. Each `refresh` reads only the rows added since the
 * last one, by primary key range, so a page view during an exam's rush costs
 * the new rows instead of a scan of every stored verification. This matters
 * because the database calls run on the server's thread, where a scan would
 * delay the responses to the platform. When rows disappear or are replaced
 * (a restore, a cleanup), the totals are rebuilt from scratch.
 */
export function createVerificationRollup(db: Database, beforeRead: () => Promise<void> = async () => {}) {
  let lastId = 0;
  /** The `at` of row `lastId`, to notice when that id now contains a different row. */
  let lastAt: number | undefined;
  let firstId: number | null = null;
  let minutes = new Map<number, MinuteAggregate>();
  let exams = new Map<string, ExamAggregate>();
  let outcomes = new Map<string, { outcome: string; reason: string; count: number }>();
  let histogram = { cumulative: LATENCY_BUCKETS_SECONDS.map(() => 0), sumSeconds: 0, count: 0 };
  let refreshing: Promise<void> | undefined;

  const reset = () => {
    lastId = 0;
    lastAt = undefined;
    minutes = new Map();
    exams = new Map();
    outcomes = new Map();
    histogram = { cumulative: LATENCY_BUCKETS_SECONDS.map(() => 0), sumSeconds: 0, count: 0 };
  };

  const fold = (row: { at: number; examId: string | null; outcome: "accepted" | "rejected"; reason: string | null; latencyMs: number }) => {
    const minute = Math.floor(row.at / MINUTE_MS);
    const bin = minutes.get(minute) ?? { minute, accepted: 0, rejected: 0, maxLatencyMs: 0, reasons: new Map(), latencies: new Map() };
    minutes.set(minute, bin);
    bin[row.outcome]++;
    bin.maxLatencyMs = Math.max(bin.maxLatencyMs, row.latencyMs);
    bin.latencies.set(row.latencyMs, (bin.latencies.get(row.latencyMs) ?? 0) + 1);
    if (row.outcome === "rejected") bin.reasons.set(row.reason ?? "", (bin.reasons.get(row.reason ?? "") ?? 0) + 1);

    if (row.examId !== null) {
      const exam = exams.get(row.examId) ?? { examId: row.examId, accepted: 0, rejected: 0, lastSeen: 0 };
      exams.set(row.examId, exam);
      exam[row.outcome]++;
      exam.lastSeen = Math.max(exam.lastSeen, row.at);
    }

    const key = `${row.outcome}\u0000${row.reason ?? ""}`;
    const outcome = outcomes.get(key) ?? { outcome: row.outcome, reason: row.reason ?? "", count: 0 };
    outcomes.set(key, outcome);
    outcome.count++;

    const seconds = row.latencyMs / 1000;
    LATENCY_BUCKETS_SECONDS.forEach((bound, index) => {
      if (seconds <= bound) histogram.cumulative[index]!++;
    });
    histogram.sumSeconds += seconds;
    histogram.count++;
  };

  const readNewRows = async (now: number) => {
    const [bounds] = await db.select({ first: min(verifications.id), last: max(verifications.id) }).from(verifications);
    const first = bounds?.first ?? null;
    const last = bounds?.last ?? 0;
    const [lastSeenRow] = lastId === 0 ? [] : await db.select({ at: verifications.at }).from(verifications).where(eq(verifications.id, lastId));
    if (last < lastId || first !== firstId || lastSeenRow?.at !== lastAt) reset();
    firstId = first;

    for (;;) {
      const rows = await db
        .select({ id: verifications.id, at: verifications.at, examId: verifications.examId, outcome: verifications.outcome, reason: verifications.reason, latencyMs: verifications.latencyMs })
        .from(verifications)
        .where(gt(verifications.id, lastId))
        .orderBy(asc(verifications.id))
        .limit(BATCH_ROWS);
      for (const row of rows) fold(row);
      if (rows.length > 0) {
        lastId = rows.at(-1)!.id;
        lastAt = rows.at(-1)!.at;
      }
      if (rows.length < BATCH_ROWS) break;
    }

    const oldestKept = Math.floor(now / MINUTE_MS) - ROLLUP_MINUTES;
    for (const minute of minutes.keys()) if (minute < oldestKept) minutes.delete(minute);
  };

  return {
    /** Reads the rows added since the last call, after `beforeRead` (which stores queued rows); concurrent callers share one read. */
    refresh(now: number): Promise<void> {
      refreshing ??= beforeRead()
        .then(() => readNewRows(now))
        .finally(() => (refreshing = undefined));
      return refreshing;
    },

    /** Minutes from `firstMinute` on that have at least one verification. */
    minutesSince(firstMinute: number): MinuteAggregate[] {
      return [...minutes.values()].filter((bin) => bin.minute >= firstMinute).sort((a, b) => a.minute - b.minute);
    },

    examsSeenSince(since: number): ExamAggregate[] {
      return [...exams.values()].filter((exam) => exam.lastSeen >= since).map((exam) => ({ ...exam }));
    },

    outcomeCounts: () => [...outcomes.values()].map((entry) => ({ ...entry })),

    latencyHistogram: () => ({ cumulative: [...histogram.cumulative], sumSeconds: histogram.sumSeconds, count: histogram.count }),
  };
}

export type VerificationRollup = ReturnType<typeof createVerificationRollup>;

