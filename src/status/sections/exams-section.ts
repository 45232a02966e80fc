import { isNotNull, sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { events, verifications } from "../../db/schema";
import type { OperatorLanguage } from "../../i18n/operator-language";
import { escapeHtml, isolated } from "../html";
import { defineSection, formatTime, table } from "./section";

const MAX_EXAMS = 50;

const TEXT = {
  sw: { heading: "Mitihani iliyoonekana", exam: "Mtihani", accepted: "Wamekubaliwa", rejected: "Wamekataliwa", notifications: "Taarifa", lastSeen: "Ilionekana mwisho", none: "Hakuna mtihani bado." },
  en: { heading: "Exams seen", exam: "Exam", accepted: "Accepted", rejected: "Rejected", notifications: "Notifications", lastSeen: "Last seen", none: "No exam yet." },
} satisfies Record<OperatorLanguage, Record<string, string>>;

export interface ExamSeen {
  examId: string;
  accepted: number;
  rejected: number;
  notifications: number;
  lastSeen: number;
}

/** Every exam id that arrived in a verification or a notification, newest first. */
export async function loadExamsSeen(db: Database): Promise<ExamSeen[]> {
  const [fromVerifications, fromEvents] = await Promise.all([
    db
      .select({
        examId: verifications.examId,
        accepted: sql<number>`sum(${verifications.outcome} = 'accepted')`,
        rejected: sql<number>`sum(${verifications.outcome} = 'rejected')`,
        lastSeen: sql<number>`max(${verifications.at})`,
      })
      .from(verifications)
      .where(isNotNull(verifications.examId))
      .groupBy(verifications.examId),
    db
      .select({ examId: events.examId, count: sql<number>`count(*)`, lastSeen: sql<number>`max(${events.receivedAt})` })
      .from(events)
      .where(isNotNull(events.examId))
      .groupBy(events.examId),
  ]);

  const exams = new Map<string, ExamSeen>();
  const entry = (examId: string) => {
    const found = exams.get(examId) ?? { examId, accepted: 0, rejected: 0, notifications: 0, lastSeen: 0 };
    exams.set(examId, found);
    return found;
  };
  for (const row of fromVerifications) {
    const exam = entry(row.examId!);
    exam.accepted = Number(row.accepted);
    exam.rejected = Number(row.rejected);
    exam.lastSeen = Math.max(exam.lastSeen, Number(row.lastSeen));
  }
  for (const row of fromEvents) {
    const exam = entry(row.examId!);
    exam.notifications = Number(row.count);
    exam.lastSeen = Math.max(exam.lastSeen, Number(row.lastSeen));
  }
  return [...exams.values()].sort((a, b) => b.lastSeen - a.lastSeen).slice(0, MAX_EXAMS);
}

export const examsSection = defineSection({
  id: "exams",
  audience: "admin",
  load: ({ db }) => loadExamsSeen(db),
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
