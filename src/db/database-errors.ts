/** Whether an error came from libSQL (directly or wrapped by Drizzle), as opposed to a bug in our code. */
export function isDatabaseError(error: unknown): boolean {
  for (let current: unknown = error, depth = 0; current && depth < 4; current = (current as { cause?: unknown }).cause, depth++) {
    const { name, code } = current as { name?: unknown; code?: unknown };
    if (name === "LibsqlError" || name === "LibsqlBatchError") return true;
    if (typeof code === "string" && code.startsWith("SQLITE_")) return true;
  }
  return false;
}
