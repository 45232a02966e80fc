/**
 * Returns why a request to a server failed, for a line in either language.
 * That is the system's error code (`ECONNREFUSED`, `ENOTFOUND`, `ETIMEDOUT`)
 * when there is one, because Bun's message around it is English. Otherwise it
 * is the message, without the question Bun adds to it.
 */
export function connectionFailure(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string" && /^[A-Z][A-Z_]+$/.test(code)) return code;
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/\s*Is the computer able to access the url\?/, "").replace(/[.?!\s]+$/, "");
}
