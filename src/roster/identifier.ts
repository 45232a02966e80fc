/**
 * Folds an identifier or email the way people type them: surrounding spaces
 * dropped, Unicode NFC, and (unless `caseSensitive`) case folded. The folding
 * uses `toUpperCase().toLowerCase()` rather than locale-aware functions, so it
 * gives the same key on every machine (Turkish `I`, German `ß` → `ss`).
 */
export function identifierKey(typed: string, caseSensitive = false): string {
  const trimmed = typed.trim().normalize("NFC");
  if (caseSensitive) return trimmed;
  return trimmed.toUpperCase().toLowerCase().normalize("NFC");
}
