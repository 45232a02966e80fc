import type { OperatorLanguage } from "../../i18n/operator-language";
import { reasonHtml } from "../operator-labels";
import { escapeHtml } from "../html";
import type { MinuteAggregate } from "../verification-rollup";
import { defineSection, table } from "./section";

/** The platform aborts a verify_respondent request after 60 s, so latency is shown against it. */
export const VERIFY_BUDGET_MS = 60_000;
const MINUTE_MS = 60_000;
const WINDOW_MINUTES = 60;

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

/** Counts by outcome and reason, and the p50/p99 latency, of the minutes from `firstMinute` on. */
export function summarizeMinutes(bins: MinuteAggregate[]): VerificationStats {
  const stats: VerificationStats = { accepted: 0, rejected: 0, byReason: [] };
  const reasons = new Map<string, number>();
  const latencyCounts = new Map<number, number>();
  for (const bin of bins) {
    stats.accepted += bin.accepted;
    stats.rejected += bin.rejected;
    for (const [reason, count] of bin.reasons) reasons.set(reason, (reasons.get(reason) ?? 0) + count);
    for (const [latency, count] of bin.latencies) latencyCounts.set(latency, (latencyCounts.get(latency) ?? 0) + count);
  }

  stats.byReason = [...reasons].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count);
  const total = stats.accepted + stats.rejected;
  stats.p50Ms = nearestRank(latencyCounts, total, 0.5);
  stats.p99Ms = nearestRank(latencyCounts, total, 0.99);
  return stats;
}

/** Nearest-rank percentile from value counts: the smallest value whose cumulative count reaches ceil(fraction × total). */
function nearestRank(counts: Map<number, number>, total: number, fraction: number): number | undefined {
  if (total === 0) return undefined;
  const rank = Math.max(1, Math.ceil(fraction * total));
  let seen = 0;
  for (const value of [...counts.keys()].sort((a, b) => a - b)) {
    seen += counts.get(value)!;
    if (seen >= rank) return value;
  }
  return undefined;
}

export const verificationStatsSection = defineSection({
  id: "verification-stats",
  audience: "admin",
  // The window is the last 60 whole minutes and the current one.
  load: ({ verificationRollup, now }) => summarizeMinutes(verificationRollup.minutesSince(Math.floor(now / MINUTE_MS) - WINDOW_MINUTES)),
  render(stats, lang) {
    const text = TEXT[lang];
    const total = stats.accepted + stats.rejected;
    if (total === 0) return `<h2>${escapeHtml(text.heading)}</h2>\n<p class="empty">${escapeHtml(text.none)}</p>`;

    const reasonRows = stats.byReason.map((row) => `<tr><td>${reasonHtml(row.reason, lang)}</td><td class="number">${row.count}</td></tr>`);
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
  const percentText = percent < 1 ? percent.toFixed(2) : percent.toFixed(0);
  const label = TEXT[lang].budget.replace("{percent}", percentText);
  let level = "ok";
  if (percent >= 10) level = "warn";
  if (percent >= 50) level = "fail";
  return `${latencyMs} ms <meter class="${level}" min="0" max="${VERIFY_BUDGET_MS}" low="${VERIFY_BUDGET_MS / 10}" high="${VERIFY_BUDGET_MS / 2}" optimum="0" value="${Math.min(latencyMs, VERIFY_BUDGET_MS)}" title="${escapeHtml(label)}"></meter> <span class="note">${escapeHtml(label)}</span>`;
}
