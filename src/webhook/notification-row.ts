import { createHash } from "node:crypto";
import type { events } from "../db/schema";
import { knownNotificationSchema, KNOWN_NOTIFICATIONS } from "./request-schemas";

export type NotificationInput =
  | { ok: true; row: typeof events.$inferInsert }
  | { ok: false; issues: import("zod").ZodError };

/**
 * Builds the row for a notification. Known events are identified by type,
 * exam, respondent and admission time, so a repeat with reordered keys or new
 * extra fields is still the same notification. Unknown events are identified
 * by their whole body, since nothing is known about which fields matter.
 */
export function notificationRow(body: Record<string, unknown>, rawBody: string, receivedAt: number): NotificationInput {
  const type = String(body.event);

  if ((KNOWN_NOTIFICATIONS as readonly string[]).includes(type)) {
    const parsed = knownNotificationSchema.safeParse(body);
    if (!parsed.success) return { ok: false, issues: parsed.error };
    const { respondent_id: respondentId, exam_id: examId, admittedOn } = parsed.data;
    return {
      ok: true,
      row: {
        dedupeKey: sha256(JSON.stringify([type, examId, respondentId, admittedOn ?? null])),
        type,
        examId,
        respondentId,
        admittedOn,
        body: rawBody,
        receivedAt,
      },
    };
  }

  return {
    ok: true,
    row: {
      dedupeKey: sha256(canonicalJson(body)),
      type,
      examId: scalarText(body.exam_id),
      respondentId: scalarText(body.respondent_id),
      body: rawBody,
      receivedAt,
    },
  };
}

function sha256(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

function scalarText(value: unknown): string | undefined {
  if (typeof value === "string" && value.trim() !== "") return value;
  if (typeof value === "number" || typeof value === "bigint") return String(value);
  return undefined;
}

/** JSON with object keys sorted at every level, so key order does not change the identity. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const keys = Object.keys(value).sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`).join(",")}}`;
  }
  return JSON.stringify(value);
}
