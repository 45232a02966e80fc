import type { Database } from "../db/client";
import { findExamSettings, type ExamSettings } from "../roster/student-queries";

export interface ExamSettingsCache {
  /** Returns the exam's settings: a plain value while cached, a promise when they are read from the database. */
  find(examId: string): ExamSettings | undefined | Promise<ExamSettings | undefined>;
}

/** Upper bound on cached exam ids, so that requests with made-up ids cannot fill the memory. */
const MAX_EXAMS = 10_000;

/**
 * Keeps each exam's field roles and enrollment rule for `ttlMs`, because every
 * request for one exam reads the same row. A change made with
 * `mlango exam set` applies to requests that arrive `ttlMs` later at most.
 */
export function createExamSettingsCache(db: Database, ttlMs: number): ExamSettingsCache {
  const entries = new Map<string, { settings: ExamSettings | undefined; expiresAt: number }>();

  return {
    find(examId) {
      const cached = entries.get(examId);
      if (cached && cached.expiresAt > performance.now()) return cached.settings;

      return findExamSettings(db, examId).then((settings) => {
        if (entries.size >= MAX_EXAMS) entries.clear();
        entries.set(examId, { settings, expiresAt: performance.now() + ttlMs });
        return settings;
      });
    },
  };
}
