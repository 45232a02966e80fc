/**
 * The one error shape clients see: `{ "error": { "code", "message" } }`. The
 * code is stable for scripts; the message says what was wrong and what to send
 * instead. Causes of server faults go to the log, never into this body.
 */
export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

const JSON_HEADERS = { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" };

export function jsonResponse(status: number, body: unknown, headers?: Record<string, string>): Response {
  // Each Response copies the headers it is given, so the shared object is never changed.
  return new Response(JSON.stringify(body), { status, headers: headers ? { ...JSON_HEADERS, ...headers } : JSON_HEADERS });
}

export function errorResponse(status: number, code: string, message: string, details?: unknown): Response {
  const body: ErrorBody = { error: { code, message, ...(details === undefined ? {} : { details }) } };
  return jsonResponse(status, body);
}
