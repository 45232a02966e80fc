import type { OperatorLanguage } from "../../i18n/operator-language";
import { escapeHtml } from "../html";
import { ROLLUP_MINUTES, type MinuteAggregate } from "../verification-rollup";
import { defineSection } from "./section";
import { VERIFY_BUDGET_MS } from "./verification-stats-section";

const CHART_MINUTES = ROLLUP_MINUTES;
const MINUTE_MS = 60_000;

const TEXT = {
  sw: {
    heading: "Uthibitisho kwa dakika, saa 3 zilizopita",
    title: "Uthibitisho kwa kila dakika: waliokubaliwa, waliokataliwa, na muda mrefu zaidi wa kujibu",
    accepted: "waliokubaliwa",
    rejected: "waliokataliwa",
    slowest: "muda mrefu zaidi wa kujibu katika dakika (mhimili wa kulia)",
    budget: "sekunde 60 ambazo ExamJoint husubiri",
    perMinute: "kwa dakika",
  },
  en: {
    heading: "Verifications per minute, last 3 hours",
    title: "Verifications per minute: accepted, rejected, and the slowest response time",
    accepted: "accepted",
    rejected: "rejected",
    slowest: "slowest response in the minute (right axis)",
    budget: "the 60 s ExamJoint waits",
    perMinute: "per minute",
  },
} satisfies Record<OperatorLanguage, Record<string, string>>;

export interface ChartData {
  /** Minutes since the Unix epoch of the chart's first column. */
  firstMinute: number;
  bins: Pick<MinuteAggregate, "minute" | "accepted" | "rejected" | "maxLatencyMs">[];
}

export const verificationChartSection = defineSection({
  id: "verification-chart",
  audience: "admin",
  load({ verificationRollup, now }) {
    const firstMinute = Math.floor(now / MINUTE_MS) - CHART_MINUTES + 1;
    return { firstMinute, bins: verificationRollup.minutesSince(firstMinute) };
  },
  render(data, lang) {
    const text = TEXT[lang];
    return `<h2>${escapeHtml(text.heading)}</h2>
<figure class="chart">
${renderChartSvg(data, lang)}
<figcaption>
  <span class="key accepted-key"></span> ${escapeHtml(text.accepted)}
  <span class="key rejected-key"></span> ${escapeHtml(text.rejected)}
  <span class="key latency-key"></span> ${escapeHtml(text.slowest)}
</figcaption>
</figure>`;
  },
});

const WIDTH = 720;
const HEIGHT = 240;
const PLOT = { left: 44, right: 72, top: 24, bottom: 28 };
const COLORS = { accepted: "#2e7d32", rejected: "#c62828", latency: "#1565c0", grid: "#d0d0d0", text: "#444" };

/**
 * Draws stacked accepted/rejected bars per minute (left axis) and the
 * slowest response of each minute as a line (right axis). Everything is
 * computed here; the SVG has no script and loads nothing.
 */
