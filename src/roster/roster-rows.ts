import { parse } from "csv-parse/sync";
import { z } from "zod";
import { planColumns, presentFields, type ColumnChoices, type ColumnPlan } from "./column-map";
import { csvSyntaxDetail, csvSyntaxRecord, detectDelimiter } from "./csv-shape";
import type { PresentFields } from "./roster-staging";
import { isPrecomputedHash } from "./secrets";
import { spreadsheetDamage } from "./spreadsheet-damage";

/** Stable codes for row problems; messages in both languages are built from them. */
export type RowProblemCode =
  | "missing_identifier"
  | "invalid_email"
  | "invalid_photo_url"
  | "duplicate_identifier"
  | "invalid_date"
  | "malformed_csv"
  | "missing_identifier_column"
  | "duplicate_column"
  | "unknown_column"
  | "empty_file"
  | "field_count"
  | "invalid_character"
  | "invalid_encoding"
  | "spreadsheet_damage"
  | "invalid_exam_id"
  | "unknown_student";

export interface RowProblem {
  /** 1-based record number counting the header as record 1, as spreadsheets number rows; 0 for the file as a whole. */
  record: number;
  column?: string;
  code: RowProblemCode;
  /** The offending value or a related fact, such as the other record of a duplicate. */
  detail?: string;
}

export interface RosterRow {
  record: number;
  identifier: string;
  secret?: string;
  /** `date` when the secret is a date of birth; it is stored as `YYYY-MM-DD` and compared as a date. */
  secretKind?: "text" | "date";
  name?: string;
  email?: string;
  photo?: string;
  about?: string;
  data: Record<string, string>;
  /** A OneRoster user marked inactive or to be deleted. */
  disabled?: boolean;
  /** Exam ids the student is enrolled in; undefined when the file has no exams column. */
  exams?: string[];
}

/** The outcome of one record of the file: a row, a skip, or its problems. */
export type RecordOutcome = { kind: "row"; row: RosterRow } | { kind: "skip" } | { kind: "problems"; problems: RowProblem[] };

const emailSchema = z.email();
const photoUrlSchema = z.url({ protocol: /^https?$/ });
const ONE_ROSTER_DISABLED_STATUS = new Set(["tobedeleted", "inactive", "deleted"]);

/** Drops BOMs anywhere in a value (Excel leaves them where files were joined) and surrounding spaces. */
export function cleanValue(value: string | undefined): string {
  return (value ?? "").replaceAll("\uFEFF", "").trim();
}

/**
 * Turns one CSV record into a roster row. Blank and delimiter-only records,
 * and OneRoster users who are not students, are skipped. A record with fewer
 * fields than the header is a problem; extra fields must be empty.
 */
