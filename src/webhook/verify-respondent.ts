import type { StudentMessages } from "../i18n/student-messages";
import type { PhotoLinks } from "../roster/photo-links";
import type { AuditWriter } from "./audit-writer";
import type { DeadlineQueue } from "./deadline-queue";
import { decide, type Attempt, type Decision, type DecisionDependencies } from "./verify-decision";
import type { VerifyRespondentRequest } from "./request-schemas";
import { encodeVerifyFailure, encodeVerifySuccess, type VerifyResponseBody } from "./verify-response";

export interface VerifyDependencies extends DecisionDependencies {
  publicUrl?: string;
  /** Signs links to photos stored by `mlango import-photos`. */
  photoLinks?: PhotoLinks;
  /** Milliseconds after arrival within which every request gets its response, below the platform's 60 s. */
  deadlineMs: number;
  messages: StudentMessages;
  audit: AuditWriter;
  /** Sends the busy message to requests still undecided at their deadline. */
  deadlines: DeadlineQueue;
}

/**
 * Decides a verify_respondent request and records the attempt. Returns the
 * body for the platform: metadata on success, a message in the student's
 * language on failure. A request not decided shortly before `deadlineMs`
 * after `receivedAt` (a `performance.now()` time) gets the busy message; its secret
 * check may still finish later, and a success is then remembered for the retry.
 * Never throws for anything the request contains.
 */
export async function verifyRespondent(
  deps: VerifyDependencies,
  request: VerifyRespondentRequest,
  receivedAt: number = performance.now(),
): Promise<VerifyResponseBody> {
  const at = deps.now();
  const attempt: Attempt = { examId: request.exam_id };

  const deadline = receivedAt + deps.deadlineMs - responseReserveMs(deps.deadlineMs);
  const decisionLookup = decideBeforeDeadline(deps, request, attempt, deadline);
  const decision = decisionLookup instanceof Promise ? await decisionLookup : decisionLookup;

  const lang = deps.messages.language(request.choosenLang);
  const latencyMs = Math.round(performance.now() - receivedAt);
  const reason = decision.outcome === "rejected" ? decision.reason : undefined;
  deps.audit.record({
    at,
    examId: attempt.examId,
    identifierTyped: attempt.login,
    identifierKey: attempt.loginKey,
    studentId: attempt.student?.id,
    outcome: decision.outcome,
    reason,
    lang,
    latencyMs,
  });
  deps.logger.info("verify_respondent", {
    examId: attempt.examId,
    outcome: decision.outcome,
    reason,
    studentId: attempt.student?.id,
    lang,
    latencyMs,
    cachedSuccess: attempt.cachedSuccess,
  });

  if (decision.outcome === "accepted") return encodeVerifySuccess(decision.student, deps.publicUrl, deps.photoLinks);
  const waitMs = decision.lockedUntil === undefined ? 0 : decision.lockedUntil - deps.now();
  return encodeVerifyFailure(deps.messages.message(decision.reason, request.choosenLang, waitMs));
}

/**
 * Time kept back from the deadline for encoding and sending the response
 * through an event loop that a rush keeps busy: 5 % of the deadline, at most
 * one second. On the 2-core benchmark machine under load, the last steps of a
 * request once took up to about 350 ms.
 */
export function responseReserveMs(deadlineMs: number): number {
  return Math.min(1000, deadlineMs / 20);
}

/** Returns the decision, or the busy outcome when the deadline passes first. */
function decideBeforeDeadline(deps: VerifyDependencies, request: VerifyRespondentRequest, attempt: Attempt, deadline: number): Decision | Promise<Decision> {
  const pending = decide(deps, request, attempt, deadline);
  // A decision made without waiting (a student found in memory, no secret to check) needs no deadline.
  if (Bun.peek.status(pending) === "fulfilled") return Bun.peek(pending) as Decision;

  // A failure inside (the database unreachable, say) gets the busy message, which tells the student to retry, rather than a 500.
  const decided = pending.catch((error: unknown): Decision => {
    deps.logger.error("verify failed", { examId: attempt.examId, studentId: attempt.student?.id, error: error as Error });
    return { outcome: "rejected", reason: "busy", student: attempt.student };
  });

  return new Promise<Decision>((resolve) => {
    const cancelDeadline = deps.deadlines.add(deadline, () => {
      resolve({ outcome: "rejected", reason: "busy", student: attempt.student });
      logLateDecision(deps, decided, attempt, deadline);
    });
    void decided.then((decision) => {
      cancelDeadline();
      resolve(decision);
    });
  });
}

/** Logs how a request answered with the busy message would have been decided, and how late. */
function logLateDecision(deps: VerifyDependencies, decided: Promise<Decision>, attempt: Attempt, deadline: number): void {
  void decided.then((late) => {
    const reason = late.outcome === "rejected" ? late.reason : undefined;
    deps.logger.warn("verify decided after the deadline", {
      examId: attempt.examId,
      studentId: attempt.student?.id,
      outcome: late.outcome,
      reason,
      lateByMs: Math.round(performance.now() - deadline),
    });
  });
}
