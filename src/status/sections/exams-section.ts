import { inArray, sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { events } from "../../db/schema";
import type { OperatorLanguage } from "../../i18n/operator-language";
import { escapeHtml, isolated } from "../html";
import type { ExamAggregate, VerificationRollup } from "../verification-rollup";
import { defineSection, formatTime, table } from "./section";

const MAX_EXAMS = 50;
/** Exams whose last verification is older than this are left off the list. */
const WINDOW_MS = 30 * 24 * 60 * 60 * 1000;

const TEXT = {
  sw: { heading: "Mitihani iliyoonekana katika siku 30 zilizopita", exam: "Mtihani", accepted: "Wamekubaliwa", rejected: "Wamekataliwa", notifications: "Taarifa", lastSeen: "Ilionekana mwisho", none: "Hakuna mtihani bado." },
  en: { heading: "Exams seen in the last 30 days", exam: "Exam", accepted: "Accepted", rejected: "Rejected", notifications: "Notifications", lastSeen: "Last seen", none: "No exam yet." },
} satisfies Record<OperatorLanguage, Record<string, string>>;

export interface ExamSeen extends ExamAggregate {
  notifications: number;
}

/**
 * Exams that arrived in a verification since `since`, newest first, with the
 * notifications stored for each. The count of notifications is read from the
 * (exam_id, respondent_id) index without touching the table.
 */
export async function loadExamsSeen(db: Database, rollup: VerificationRollup, since: number): Promise<ExamSeen[]> {
  const listed = rollup.examsSeenSince(since).sort((a, b) => b.lastSeen - a.lastSeen).slice(0, MAX_EXAMS);
  if (listed.length === 0) return [];

  const counts = await db
    .select({ examId: events.examId, count: sql<number>`count(*)` })
    .from(events)
    .where(inArray(events.examId, listed.map((exam) => exam.examId)))
    .groupBy(events.examId);
  const notificationsByExam = new Map(counts.map((row) => [row.examId, Number(row.count)]));
  return listed.map((exam) => ({ ...exam, notifications: notificationsByExam.get(exam.examId) ?? 0 }));
}

export const examsSection = defineSection({
  id: "exams",
  audience: "admin",
  load: ({ db, verificationRollup, now }) => loadExamsSeen(db, verificationRollup, now - WINDOW_MS),
  render(exams, lang) {
    const text = TEXT[lang];
    const rows = exams.map(
      (exam) =>
        `<tr><td>${isolated(exam.examId)}</td><td class="number">${exam.accepted}</td><td class="number">${exam.rejected}</td><td class="number">${exam.notifications}</td><td>${formatTime(exam.lastSeen)}</td></tr>`,
    );
    return `<h2>${escapeHtml(text.heading)}</h2>
${table("exams-seen", [text.exam, text.accepted, text.rejected, text.notifications, text.lastSeen], rows, text.none)}`;
  },
});
