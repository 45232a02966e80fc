import { sql } from "drizzle-orm";
import type { Database } from "../db/client";
import { events } from "../db/schema";
import { LATENCY_BUCKETS_SECONDS, type VerificationRollup } from "../status/verification-rollup";
import { histogramSamples, type MetricFamily, type MetricsCollector } from "./metrics-registry";

/** The paths served; anything else is counted as `other` so a scanner cannot create unbounded label values. */
const KNOWN_ROUTES = new Set(["/webhook", "/health", "/metrics", "/", "/login", "/logout"]);

/** Counts HTTP responses by method, route and status since the process started. */
export function createRequestCounter() {
  const counts = new Map<string, { method: string; route: string; status: string; value: number }>();

  return {
    record(method: string, path: string, status: number): void {
      const route = KNOWN_ROUTES.has(path) ? path : "other";
      const safeMethod = /^[A-Z]{1,10}$/.test(method) ? method : "OTHER";
      const key = `${safeMethod} ${route} ${status}`;
      const entry = counts.get(key) ?? { method: safeMethod, route, status: String(status), value: 0 };
      entry.value++;
      counts.set(key, entry);
    },

    collect: (): MetricFamily[] => [
      {
        name: "mlango_http_requests_total",
        help: "HTTP responses sent since the process started, by method, route and status.",
        type: "counter",
        samples: [...counts.values()].map(({ method, route, status, value }) => ({ labels: { method, route, status }, value })),
      },
    ],
  };
}

export type RequestCounter = ReturnType<typeof createRequestCounter>;

export function buildInfoCollector(version: string): MetricsCollector {
  return () => [{ name: "mlango_build_info", help: "The running Mlango version.", type: "gauge", samples: [{ labels: { version }, value: 1 }] }];
}

/**
 * Verification outcomes and latency from the `verifications` table, through
 * the running totals, so the figures survive restarts and add up across
 * servers sharing one database.
 */
export function verificationCollector(rollup: VerificationRollup, now: () => number): MetricsCollector {
  return async () => {
    await rollup.refresh(now());
    const histogram = rollup.latencyHistogram();
    return [
      {
        name: "mlango_verifications_total",
        help: "verify_respondent requests decided, by outcome and rejection reason.",
        type: "counter",
        samples: rollup.outcomeCounts().map((row) => ({ labels: { outcome: row.outcome, reason: row.reason }, value: row.count })),
      },
      {
        name: "mlango_verification_duration_seconds",
        help: "Time to decide a verify_respondent request; the platform waits at most 60 s.",
        type: "histogram",
        samples: histogramSamples(LATENCY_BUCKETS_SECONDS, histogram.cumulative, histogram.sumSeconds, histogram.count),
      },
    ];
  };
}

/** Stored notifications by event type, and deliveries including the platform's repeats. */
export function notificationCollector(db: Database): MetricsCollector {
  return async () => {
    const rows = await db
      .select({ type: events.type, stored: sql<number>`count(*)`, deliveries: sql<number>`sum(${events.deliveries})` })
      .from(events)
      .groupBy(events.type);
    return [
      {
        name: "mlango_notifications_total",
        help: "Distinct notifications stored, by event type.",
        type: "counter",
        samples: rows.map((row) => ({ labels: { event: row.type }, value: Number(row.stored) })),
      },
      {
        name: "mlango_notification_deliveries_total",
        help: "Notification requests received, repeats included, by event type.",
        type: "counter",
        samples: rows.map((row) => ({ labels: { event: row.type }, value: Number(row.deliveries) })),
      },
    ];
  };
}
