/**
 * Detects identifiers and secrets that a spreadsheet changed when it read them
 * as numbers: the original text cannot be recovered from these, so they are
 * rejected and the school is told to export the column as text.
 */
export type SpreadsheetDamage = "scientific_notation" | "column_too_narrow" | "digits_lost" | "decimal_added";

/**
 * Returns the kind of damage, or undefined for a value that looks as typed.
 * Scientific notation counts only in the form spreadsheets display it
 * (`1.23457E+11`, one digit before the point and a signed exponent), so
 * identifiers such as `12E45` are kept.
 * `digits_lost` needs 17 or more digits ending in zeros beyond the 15th, the
 * precision at which Excel stores numbers; a real identifier of that shape
 * would be rejected too.
 */
export function spreadsheetDamage(value: string): SpreadsheetDamage | undefined {
  if (/^[+-]?\d(?:[.,]\d+)?E[+-]\d{2,3}$/i.test(value)) return "scientific_notation";
  if (/^#{2,}$/.test(value)) return "column_too_narrow";
  if (/^\d{17,}$/.test(value) && /^0+$/.test(value.slice(15))) return "digits_lost";
  if (/^\d+\.0+$/.test(value)) return "decimal_added";
  return undefined;
}