export function rowFromRecord(plan: ColumnPlan, rawValues: string[], record: number): RecordOutcome {
  const values = rawValues.map(cleanValue);
  if (values.every((value) => value === "")) return { kind: "skip" };

  const problems: RowProblem[] = [];
  const width = plan.width;
  if (values.length < width || values.slice(width).some((value) => value !== "")) {
    problems.push({ record, code: "field_count", detail: `${values.length}/${width}` });
    return { kind: "problems", problems };
  }

  const column = (index: number) => plan.header[index]!;
  const at = (index: number | undefined) => (index === undefined ? undefined : values[index] || undefined);

  if (plan.oneRoster && values[plan.oneRoster.role]!.toLowerCase() !== "student") return { kind: "skip" };

  values.forEach((value, index) => {
    if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/.test(value)) {
      problems.push({ record, column: column(index), code: "invalid_character", detail: value.replace(/\u0000/g, "\\0") });
    }
  });

  const identifier = at(plan.identifier);
  if (!identifier) problems.push({ record, column: column(plan.identifier), code: "missing_identifier" });
  else checkDamage(identifier, plan.identifier);

  const secret = at(plan.secret);
  if (secret !== undefined && plan.secretKind === "text" && !isPrecomputedHash(secret)) checkDamage(secret, plan.secret!);

  const email = at(plan.email);
  if (email && !emailSchema.safeParse(email).success) problems.push({ record, column: column(plan.email!), code: "invalid_email", detail: email });
  const photo = at(plan.photo);
  if (photo && !photoUrlSchema.safeParse(photo).success) problems.push({ record, column: column(plan.photo!), code: "invalid_photo_url", detail: photo });

  const exams = plan.exams === undefined ? undefined : splitExamIds(values[plan.exams]!);
  const badExam = exams?.find((exam) => exam.length > 200);
  if (badExam) problems.push({ record, column: column(plan.exams!), code: "invalid_exam_id", detail: badExam });

  if (problems.length > 0) return { kind: "problems", problems };

  const name = plan.name.map((index) => values[index]).filter((part) => part !== "").join(" ");
  const data: Record<string, string> = {};
  for (const [key, index] of plan.data) if (values[index] !== "") data[key] = values[index]!;

  const row: RosterRow = {
    record,
    identifier: identifier!,
    secret,
    secretKind: plan.secretKind,
    name: name || undefined,
    email,
    photo,
    about: at(plan.about),
    data,
    disabled: plan.oneRoster ? isOneRosterDisabled(plan, values) : false,
    exams,
  };
  return { kind: "row", row };

  function checkDamage(value: string, index: number) {
    const damage = spreadsheetDamage(value);
    if (damage) problems.push({ record, column: column(index), code: "spreadsheet_damage", detail: value });
  }
}

/** Exam ids in one cell, separated by semicolons, commas, pipes or spaces. */
export function splitExamIds(cell: string): string[] {
  return [...new Set(cell.split(/[;,|\s]+/).filter((exam) => exam !== ""))];
}

function isOneRosterDisabled(plan: ColumnPlan, values: string[]): boolean {
  const { status, enabledUser } = plan.oneRoster!;
  if (status !== undefined && ONE_ROSTER_DISABLED_STATUS.has(values[status]!.toLowerCase())) return true;
  return enabledUser !== undefined && values[enabledUser]!.toLowerCase() === "false";
}

export type ParsedRoster = { ok: true; rows: RosterRow[]; skipped: number; present: PresentFields } | { ok: false; problems: RowProblem[] };

/**
 * Parses roster CSV text held in memory (the demo roster, test seeds) with the
 * same rules as a file import: detected delimiter, header aliases, row checks.
 * Returns every problem found, or the rows when there are none.
 */
export function parseRosterCsv(text: string, choices: ColumnChoices = { explicit: {} }): ParsedRoster {
  const body = text.replace(/^\uFEFF/, "");
  let records: string[][];
  try {
    records = parse(body, { delimiter: detectDelimiter(body), relax_column_count: true, skip_empty_lines: false });
  } catch (error) {
    return { ok: false, problems: [{ record: csvSyntaxRecord(error, 0), code: "malformed_csv", detail: csvSyntaxDetail(error) }] };
  }

  const [header, ...rest] = records;
  if (!header || header.every((name) => cleanValue(name) === "")) return { ok: false, problems: [{ record: 0, code: "empty_file" }] };

  const planned = planColumns(header.map(cleanValue), choices);
  if (!planned.ok) return { ok: false, problems: planned.problems.map((problem) => ({ record: 1, ...problem })) };

  const problems: RowProblem[] = [];
  const rows: RosterRow[] = [];
  let skipped = 0;
  rest.forEach((values, index) => {
    const outcome = rowFromRecord(planned.plan, values, index + 2);
    if (outcome.kind === "skip") skipped += 1;
    else if (outcome.kind === "problems") problems.push(...outcome.problems);
    else rows.push(outcome.row);
  });

  return problems.length > 0 ? { ok: false, problems } : { ok: true, rows, skipped, present: presentFields(planned.plan) };
}
