import { and, eq } from "drizzle-orm";
import type { Database } from "../db/client";
import { students } from "../db/schema";
import type { StudentReason } from "../i18n/student-messages";
import type { Logger } from "../log/logger";
import { parseTypedDate } from "../roster/date-of-birth";
import { parseFieldRoles, type FieldRole } from "../roster/field-roles";
import { identifierKey } from "../roster/identifier";
import { dummyHash, hashSecret, needsRehash, verifySecret, type Argon2Settings } from "../roster/secrets";
import type { StudentDirectory } from "../roster/student-directory";
import { isEnrolled, type Student } from "../roster/student-queries";
import type { ExamSettingsCache } from "./exam-settings-cache";
import type { Lockout } from "./lockout";
import type { VerifyRespondentRequest } from "./request-schemas";
import { BUSY, type SecretCheckPool } from "./secret-check-pool";
import type { SuccessCache } from "./success-cache";

export interface DecisionDependencies {
  db: Database;
  /** The roster, in memory when it fits. */
  directory: StudentDirectory;
  logger: Logger;
  now: () => number;
  defaultFieldRoles: string;
  identifierCaseSensitive: boolean;
  argon2: Argon2Settings;
  examSettings: ExamSettingsCache;
  lockout: Lockout;
  pool: SecretCheckPool;
  successCache: SuccessCache;
  /** Students whose hash upgrade is queued or running, so that two quick successes hash only once. */
  pendingUpgrades: Set<number>;
}

export type Decision =
  | { outcome: "accepted"; student: Student }
  | { outcome: "rejected"; reason: StudentReason; student?: Student; lockedUntil?: number };

/** Facts gathered about one attempt, filled in as the decision proceeds so that the audit has them even at the deadline. */
export interface Attempt {
  examId?: string;
  login?: string;
  /** `login` folded as identifiers are matched. */
  loginKey?: string;
  student?: Student;
  /** True when the secret matched a remembered success and no hash was checked. */
  cachedSuccess?: boolean;
}

/** The values typed on the welcome page, sorted by the role the exam gives each position. */
interface TypedCredentials {
  identifier?: string;
  email?: string;
  secret?: string;
}

/**
 * Decides one verify_respondent request. The order matters. A missing field
 * is reported before the lock and the secret are checked, and a lock before the
 * secret. A disabled account or missing enrollment is reported only after the
 * secret matched, so neither reveals anything to someone without the secret.
 */
export async function decide(
  deps: DecisionDependencies,
  request: VerifyRespondentRequest,
  attempt: Attempt,
  deadline: number,
): Promise<Decision> {
  // Cached settings and an in-memory roster come back as plain values, and skipping the `await` for them is a
  // measurable share of an identifier-only verification.
  const examLookup = attempt.examId === undefined ? undefined : deps.examSettings.find(attempt.examId);
  const exam = examLookup instanceof Promise ? await examLookup : examLookup;
  const roles = fieldRoles(exam?.fieldRoles ?? deps.defaultFieldRoles);
  const typed = credentialsByRole(request, roles);
  attempt.login = typed.identifier ?? typed.email;
  if (attempt.login === undefined) return { outcome: "rejected", reason: "missing_field" };

  const loginKey = identifierKey(attempt.login, deps.identifierCaseSensitive);
  attempt.loginKey = loginKey;
  const studentLookup = findStudent(deps, typed);
  const student = studentLookup instanceof Promise ? await studentLookup : studentLookup;
  attempt.student = student;
  // A blank secret field reads the same for unknown students and students with a secret; only students without one pass.
  const secretRequired = !student || student.secretHash !== null;
  if (roles.includes("secret") && typed.secret === undefined && secretRequired) return { outcome: "rejected", reason: "missing_field", student };

  const lockKey = student ? `student:${student.id}` : `typed:${loginKey}`;
  const lockedUntil = deps.lockout.lockedUntil(lockKey);
  if (lockedUntil !== undefined) return { outcome: "rejected", reason: "locked", student, lockedUntil };

  // A student without a stored secret is verified by identifier alone.
  const matches = student && !student.secretHash ? true : await checkSecret(deps, attempt, typed.secret, loginKey, deadline);
  if (matches === BUSY) return { outcome: "rejected", reason: "busy", student };
  if (!student || !matches) {
    const lockedNow = deps.lockout.recordFailure(lockKey, student?.identifier ?? attempt.login.trim());
    if (lockedNow !== undefined) return { outcome: "rejected", reason: "locked", student, lockedUntil: lockedNow };
    return { outcome: "rejected", reason: "wrong_credentials", student };
  }
  deps.lockout.reset(lockKey);

  if (student.disabled) return { outcome: "rejected", reason: "account_disabled", student };
  if (exam?.enrollmentRequired && !(await isEnrolled(deps.db, exam.examId, student.id))) {
    return { outcome: "rejected", reason: "not_enrolled", student };
  }
  return { outcome: "accepted", student };
}

/** Parsed role lists by their text. Exams are few, and every request of an exam has the same text. */
const parsedRoles = new Map<string, FieldRole[]>();

