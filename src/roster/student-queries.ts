import { and, count, eq, or } from "drizzle-orm";
import type { Database } from "../db/client";
import { enrollments, exams, students } from "../db/schema";

export type Student = typeof students.$inferSelect;

export async function countStudents(db: Database): Promise<number> {
  const [row] = await db.select({ total: count() }).from(students);
  return row?.total ?? 0;
}

export type ExamSettings = typeof exams.$inferSelect;

export async function findExamSettings(db: Database, examId: string): Promise<ExamSettings | undefined> {
  return db.query.exams.findFirst({ where: eq(exams.examId, examId) });
}

export async function isEnrolled(db: Database, examId: string, studentId: number): Promise<boolean> {
  const row = await db.query.enrollments.findFirst({
    where: and(eq(enrollments.examId, examId), eq(enrollments.studentId, studentId)),
  });
  return row !== undefined;
}

/**
 * Students whose identifier key is `identifierKey` or whose email key is
 * `emailKey`, in one query; at most three rows, enough to tell an identifier
 * match from a unique or shared email.
 */
export async function findStudentsByLogin(db: Database, identifierKey: string, emailKey: string): Promise<Student[]> {
  return db
    .select()
    .from(students)
    .where(or(eq(students.identifierKey, identifierKey), eq(students.emailKey, emailKey)))
    .limit(3);
}
