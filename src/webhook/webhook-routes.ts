import { Elysia } from "elysia";
import type { AppDependencies } from "../app-dependencies";
import { errorResponse, jsonResponse } from "../http/json-response";
import { readBodyText } from "../http/read-body";
import { clientCredentialsCheck } from "./client-credentials";
import { describeIssues, verifyRespondentSchema, webhookEnvelopeSchema } from "./request-schemas";
import { notificationRow } from "./notification-row";
import { verifyRespondent } from "./verify-respondent";

/**
 * `POST /webhook`, the one URL given to the platform. Status codes:
 * - 200 for verify_respondent (success or refusal) and for stored notifications;
 * - 400 for a body that is empty, not UTF-8 or not a JSON object;
 * - 401 for a wrong client id or secret, 413 for a body over the limit;
 * - 405 for any method but POST, 422 for an object of the wrong shape;
 * - 503 for a notification that could not be committed.
 */
export function webhookRoutes(deps: AppDependencies) {
  const { settings, logger } = deps;
  const configured = Boolean(settings.clientId);
  const credentialsMatch = clientCredentialsCheck({ clientId: settings.clientId ?? "", clientSecret: settings.clientSecret ?? "" });

  return new Elysia({ name: "webhook" })
    .get("/webhook", methodNotAllowed)
    .put("/webhook", methodNotAllowed, { parse: "none" })
    .patch("/webhook", methodNotAllowed, { parse: "none" })
    .delete("/webhook", methodNotAllowed, { parse: "none" })
    .post(
      "/webhook",
      async function handleWebhook({ request }) {
        const receivedAt = performance.now();
        if (!configured || !credentialsMatch(request.headers)) {
          logger.warn("webhook rejected: client credentials do not match");
          return closingConnection(errorResponse(401, "unauthorized", "The x-client-id and x-client-secret headers do not match this server's settings."));
        }

        const body = await readBodyText(request, settings.maxBodyBytes);
        if (!body.ok) return bodyErrorResponse(body.reason, settings.maxBodyBytes);
        if (body.text.trim() === "") return errorResponse(400, "empty_body", "The request body is empty; send a JSON object with an `event` field.");

        let parsed: unknown;
        try {
          parsed = JSON.parse(body.text);
        } catch {
          return errorResponse(400, "invalid_json", "The request body is not valid JSON; send a JSON object with an `event` field.");
        }
        if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
          return errorResponse(400, "invalid_json", "The request body must be a JSON object with an `event` field.");
        }

        // The verification schema checks `event` itself, so the rush's requests skip the envelope check.
        if ((parsed as { event?: unknown }).event === "verify_respondent") {
          const verifyRequest = verifyRespondentSchema.safeParse(parsed);
          if (!verifyRequest.success) {
            return errorResponse(422, "invalid_body", "The verify_respondent body has the wrong shape.", describeIssues(verifyRequest.error));
          }
          return jsonResponse(200, await verifyRespondent(deps.verify, verifyRequest.data, receivedAt));
        }

        const envelope = webhookEnvelopeSchema.safeParse(parsed);
        if (!envelope.success) return errorResponse(422, "invalid_body", "The body has no valid `event`.", describeIssues(envelope.error));

        const row = notificationRow(parsed as Record<string, unknown>, body.text, deps.now());
        if (!row.ok) {
          return errorResponse(422, "invalid_body", `The ${envelope.data.event} body has the wrong shape.`, describeIssues(row.issues));
        }
        let stored;
        try {
          stored = await deps.inbox.store(row.row);
        } catch (error) {
          logger.error("notification not stored", { event: row.row.type, examId: row.row.examId, respondentId: row.row.respondentId, error: error as Error });
          const response = errorResponse(503, "not_stored", "The notification could not be stored and was not received; send it again later.");
          response.headers.set("retry-after", "30");
          return response;
        }
        logger.info("notification stored", {
          event: row.row.type,
          examId: row.row.examId,
          respondentId: row.row.respondentId,
          eventId: stored.id,
          repeat: !stored.created,
        });
        return jsonResponse(200, { received: true, id: stored.id, duplicate: !stored.created });
      },
      { parse: "none" },
    );
}

function methodNotAllowed(): Response {
  const response = errorResponse(405, "method_not_allowed", "This URL takes POST requests from ExamJoint only; give it to ExamJoint as the webhook URL.");
  response.headers.set("allow", "POST");
  return response;
}

/**
 * Marks a response sent without reading the whole body: the connection is
 * closed after it, so a client still uploading stops instead of holding the
 * connection (and a shutdown) open.
 */
function closingConnection(response: Response): Response {
  response.headers.set("connection", "close");
  return response;
}

function bodyErrorResponse(reason: "too_large" | "invalid_utf8" | "unreadable", maxBytes: number): Response {
  if (reason === "too_large") return closingConnection(errorResponse(413, "body_too_large", `The request body is larger than ${maxBytes} bytes.`));
  if (reason === "invalid_utf8") return errorResponse(400, "invalid_utf8", "The request body is not valid UTF-8 text.");
  return errorResponse(400, "unreadable_body", "The request body could not be read completely.");
}