function fieldRoles(text: string): FieldRole[] {
  const known = parsedRoles.get(text);
  if (known) return known;

  const parsed = parseFieldRoles(text);
  // The default is validated at start and per-exam roles when stored, so this only fails on a hand-edited row.
  const roles = parsed.ok ? parsed.roles : (["identifier", "secret"] as FieldRole[]);
  if (parsedRoles.size >= MAX_PARSED_ROLES) parsedRoles.clear();
  parsedRoles.set(text, roles);
  return roles;
}

const MAX_PARSED_ROLES = 1000;

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

/**
 * Either typed login may be the identifier or the email: students type
 * whichever they remember. An identifier match wins; an email only counts
 * when exactly one student has it.
 */
function findStudent(deps: DecisionDependencies, typed: TypedCredentials): Student | undefined | Promise<Student | undefined> {
  const logins = [typed.identifier, typed.email].filter((login) => login !== undefined);
  return findByLogins(deps, logins, 0);
}

/** Tries `logins` from `index` on, waiting only when the directory has to ask the database. */
function findByLogins(deps: DecisionDependencies, logins: string[], index: number): Student | undefined | Promise<Student | undefined> {
  const login = logins[index];
  if (login === undefined) return undefined;
  const key = identifierKey(login, deps.identifierCaseSensitive);
  // Emails always match regardless of case. Identifiers do too, unless MLANGO_IDENTIFIER_CASE_SENSITIVE is set.
  const emailKey = deps.identifierCaseSensitive ? identifierKey(login) : key;

  const pick = (candidates: Student[]) => pickStudent(candidates, key, emailKey) ?? findByLogins(deps, logins, index + 1);
  const candidates = deps.directory.find(key, emailKey);
  return candidates instanceof Promise ? candidates.then(pick) : pick(candidates);
}

/** Picks the identifier match, or else the only student with the email (a shared email matches nobody). */
function pickStudent(candidates: Student[], key: string, emailKey: string): Student | undefined {
  const byIdentifier = candidates.find((student) => student.identifierKey === key);
  if (byIdentifier) return byIdentifier;

  const byEmail = candidates.filter((student) => student.emailKey === emailKey);
  return byEmail.length === 1 ? byEmail[0] : undefined;
}

/**
 * Checks the typed secret of a student with a stored secret (students without
 * one never get here). When the student is unknown, a dummy hash at the current
 * settings is checked instead, through the same pool, so that the response
 * costs as much as for a known student with a wrong secret. Returns BUSY when
 * the check cannot run in time.
 */
async function checkSecret(
  deps: DecisionDependencies,
  attempt: Attempt,
  typedSecret: string | undefined,
  loginKey: string,
  deadline: number,
): Promise<boolean | typeof BUSY> {
  const student = attempt.student;
  const secret = student?.secretKind === "date" && typedSecret !== undefined ? (parseTypedDate(typedSecret) ?? typedSecret) : (typedSecret ?? "");
  if (student && deps.successCache.has(loginKey, secret, student.id, student.secretHash!)) {
    attempt.cachedSuccess = true;
    return true;
  }

  const hash = student?.secretHash ?? (await dummyHash(deps.argon2));
  const matches = await deps.pool.run(() => verifySecret(secret, hash), deadline);
  if (matches === BUSY) return BUSY;
  if (!student || typedSecret === undefined || !matches) return false;

  deps.successCache.remember(loginKey, secret, student.id, hash);
  if (needsRehash(hash, deps.argon2)) upgradeHash(deps, student, hash, secret, loginKey);
  return true;
}

/**
 * Replaces a bcrypt or weaker argon2 hash with one at the current settings,
 * in the background after the response is sent. The update only applies
 * while the row still contains the old hash, so a roster import in between wins.
 */
function upgradeHash(deps: DecisionDependencies, student: Student, oldHash: string, secret: string, loginKey: string): void {
  const studentId = student.id;
  if (deps.pendingUpgrades.has(studentId)) return;
  deps.pendingUpgrades.add(studentId);

  deps.pool.runInBackground(async () => {
    try {
      const newHash = await hashSecret(secret, deps.argon2);
      const updated = await deps.db
        .update(students)
        .set({ secretHash: newHash, updatedAt: deps.now() })
        .where(and(eq(students.id, studentId), eq(students.secretHash, oldHash)))
        .returning({ id: students.id });
      if (updated.length > 0) {
        // The in-memory roster contains this same object. Updating it keeps the next check from upgrading again before a reload.
        if (student.secretHash === oldHash) student.secretHash = newHash;
        deps.successCache.remember(loginKey, secret, studentId, newHash);
        deps.logger.info("secret hash upgraded", { studentId, memoryKiB: deps.argon2.memoryCost, timeCost: deps.argon2.timeCost });
      }
    } catch (error) {
      deps.logger.error("secret hash upgrade failed", { studentId, error: error as Error });
    } finally {
      deps.pendingUpgrades.delete(studentId);
    }
  });
}
