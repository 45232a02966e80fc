/** Field delimiters that spreadsheets and school systems write. */
export const DELIMITERS = [",", ";", "\t", "|"] as const;

/** Reads a `--delimiter` value: the character itself, or `comma`, `semicolon`, `tab`, `pipe`, `\t`. */
export function parseDelimiterName(name: string): string | undefined {
  const named: Record<string, string> = { comma: ",", semicolon: ";", tab: "\t", "\\t": "\t", pipe: "|" };
  const delimiter = named[name.toLowerCase()] ?? name;
  return (DELIMITERS as readonly string[]).includes(delimiter) ? delimiter : undefined;
}

/**
 * Picks the delimiter that occurs most often in the header record, counting
 * only characters outside double quotes, so `"Name, full";PIN` is read as
 * semicolon-separated. Blank and delimiter-only lines before the header are
 * passed over. A header with none of them is one column: comma.
 */
export function detectDelimiter(text: string): string {
  const header = text.replace(/^(?:[ ,;\t|]*(?:\r\n|\n|\r))+/, "");
  const counts = new Map<string, number>(DELIMITERS.map((delimiter) => [delimiter, 0]));
  let quoted = false;
  for (const character of header) {
    if (character === '"') {
      quoted = !quoted;
      continue;
    }
    if (quoted) continue;
    if (character === "\n" || character === "\r") break;
    if (counts.has(character)) counts.set(character, counts.get(character)! + 1);
  }
  let best = ",";
  for (const delimiter of DELIMITERS) if (counts.get(delimiter)! > counts.get(best)!) best = delimiter;
  return best;
}

/**
 * Returns the detail kept for a CSV syntax error: csv-parse's error code (such
 * as `CSV_QUOTE_NOT_CLOSED`), which the problem text explains in the operator's
 * language, or the English message when the error has no code.
 */
export function csvSyntaxDetail(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  return typeof code === "string" && code !== "" ? code : String((error as Error).message);
}

/**
 * Returns the record a CSV syntax error is in, counting the header as record 1.
 * csv-parse counts the records it completed before the error. Returns
 * `fallback` when the error has no count.
 */
export function csvSyntaxRecord(error: unknown, fallback: number): number {
  const completed = (error as { records?: unknown }).records;
  return typeof completed === "number" ? completed + 1 : fallback;
}
