import { Elysia } from "elysia";
import type { AppDependencies } from "../app-dependencies";
import { errorResponse } from "../http/json-response";
import { checkHealth, type CheckState } from "../status/health";
import { secretsEqual } from "../webhook/client-credentials";
import { buildInfoCollector, notificationCollector, verificationCollector, type RequestCounter } from "./collectors";
import { createMetricsRegistry, type MetricsCollector } from "./metrics-registry";

/** Lists the collectors that `/metrics` renders. Another capability adds its own with one line here. */
function metricsCollectors(deps: AppDependencies, requests: RequestCounter): MetricsCollector[] {
  return [
    buildInfoCollector(deps.version),
    requests.collect,
    verificationCollector(deps.verificationRollup, deps.now),
    notificationCollector(deps.db),
    healthCollector(deps),
  ];
}

/**
 * `GET /metrics` in Prometheus text format, for a scraper that sends
 * `Authorization: Bearer <MLANGO_METRICS_TOKEN>`. Without the setting the
 * route returns 404, so nothing about the server is exposed by default.
 */
export function metricsRoutes(deps: AppDependencies, requests: RequestCounter) {
  const token = deps.settings.metricsToken;
  const registry = createMetricsRegistry(metricsCollectors(deps, requests));

  return new Elysia({ name: "metrics" }).get("/metrics", async function getMetrics({ request }) {
    if (!token) return errorResponse(404, "metrics_off", "Metrics are turned off; set MLANGO_METRICS_TOKEN to turn them on.");

    const presented = /^Bearer (.+)$/.exec(request.headers.get("authorization") ?? "")?.[1] ?? "";
    if (!secretsEqual(presented, token)) {
      return errorResponse(401, "unauthorized", "Send the MLANGO_METRICS_TOKEN value as `Authorization: Bearer <token>`.");
    }

    return new Response(await registry.render(), {
      headers: { "content-type": "text/plain; version=0.0.4; charset=utf-8", "cache-control": "no-store" },
    });
  });
}

/** Reports one gauge per health check (0 ok, 1 warn, 2 fail) and the time of the last successful backup. */
function healthCollector(deps: AppDependencies): MetricsCollector {
  const stateValue = { ok: 0, warn: 1, fail: 2 } as const;
  return async () => {
    const health = await checkHealth(deps.health);
    const lastBackupAt = health.checks.backup.lastSuccessAt;
    return [
      {
        name: "mlango_health_check_state",
        help: "State of each health check: 0 ok, 1 warning, 2 failed.",
        type: "gauge",
        samples: (Object.entries(health.checks) as [string, { state: CheckState }][]).map(([check, result]) => ({ labels: { check }, value: stateValue[result.state] })),
      },
      {
        name: "mlango_last_backup_success_timestamp_seconds",
        help: "Unix time of the last successful backup, 0 when there is none.",
        type: "gauge",
        samples: [{ value: lastBackupAt === undefined ? 0 : Math.floor(lastBackupAt / 1000) }],
      },
    ];
  };
}
