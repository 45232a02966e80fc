import { sql } from "drizzle-orm";
import { blob, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

/** Epoch milliseconds; every timestamp in the database uses this unit. */
const nowMs = sql`(cast(unixepoch('subsec') * 1000 as integer))`;

/**
 * One student of the roster. `identifier` is kept exactly as the school wrote it;
 * `identifierKey` is the folded form that lookups use.
 */
export const students = sqliteTable(
  "students",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    identifier: text("identifier").notNull(),
    identifierKey: text("identifier_key").notNull().unique(),
    emailKey: text("email_key"),
    secretHash: text("secret_hash"),
    /** Secret format: `date` secrets (dates of birth) are stored as `YYYY-MM-DD` and compared as calendar dates. */
    secretKind: text("secret_kind", { enum: ["text", "date"] }).notNull().default("text"),
    name: text("name"),
    email: text("email"),
    photo: text("photo"),
    about: text("about"),
    /** JSON object of the extra columns passed on as `metadata.data`. */
    data: text("data"),
    disabled: integer("disabled", { mode: "boolean" }).notNull().default(false),
    createdAt: integer("created_at").notNull().default(nowMs),
    updatedAt: integer("updated_at").notNull().default(nowMs),
  },
  (table) => [index("students_email_key").on(table.emailKey)],
);

/** Per-exam settings: the credential that each welcome-page position contains. */
export const exams = sqliteTable("exams", {
  examId: text("exam_id").primaryKey(),
  /** Comma-separated roles, one per field position, e.g. `identifier,secret`. */
  fieldRoles: text("field_roles").notNull(),
  enrollmentRequired: integer("enrollment_required", { mode: "boolean" }).notNull().default(false),
  updatedAt: integer("updated_at").notNull().default(nowMs),
});

/** The exams a student may sit, for exams that require enrollment. */
export const enrollments = sqliteTable(
  "enrollments",
  {
    examId: text("exam_id").notNull(),
    studentId: integer("student_id")
      .notNull()
      .references(() => students.id, { onDelete: "cascade" }),
  },
  (table) => [primaryKey({ columns: [table.examId, table.studentId] })],
);

/** One verify_respondent attempt. The secret is never stored here. */
export const verifications = sqliteTable(
  "verifications",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    at: integer("at").notNull(),
    examId: text("exam_id"),
    identifierTyped: text("identifier_typed"),
    identifierKey: text("identifier_key"),
    studentId: integer("student_id"),
    outcome: text("outcome", { enum: ["accepted", "rejected"] }).notNull(),
    reason: text("reason"),
    lang: text("lang"),
    latencyMs: integer("latency_ms").notNull(),
  },
  (table) => [index("verifications_at").on(table.at)],
);

/**
 * One notification from the platform, stored once. `dedupeKey` identifies a
 * delivery so that the platform's repeats land on the same row.
 */
export const events = sqliteTable(
  "events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    dedupeKey: text("dedupe_key").notNull().unique(),
    type: text("type").notNull(),
    examId: text("exam_id"),
    respondentId: text("respondent_id"),
    /** `admittedOn` of admitted_respondent, epoch milliseconds. */
    admittedOn: integer("admitted_on"),
    /** The request body exactly as received. */
    body: text("body").notNull(),
    receivedAt: integer("received_at").notNull(),
    deliveries: integer("deliveries").notNull().default(1),
  },
  (table) => [
    index("events_received_at").on(table.receivedAt),
    index("events_exam_respondent").on(table.examId, table.respondentId),
    // Lets /metrics count notifications by type from the index alone.
    index("events_type_deliveries").on(table.type, table.deliveries),
  ],
);

/**
 * The outbox: one row per stored event and downstream URL, written in the same
 * transaction as the event. `nextAttemptAt` doubles as the claim: a sender
 * moves it past the request's timeout before sending, so a crash mid-send only
 * delays the retry.
 */
export const forwardDeliveries = sqliteTable(
  "forward_deliveries",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    eventId: integer("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    url: text("url").notNull(),
    status: text("status", { enum: ["pending", "delivered", "failed"] }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: integer("next_attempt_at").notNull(),
    /** After this time a failed attempt marks the delivery failed instead of scheduling another. */
    giveUpAt: integer("give_up_at").notNull(),
    lastAttemptAt: integer("last_attempt_at"),
    /** HTTP status or network error of the last attempt, for operators. */
    lastError: text("last_error"),
    deliveredAt: integer("delivered_at"),
    createdAt: integer("created_at").notNull(),
  },
  (table) => [
    uniqueIndex("forward_deliveries_event_url").on(table.eventId, table.url),
    index("forward_deliveries_due").on(table.status, table.nextAttemptAt),
  ],
);

/** Small key-value facts about this installation, such as the last import. */
/**
 * A single row counting changes to `students`. Triggers raise it on every
 * insert, update and delete, including those of other processes (an import in
 * another window, a hand edit), so the server can tell when its in-memory
 * roster is out of date.
 */
export const rosterVersion = sqliteTable("roster_version", {
  id: integer("id").primaryKey(),
  version: integer("version").notNull(),
});

export const appState = sqliteTable("app_state", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
  updatedAt: integer("updated_at").notNull().default(nowMs),
});

/**
 * Rows of an import in progress, written in many short transactions while the
 * file streams in and merged into `students` in one transaction at the end.
 * Rows of an import that was killed are deleted by the next import.
 */
export const rosterStaging = sqliteTable(
  "roster_staging",
  {
    runId: text("run_id").notNull(),
    record: integer("record").notNull(),
    identifier: text("identifier").notNull(),
    identifierKey: text("identifier_key").notNull(),
    emailKey: text("email_key"),
    secretHash: text("secret_hash"),
    secretKind: text("secret_kind", { enum: ["text", "date"] }).notNull().default("text"),
    name: text("name"),
    email: text("email"),
    photo: text("photo"),
    about: text("about"),
    data: text("data"),
    disabled: integer("disabled", { mode: "boolean" }).notNull().default(false),
    /** JSON array of exam ids, or null when the file has no exams column. */
    exams: text("exams"),
    /** What the merge does with the row: `new`, `change`, `same`, or `disable` for a student missing from a sync file. */
    action: text("action", { enum: ["new", "change", "same", "disable"] }),
  },
  (table) => [
    primaryKey({ columns: [table.runId, table.identifierKey] }),
    index("roster_staging_pending").on(table.runId, table.action).where(sql`action <> 'same'`),
  ],
);

/** Student photos imported from a folder, served at signed, expiring URLs. */
export const studentPhotos = sqliteTable("student_photos", {
  studentId: integer("student_id")
    .primaryKey()
    .references(() => students.id, { onDelete: "cascade" }),
  contentType: text("content_type").notNull(),
  width: integer("width").notNull(),
  height: integer("height").notNull(),
  /** SHA-256 of the bytes, hex; part of every signed link so that a replaced photo gets new links. */
  sha256: text("sha256").notNull(),
  bytes: blob("bytes", { mode: "buffer" }).notNull(),
  updatedAt: integer("updated_at").notNull().default(nowMs),
});
