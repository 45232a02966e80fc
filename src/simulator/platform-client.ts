/**
 * Plays the exam platform: sends its documented request bodies with the
 * `x-client-id` / `x-client-secret` headers, as ExamJoint does, and measures
 * how long the answer took.
 */
export interface PlatformCredentials {
  clientId: string;
  clientSecret: string;
}

export interface PlatformReply {
  status: number;
  body: unknown;
  latencyMs: number;
}

export type PlatformEvent = "admitted_respondent" | "result_ready" | "investigation_complete";

export function verifyRespondentBody(values: string[], examId: string, lang: string) {
  return {
    event: "verify_respondent",
    fields: values.map((value, position) => ({ position, value })),
    exam_id: examId,
    choosenLang: lang,
  };
}

export function notificationBody(event: PlatformEvent, respondentId: string, examId: string, admittedOn: number) {
  return {
    event,
    respondent_id: respondentId,
    exam_id: examId,
    ...(event === "admitted_respondent" ? { admittedOn } : {}),
  };
}

/** POSTs `body` to the webhook URL and returns the status, parsed body and latency. Network errors are thrown. */
export async function sendToWebhook(webhookUrl: string, credentials: PlatformCredentials, body: unknown): Promise<PlatformReply> {
  const started = performance.now();
  const response = await fetch(webhookUrl, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-client-id": credentials.clientId,
      "x-client-secret": credentials.clientSecret,
    },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(60_000),
  });
  const text = await response.text();
  const latencyMs = Math.round((performance.now() - started) * 10) / 10;
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // Keep a non-JSON reply as text so the operator sees exactly what came back.
  }
  return { status: response.status, body: parsed, latencyMs };
}