export function renderChartSvg(data: ChartData, lang: OperatorLanguage): string {
  const text = TEXT[lang];
  const plotWidth = WIDTH - PLOT.left - PLOT.right;
  const plotHeight = HEIGHT - PLOT.top - PLOT.bottom;
  const barWidth = plotWidth / CHART_MINUTES;
  const byMinute = new Map(data.bins.map((bin) => [bin.minute, bin]));

  const maxCount = niceCeiling(Math.max(1, ...data.bins.map((bin) => bin.accepted + bin.rejected)));
  const maxLatency = niceCeiling(Math.max(100, ...data.bins.map((bin) => bin.maxLatencyMs)));
  const x = (index: number) => PLOT.left + index * barWidth;
  const yCount = (count: number) => PLOT.top + plotHeight - (count / maxCount) * plotHeight;
  const yLatency = (ms: number) => PLOT.top + plotHeight - (Math.min(ms, maxLatency) / maxLatency) * plotHeight;

  const bars: string[] = [];
  const latencyPath: string[] = [];
  let previousHadData = false;
  for (let index = 0; index < CHART_MINUTES; index++) {
    const bin = byMinute.get(data.firstMinute + index);
    if (!bin) {
      previousHadData = false;
      continue;
    }
    const acceptedTop = yCount(bin.accepted);
    const rejectedTop = yCount(bin.accepted + bin.rejected);
    const width = Math.max(1, barWidth - 0.6).toFixed(2);
    if (bin.accepted > 0) bars.push(`<rect x="${x(index).toFixed(2)}" y="${acceptedTop.toFixed(2)}" width="${width}" height="${(yCount(0) - acceptedTop).toFixed(2)}" fill="${COLORS.accepted}"/>`);
    if (bin.rejected > 0) bars.push(`<rect x="${x(index).toFixed(2)}" y="${rejectedTop.toFixed(2)}" width="${width}" height="${(acceptedTop - rejectedTop).toFixed(2)}" fill="${COLORS.rejected}"/>`);
    latencyPath.push(`${previousHadData ? "L" : "M"}${(x(index) + barWidth / 2).toFixed(2)} ${yLatency(bin.maxLatencyMs).toFixed(2)}`);
    previousHadData = true;
  }

  const gridLines = [0, 0.5, 1].map((fraction) => {
    const y = (PLOT.top + plotHeight - fraction * plotHeight).toFixed(2);
    return `<line x1="${PLOT.left}" x2="${WIDTH - PLOT.right}" y1="${y}" y2="${y}" stroke="${COLORS.grid}" stroke-width="1"/>
<text x="${PLOT.left - 6}" y="${y}" text-anchor="end" dominant-baseline="middle">${formatCount(maxCount * fraction)}</text>
<text x="${WIDTH - PLOT.right + 6}" y="${y}" dominant-baseline="middle" fill="${COLORS.latency}">${formatMs(maxLatency * fraction)}</text>`;
  });

  const timeLabels: string[] = [];
  for (let index = 0; index < CHART_MINUTES; index++) {
    const minute = data.firstMinute + index;
    if (minute % 30 !== 0) continue;
    const label = new Date(minute * MINUTE_MS).toISOString().slice(11, 16);
    timeLabels.push(`<text x="${x(index).toFixed(2)}" y="${HEIGHT - 8}" text-anchor="middle">${label}</text>`);
  }

  const budgetLine =
    maxLatency >= VERIFY_BUDGET_MS
      ? `<line x1="${PLOT.left}" x2="${WIDTH - PLOT.right}" y1="${yLatency(VERIFY_BUDGET_MS).toFixed(2)}" y2="${yLatency(VERIFY_BUDGET_MS).toFixed(2)}" stroke="${COLORS.rejected}" stroke-dasharray="6 4"><title>${escapeHtml(text.budget)}</title></line>`
      : "";

  return `<svg id="verification-chart-svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="${escapeHtml(text.title)}" xmlns="http://www.w3.org/2000/svg" font-size="11" fill="${COLORS.text}">
<title>${escapeHtml(text.title)}</title>
${gridLines.join("\n")}
${bars.join("")}
${latencyPath.length > 0 ? `<path d="${latencyPath.join(" ")}" fill="none" stroke="${COLORS.latency}" stroke-width="1.5"/>` : ""}
${budgetLine}
${timeLabels.join("\n")}
<text class="axis-title" x="${PLOT.left}" y="${PLOT.top - 10}">${escapeHtml(text.perMinute)}</text>
</svg>`;
}

/** Rounds up to 1, 2 or 5 times a power of ten, so axis labels are round numbers. */
function niceCeiling(value: number): number {
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 5, 10]) if (step * power >= value) return step * power;
  return 10 * power;
}

function formatCount(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

function formatMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(ms % 1000 === 0 ? 0 : 1)} s` : `${Math.round(ms)} ms`;
}
