/** The innermost cause's message: Drizzle wraps the driver's error ("database is locked") in one that repeats the query. */
export function innermostErrorMessage(error: unknown): string {
  let current = error;
  while (current instanceof Error && current.cause instanceof Error) current = current.cause;
  return current instanceof Error ? current.message : String(current);
}
