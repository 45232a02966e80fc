import type { Database } from "../db/client";
import { verifications } from "../db/schema";
import { studentMessage, resolveStudentLanguage, type StudentReason } from "../i18n/student-messages";
import type { Logger } from "../log/logger";
import { parseTypedDate } from "../roster/date-of-birth";
import { parseFieldRoles, type FieldRole } from "../roster/field-roles";
import type { PhotoLinks } from "../roster/photo-links";
import { identifierKey } from "../roster/identifier";
import { dummyHash, verifySecret, type Argon2Settings } from "../roster/secrets";
import {
  findExamSettings,
  findStudentByIdentifierKey,
  findStudentsByEmailKey,
  isEnrolled,
  type Student,
} from "../roster/student-queries";
import { encodeVerifyFailure, encodeVerifySuccess, type VerifyResponseBody } from "./verify-response";
import type { VerifyRespondentRequest } from "./request-schemas";

export interface VerifyDependencies {
  db: Database;
  logger: Logger;
  now: () => number;
  defaultFieldRoles: string;
  identifierCaseSensitive: boolean;
  argon2: Argon2Settings;
  publicUrl?: string;
  photoLinks?: PhotoLinks;
}

/** The values typed on the welcome page, sorted by the role the exam gives each position. */
interface TypedCredentials {
  identifier?: string;
  email?: string;
  secret?: string;
}

type Decision = { outcome: "accepted"; student: Student } | { outcome: "rejected"; reason: StudentReason; student?: Student };

/**
 * Decides a verify_respondent request and records the attempt. Returns the
 * body for the platform: metadata on success, a message in the student's
 * language on failure. Never throws for anything the request contains.
 */
export async function verifyRespondent(deps: VerifyDependencies, request: VerifyRespondentRequest): Promise<VerifyResponseBody> {
  const startedAt = deps.now();
  const examId = request.exam_id;
  const roles = await fieldRolesForExam(deps, examId);
  const typed = credentialsByRole(request, roles);

  const decision = await decide(deps, typed, examId);

  const lang = resolveStudentLanguage(request.choosenLang);
  const typedLogin = typed.identifier ?? typed.email;
  await deps.db.insert(verifications).values({
    at: startedAt,
    examId,
    identifierTyped: typedLogin,
    identifierKey: typedLogin === undefined ? undefined : identifierKey(typedLogin, deps.identifierCaseSensitive),
    studentId: decision.student?.id,
    outcome: decision.outcome,
    reason: decision.outcome === "rejected" ? decision.reason : undefined,
    lang,
    latencyMs: Math.max(0, deps.now() - startedAt),
  });

  deps.logger.info("verify_respondent", {
    examId,
    outcome: decision.outcome,
    reason: decision.outcome === "rejected" ? decision.reason : undefined,
    studentId: decision.student?.id,
    latencyMs: deps.now() - startedAt,
  });

  if (decision.outcome === "accepted") return encodeVerifySuccess(decision.student, deps.publicUrl, deps.photoLinks);
  return encodeVerifyFailure(studentMessage(decision.reason, request.choosenLang));
}

async function fieldRolesForExam(deps: VerifyDependencies, examId: string | undefined): Promise<FieldRole[]> {
  const exam = examId === undefined ? undefined : await findExamSettings(deps.db, examId);
  const parsed = parseFieldRoles(exam?.fieldRoles ?? deps.defaultFieldRoles);
  // The default is validated at start and per-exam roles when stored, so this only fails on a hand-edited row.
  return parsed.ok ? parsed.roles : ["identifier", "secret"];
}

/** Fields are matched to roles by `position`; a field without one takes its index in the array. */
function credentialsByRole(request: VerifyRespondentRequest, roles: FieldRole[]): TypedCredentials {
  const typed: TypedCredentials = {};
  request.fields.forEach((field, index) => {
    if (!field || field.value === undefined) return;
    const role = roles[field.position ?? index];
    if (role === "identifier" || role === "email" || role === "secret") typed[role] ??= field.value;
  });
  return typed;
}

async function decide(deps: VerifyDependencies, typed: TypedCredentials, examId: string | undefined): Promise<Decision> {
  if (typed.identifier === undefined && typed.email === undefined) return { outcome: "rejected", reason: "missing_field" };

  const student = await findStudent(deps, typed);
  const secretMatches = await checkSecret(deps, student, typed.secret);
  if (!student || !secretMatches) return { outcome: "rejected", reason: "wrong_credentials", student };

  if (student.disabled) return { outcome: "rejected", reason: "account_disabled", student };

  const exam = examId === undefined ? undefined : await findExamSettings(deps.db, examId);
  if (exam?.enrollmentRequired && !(await isEnrolled(deps.db, exam.examId, student.id))) {
    return { outcome: "rejected", reason: "not_enrolled", student };
  }
  return { outcome: "accepted", student };
}

async function findStudent(deps: VerifyDependencies, typed: TypedCredentials): Promise<Student | undefined> {
  for (const login of [typed.identifier, typed.email]) {
    if (login === undefined) continue;
    const key = identifierKey(login, deps.identifierCaseSensitive);

    const byIdentifier = await findStudentByIdentifierKey(deps.db, key);
    if (byIdentifier) return byIdentifier;

    const byEmail = await findStudentsByEmailKey(deps.db, identifierKey(login));
    if (byEmail.length === 1) return byEmail[0];
  }
  return undefined;
}

/**
 * A student without a stored secret is verified by identifier alone. When the
 * student is unknown, a dummy hash is checked instead so that the answer takes
 * as long as for a known student with a wrong secret.
 */
async function checkSecret(deps: VerifyDependencies, student: Student | undefined, typedSecret: string | undefined): Promise<boolean> {
  if (student && !student.secretHash) return true;
  const hash = student?.secretHash ?? (await dummyHash(deps.argon2));
  const comparable = student?.secretKind === "date" && typedSecret !== undefined ? (parseTypedDate(typedSecret) ?? typedSecret) : typedSecret;
  const matches = await verifySecret(comparable ?? "", hash);
  return student !== undefined && typedSecret !== undefined && matches;
}
