import { parse } from "csv-parse/sync";
import { z } from "zod";

/** Canonical roster headers; every other column is kept as extra data. */
export const ROSTER_COLUMNS = ["identifier", "secret", "name", "email", "photo", "about"] as const;
export type RosterColumn = (typeof ROSTER_COLUMNS)[number];

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
  | "empty_file";

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
}

export type ParsedRoster = { ok: true; rows: RosterRow[]; skipped: number } | { ok: false; problems: RowProblem[] };

const emailSchema = z.email();
const photoUrlSchema = z.url({ protocol: /^https?$/ });

/**
 * Parses a UTF-8 roster CSV with a header row: a leading BOM, CRLF line ends,
 * quoted fields with commas or line breaks, and spaces around headers and
 * values are handled. Returns every problem found, or the rows when there are none.
 */
export function parseRosterCsv(text: string): ParsedRoster {
  let records: string[][];
  try {
    records = parse(text, { bom: true, trim: true, skip_empty_lines: true, relax_quotes: false });
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    return { ok: false, problems: [{ record: line ?? 0, code: "malformed_csv", detail: (error as Error).message }] };
  }

  const [header, ...body] = records;
  if (!header) return { ok: false, problems: [{ record: 0, code: "empty_file" }] };

  const columns = header.map((name) => name.trim().toLowerCase());
  const headerProblems = checkHeader(columns);
  if (headerProblems.length > 0) return { ok: false, problems: headerProblems };

  const problems: RowProblem[] = [];
  const rows: RosterRow[] = [];
  let skipped = 0;

  body.forEach((values, index) => {
    const record = index + 2;
    if (values.every((value) => value === "")) {
      skipped += 1;
      return;
    }
    const row = rowFromValues(columns, values, record, problems);
    if (row) rows.push(row);
  });

  return problems.length > 0 ? { ok: false, problems } : { ok: true, rows, skipped };
}

function checkHeader(columns: string[]): RowProblem[] {
  const problems: RowProblem[] = [];
  if (!columns.includes("identifier")) problems.push({ record: 1, column: "identifier", code: "missing_identifier_column" });
  const seen = new Set<string>();
  for (const column of columns) {
    if (seen.has(column)) problems.push({ record: 1, column, code: "duplicate_column" });
    seen.add(column);
  }
  return problems;
}

function rowFromValues(columns: string[], values: string[], record: number, problems: RowProblem[]): RosterRow | undefined {
  const known: Partial<Record<RosterColumn, string>> = {};
  const data: Record<string, string> = {};
  columns.forEach((column, index) => {
    const value = values[index] ?? "";
    if ((ROSTER_COLUMNS as readonly string[]).includes(column)) {
      if (value !== "") known[column as RosterColumn] = value;
    } else if (value !== "") {
      data[column] = value;
    }
  });

  const problemCountBefore = problems.length;
  if (!known.identifier) problems.push({ record, column: "identifier", code: "missing_identifier" });
  if (known.email && !emailSchema.safeParse(known.email).success) {
    problems.push({ record, column: "email", code: "invalid_email", detail: known.email });
  }
  if (known.photo && !photoUrlSchema.safeParse(known.photo).success) {
    problems.push({ record, column: "photo", code: "invalid_photo_url", detail: known.photo });
  }
  if (problems.length > problemCountBefore) return undefined;

  return { record, identifier: known.identifier!, ...known, data };
}
