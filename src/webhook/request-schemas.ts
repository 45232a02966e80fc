import { z } from "zod";

/**
 * Schemas for the platform's request bodies. They accept what the platform may
 * plausibly send beyond its examples: extra fields, `null`s, and numbers where
 * the documentation shows strings.
 */

/** A string, or a number written as a string; `null` and empty text become undefined. */
const looseText = z
  .union([z.string(), z.number(), z.bigint(), z.boolean(), z.null()])
  .optional()
  .transform((value) => (value === null || value === undefined ? undefined : String(value)))
  .transform((value) => (value === undefined || value.trim() === "" ? undefined : value));

export const webhookEnvelopeSchema = z.looseObject({
  event: z.string({ error: "`event` must be a string naming the event, such as verify_respondent" }).min(1),
});

const welcomeFieldSchema = z.looseObject({
  position: z.union([z.number(), z.string().regex(/^\s*\d+\s*$/)]).nullish().transform((value) => (value == null ? undefined : Number(value))),
  value: looseText,
});

export const verifyRespondentSchema = z.looseObject({
  event: z.literal("verify_respondent"),
  fields: z
    .array(welcomeFieldSchema.nullable(), { error: "`fields` must be an array of { position, value } objects" })
    .nullish()
    .transform((fields) => fields ?? []),
  exam_id: looseText,
  choosenLang: looseText,
});
export type VerifyRespondentRequest = z.output<typeof verifyRespondentSchema>;

export const KNOWN_NOTIFICATIONS = ["admitted_respondent", "result_ready", "investigation_complete"] as const;

export const knownNotificationSchema = z.looseObject({
  event: z.enum(KNOWN_NOTIFICATIONS),
  respondent_id: looseText.refine((value) => value !== undefined, "`respondent_id` is required"),
  exam_id: looseText.refine((value) => value !== undefined, "`exam_id` is required"),
  admittedOn: z
    .union([z.number(), z.string().regex(/^\s*\d+\s*$/), z.null()])
    .optional()
    .transform((value) => (value === null || value === undefined ? undefined : Math.trunc(Number(value)))),
});

/** Turns zod issues into short `path: message` lines for the 4xx body. */
export function describeIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => `${issue.path.length > 0 ? issue.path.join(".") : "body"}: ${issue.message}`);
}
