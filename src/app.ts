import { Elysia } from "elysia";
import type { AppDependencies } from "./app-dependencies";
import { isDatabaseError } from "./db/database-errors";
import { errorResponse } from "./http/json-response";
import { createRequestCounter } from "./metrics/collectors";
import { metricsRoutes } from "./metrics/metrics-routes";
import { photoRoutes } from "./roster/photo-routes";
import { statusRoutes } from "./status/status-routes";
import { webhookRoutes } from "./webhook/webhook-routes";

/**
 * Assembles the HTTP app: the error handler first, then the request log, then
 * each capability's routes. Every failure a client sees is our JSON error
 * shape; the cause of an unexpected one goes to the log only.
 */
export function createApp(deps: AppDependencies) {
  const { logger } = deps;
  const startedAt = new WeakMap<Request, number>();
  const requestCounter = createRequestCounter();

  return new Elysia()
    .onError(function handleError({ code, error, request }) {
      if (code === "NOT_FOUND") return errorResponse(404, "not_found", "Nothing is served at this path. The webhook URL ends in /webhook.");
      if (code === "PARSE" || code === "VALIDATION") return errorResponse(400, "invalid_request", "The request could not be read.");
      logger.error("request failed", { method: request.method, path: new URL(request.url).pathname, error: error as Error });
      if (isDatabaseError(error)) {
        return errorResponse(503, "database_unavailable", "The database is not available right now; try again shortly. The cause is in the server log.");
      }
      return errorResponse(500, "internal_error", "The server failed to handle this request; the cause is in the server log.");
    })
    .onRequest(({ request }) => {
      startedAt.set(request, performance.now());
    })
    .onAfterResponse(function logRequest({ request, set, response }) {
      let status = 200;
      if (response instanceof Response) status = response.status;
      else if (typeof set.status === "number") status = set.status;
      const started = startedAt.get(request);
      const fields = {
        method: request.method,
        path: new URL(request.url).pathname,
        status,
        ms: started === undefined ? undefined : Math.round((performance.now() - started) * 10) / 10,
      };
      requestCounter.record(fields.method, fields.path, status);
      if (status >= 500) logger.error("request", fields);
      else if (status >= 400) logger.warn("request", fields);
      else logger.debug("request", fields);
    })
    .use(webhookRoutes(deps))
    .use(statusRoutes(deps))
    .use(metricsRoutes(deps, requestCounter))
    .use(photoRoutes(deps));
}
