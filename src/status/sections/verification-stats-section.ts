import { and, asc, gte, isNotNull, sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { verifications } from "../../db/schema";
import type { OperatorLanguage } from "../../i18n/operator-language";
import { escapeHtml } from "../html";
import { defineSection, table } from "./section";

/** The platform aborts a verify_respondent request after 60 s, so latency is shown against it. */
export const VERIFY_BUDGET_MS = 60_000;
const WINDOW_MS = 60 * 60 * 1000;

const TEXT = {
  sw: {
    heading: "Uthibitisho katika saa moja iliyopita",
    total: "Jumla",
    accepted: "Wamekubaliwa",
    rejected: "Wamekataliwa",
    reason: "Sababu ya kukataliwa",
    count: "Idadi",
    latency: "Muda wa kujibu",
    p50: "p50 (nusu ya maombi yalijibiwa ndani ya)",
    p99: "p99 (maombi 99 kati ya 100 yalijibiwa ndani ya)",
    budget: "{percent}% ya sekunde 60 ambazo ExamJoint husubiri",
    none: "Hakuna uthibitisho katika saa moja iliyopita.",
  },
  en: {
    heading: "Verifications in the last hour",
    total: "Total",
    accepted: "Accepted",
    rejected: "Rejected",
    reason: "Rejection reason",
    count: "Count",
    latency: "Response time",
    p50: "p50 (half of the requests answered within)",
    p99: "p99 (99 of 100 requests answered within)",
    budget: "{percent}% of the 60 s ExamJoint waits",
    none: "No verifications in the last hour.",
  },
} satisfies Record<OperatorLanguage, Record<string, string>>;

export interface VerificationStats {
  accepted: number;
  rejected: number;
  byReason: { reason: string; count: number }[];
  p50Ms?: number;
  p99Ms?: number;
}

/** Counts by outcome and reason, and the p50/p99 latency, of verifications since `since`. */
export async function loadVerificationStats(db: Database, since: number): Promise<VerificationStats> {
  const rows = await db
    .select({ outcome: verifications.outcome, reason: verifications.reason, count: sql<number>`count(*)` })
    .from(verifications)
    .where(gte(verifications.at, since))
    .groupBy(verifications.outcome, verifications.reason);

  const total = rows.reduce((sum, row) => sum + Number(row.count), 0);
  const percentile = async (fraction: number) => {
    if (total === 0) return undefined;
    // Nearest-rank percentile: the value at rank ceil(fraction × n).
    const offset = Math.max(0, Math.ceil(fraction * total) - 1);
    const [row] = await db
      .select({ latencyMs: verifications.latencyMs })
      .from(verifications)
      .where(and(gte(verifications.at, since), isNotNull(verifications.latencyMs)))
      .orderBy(asc(verifications.latencyMs))
      .limit(1)
      .offset(offset);
    return row?.latencyMs;
  };

  return {
    accepted: rows.filter((row) => row.outcome === "accepted").reduce((sum, row) => sum + Number(row.count), 0),
    rejected: rows.filter((row) => row.outcome === "rejected").reduce((sum, row) => sum + Number(row.count), 0),
    byReason: rows
      .filter((row) => row.outcome === "rejected")
      .map((row) => ({ reason: row.reason ?? "", count: Number(row.count) }))
      .sort((a, b) => b.count - a.count),
    p50Ms: await percentile(0.5),
    p99Ms: await percentile(0.99),
  };
}

export const verificationStatsSection = defineSection({
  id: "verification-stats",
  audience: "admin",
  load: ({ db, now }) => loadVerificationStats(db, now - WINDOW_MS),
  render(stats, lang) {
    const text = TEXT[lang];
    const total = stats.accepted + stats.rejected;
    if (total === 0) return `<h2>${escapeHtml(text.heading)}</h2>\n<p class="empty">${escapeHtml(text.none)}</p>`;

    const reasonRows = stats.byReason.map((row) => `<tr><td>${escapeHtml(row.reason)}</td><td class="number">${row.count}</td></tr>`);
    return `<h2>${escapeHtml(text.heading)}</h2>
<dl class="figures">
  <dt>${escapeHtml(text.total)}</dt><dd id="hour-total">${total}</dd>
  <dt>${escapeHtml(text.accepted)}</dt><dd id="hour-accepted" class="accepted">${stats.accepted}</dd>
  <dt>${escapeHtml(text.rejected)}</dt><dd id="hour-rejected" class="rejected">${stats.rejected}</dd>
  <dt>${escapeHtml(text.p50)}</dt><dd id="hour-p50">${latencyWithBudget(stats.p50Ms, lang)}</dd>
  <dt>${escapeHtml(text.p99)}</dt><dd id="hour-p99">${latencyWithBudget(stats.p99Ms, lang)}</dd>
</dl>
${table("hour-reasons", [text.reason, text.count], reasonRows, "")}`;
  },
});

/** Milliseconds with a bar showing the share of the 60 s budget used. */
function latencyWithBudget(latencyMs: number | undefined, lang: OperatorLanguage): string {
  if (latencyMs === undefined) return "–";
  const percent = Math.min(100, (latencyMs / VERIFY_BUDGET_MS) * 100);
  const shown = percent < 1 ? percent.toFixed(2) : percent.toFixed(0);
  const label = TEXT[lang].budget.replace("{percent}", shown);
  const level = percent >= 50 ? "fail" : percent >= 10 ? "warn" : "ok";
  return `${latencyMs} ms <meter class="${level}" min="0" max="${VERIFY_BUDGET_MS}" low="${VERIFY_BUDGET_MS / 10}" high="${VERIFY_BUDGET_MS / 2}" optimum="0" value="${Math.min(latencyMs, VERIFY_BUDGET_MS)}" title="${escapeHtml(label)}"></meter> <span class="note">${escapeHtml(label)}</span>`;
}
