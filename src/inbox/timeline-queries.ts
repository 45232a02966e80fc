import { and, asc, desc, eq, gte, isNotNull, lte, sql, type SQL } from "drizzle-orm";
import type { Database } from "../db/client";
import { events } from "../db/schema";

/** Filters shared by `mlango events` and the status page. Times are epoch ms, inclusive. */
export interface EventFilter {
  examId?: string;
  type?: string;
  since?: number;
  until?: number;
  limit?: number;
}

/** Stored notifications matching `filter`, oldest first, with the body exactly as received. */
export async function listEvents(db: Database, filter: EventFilter) {
  const conditions = [
    filter.examId === undefined ? undefined : eq(events.examId, filter.examId),
    filter.type === undefined ? undefined : eq(events.type, filter.type),
    filter.since === undefined ? undefined : gte(events.receivedAt, filter.since),
    filter.until === undefined ? undefined : lte(events.receivedAt, filter.until),
  ];
  const query = db
    .select({
      id: events.id,
      receivedAt: events.receivedAt,
      type: events.type,
      examId: events.examId,
      respondentId: events.respondentId,
      admittedOn: events.admittedOn,
      deliveries: events.deliveries,
      body: events.body,
    })
    .from(events)
    .where(and(...conditions))
    .orderBy(asc(events.receivedAt), asc(events.id));
  return filter.limit === undefined ? query : query.limit(filter.limit);
}

export type StoredEvent = Awaited<ReturnType<typeof listEvents>>[number];

/** One sitting (an exam and the platform's respondent_id) with the time of each step; undefined where the step has not happened. */
export interface SittingTimeline {
  examId: string;
  respondentId: string;
  /** The platform's `admittedOn`, or the receipt time when the event carried none. */
  admittedAt?: number;
  resultReadyAt?: number;
  investigationCompleteAt?: number;
  events: number;
  lastEventAt: number;
}

/**
 * Groups the stored notifications by sitting, most recently active first.
 * Arrival order does not matter: each step takes its earliest event. A
 * `type` filter keeps sittings that have at least one event of that type. The
 * time filter keeps sittings whose last event falls in the window.
 */
export async function listSittings(db: Database, filter: EventFilter): Promise<SittingTimeline[]> {
  const firstOf = (type: string, time: SQL = sql`${events.receivedAt}`) =>
    sql<number | null>`min(case when ${events.type} = ${type} then ${time} end)`;
  const lastEventAt = sql<number>`max(${events.receivedAt})`;

  const having = [
    filter.type === undefined ? undefined : sql`sum(${events.type} = ${filter.type}) > 0`,
    filter.since === undefined ? undefined : sql`${lastEventAt} >= ${filter.since}`,
    filter.until === undefined ? undefined : sql`${lastEventAt} <= ${filter.until}`,
  ].filter((condition) => condition !== undefined);

  const query = db
    .select({
      examId: events.examId,
      respondentId: events.respondentId,
      admittedAt: firstOf("admitted_respondent", sql`coalesce(${events.admittedOn}, ${events.receivedAt})`),
      resultReadyAt: firstOf("result_ready"),
      investigationCompleteAt: firstOf("investigation_complete"),
      events: sql<number>`count(*)`,
      lastEventAt,
    })
    .from(events)
    .where(and(isNotNull(events.examId), isNotNull(events.respondentId), filter.examId === undefined ? undefined : eq(events.examId, filter.examId)))
    .groupBy(events.examId, events.respondentId)
    .having(having.length > 0 ? and(...having) : undefined)
    .orderBy(desc(lastEventAt), asc(events.examId), asc(events.respondentId));
  const rows = filter.limit === undefined ? await query : await query.limit(filter.limit);

  return rows.map((row) => ({
    examId: row.examId!,
    respondentId: row.respondentId!,
    admittedAt: optionalNumber(row.admittedAt),
    resultReadyAt: optionalNumber(row.resultReadyAt),
    investigationCompleteAt: optionalNumber(row.investigationCompleteAt),
    events: Number(row.events),
    lastEventAt: Number(row.lastEventAt),
  }));
}

function optionalNumber(value: number | null): number | undefined {
  return value === null ? undefined : Number(value);
}
