import type { SittingTimeline, StoredEvent } from "./timeline-queries";

/** One output cell: numbers stay numbers in CSV and JSON; undefined is an empty cell or JSON null. */
export type Cell = string | number | undefined;

export interface Listing {
  /** Machine names, used as the CSV header and the JSON keys. */
  columns: string[];
  rows: Cell[][];
}

export const EVENT_COLUMNS = ["id", "received_at", "type", "exam_id", "respondent_id", "admitted_at", "deliveries"];
export const SITTING_COLUMNS = ["exam_id", "respondent_id", "admitted_at", "result_ready_at", "investigation_complete_at", "events", "last_event_at"];

export function eventListing(rows: StoredEvent[]): Listing {
  return {
    columns: EVENT_COLUMNS,
    rows: rows.map((row) => [
      row.id,
      isoTime(row.receivedAt),
      row.type,
      row.examId ?? undefined,
      row.respondentId ?? undefined,
      isoTime(row.admittedOn ?? undefined),
      row.deliveries,
    ]),
  };
}

export function sittingListing(rows: SittingTimeline[]): Listing {
  return {
    columns: SITTING_COLUMNS,
    rows: rows.map((row) => [
      row.examId,
      row.respondentId,
      isoTime(row.admittedAt),
      isoTime(row.resultReadyAt),
      isoTime(row.investigationCompleteAt),
      row.events,
      isoTime(row.lastEventAt),
    ]),
  };
}

/** CSV lines (RFC 4180 quoting, one string per record); every text cell is made safe for spreadsheets first. */
export function formatCsv(listing: Listing): string[] {
  return [listing.columns, ...listing.rows].map((row) => row.map(csvCell).join(","));
}

// A spreadsheet runs a cell that starts with one of these as a formula (=, +, -, @, and tab or CR before them).
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

/**
 * Makes text that a spreadsheet would run as a formula inert by putting an
 * apostrophe before it. Text that is just a number (such as `-5`) is left
 * alone, because a spreadsheet reads it as that number and runs nothing.
 */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}

function csvCell(value: Cell): string {
  if (value === undefined) return "";
  if (typeof value === "number") return String(value);
  const safe = neutraliseFormula(value);
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/**
 * Formats JSON Lines, one object per string. `rawBodies`, when given, are the platform's
 * request bodies as received, added under `body` without re-encoding so
 * large numbers and key order survive. Line breaks in them can only be
 * whitespace between tokens (JSON strings cannot hold raw line breaks), so
 * they are replaced by spaces to keep one object per line.
 */
export function formatJsonLines(listing: Listing, rawBodies?: string[]): string[] {
  return listing.rows
    .map((row, index) => {
      const object = Object.fromEntries(listing.columns.map((column, columnIndex) => [column, row[columnIndex] ?? null]));
      const line = JSON.stringify(object);
      const body = rawBodies?.[index];
      return body === undefined ? line : `${line.slice(0, -1)},"body":${body.replace(/[\r\n]+/g, " ")}}`;
    });
}

/** Columns padded to line up, under the given (translated) headers; times shortened to `YYYY-MM-DD HH:MM:SS`. */
export function formatTable(listing: Listing, headers: string[]): string[] {
  const cells = listing.rows.map((row) => row.map(tableCell));
  const widths = headers.map((header, column) => Math.max(header.length, ...cells.map((row) => row[column]!.length)));
  const line = (row: string[]) =>
    row
      .map((cell, column) => cell.padEnd(widths[column]!))
      .join("  ")
      .trimEnd();
  return [line(headers), line(widths.map((width) => "-".repeat(width))), ...cells.map(line)];
}

function tableCell(value: Cell): string {
  if (value === undefined) return "-";
  if (typeof value === "number") return String(value);
  // Control characters would move the terminal cursor; show them as spaces.
  const printable = value.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, " ");
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(printable) ? printable.slice(0, 19).replace("T", " ") : printable;
}

/** ISO 8601 UTC text; a value outside the range of dates (a sender's bad `admittedOn`) stays the number it was. */
function isoTime(epochMs: number | undefined): Cell {
  if (epochMs === undefined) return undefined;
  const date = new Date(epochMs);
  return Number.isNaN(date.getTime()) ? epochMs : date.toISOString();
}
