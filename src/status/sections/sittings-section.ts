import type { Database } from "../../db/client";
import type { OperatorLanguage } from "../../i18n/operator-language";
import { countOutboxBacklog } from "../../inbox/outbox-queries";
import { listSittings, type SittingTimeline } from "../../inbox/timeline-queries";
import { escapeHtml, isolated } from "../html";
import { defineSection } from "./section";

const SITTINGS_TEXT = {
  sw: {
    heading: "Vikao vya karibuni",
    exam: "Mtihani",
    respondent: "Mtahiniwa",
    admitted: "Alikubaliwa",
    resultReady: "Matokeo tayari",
    investigationComplete: "Uchunguzi umekamilika",
    none: "Hakuna kikao bado.",
    forwarding: "Kutuma kwa mifumo mingine",
    waiting: "zinasubiri",
    failed: "zimeshindwa (tuma tena kwa: mlango events retry)",
  },
  en: {
    heading: "Recent sittings",
    exam: "Exam",
    respondent: "Respondent",
    admitted: "Admitted",
    resultReady: "Result ready",
    investigationComplete: "Investigation complete",
    none: "No sittings yet.",
    forwarding: "Forwarding to other systems",
    waiting: "waiting",
    failed: "failed (send again with: mlango events retry)",
  },
} satisfies Record<OperatorLanguage, Record<string, string>>;

/** Data for the recent-sittings section. */
export interface SittingsSectionData {
  sittings: SittingTimeline[];
  backlog: { pending: number; failed: number };
  /** False when no downstream URL is configured; the forwarding line is then left out. */
  forwarding: boolean;
}

/** Reads the most recently active sittings and the outbox backlog. */
export async function loadSittingsSection(db: Database, options: { limit: number; forwarding: boolean }): Promise<SittingsSectionData> {
  const [sittings, backlog] = await Promise.all([listSittings(db, { limit: options.limit }), countOutboxBacklog(db)]);
  return { sittings, backlog, forwarding: options.forwarding };
}

/** Renders the section body as HTML: one row per sitting with the time of each step. Every value passes through escapeHtml. */
export function renderSittingsSection(data: SittingsSectionData, lang: OperatorLanguage): string {
  const text = SITTINGS_TEXT[lang];
  const rows = data.sittings.map(
    (sitting) => `<tr><td>${isolated(sitting.examId)}</td><td>${isolated(sitting.respondentId)}</td>` +
      `<td>${stepTime(sitting.admittedAt)}</td><td>${stepTime(sitting.resultReadyAt)}</td><td>${stepTime(sitting.investigationCompleteAt)}</td></tr>`,
  );
  const headers = [text.exam, text.respondent, text.admitted, text.resultReady, text.investigationComplete]
    .map((header) => `<th>${escapeHtml(header)}</th>`)
    .join("");
  const table =
    rows.length === 0
      ? `<p class="empty">${escapeHtml(text.none)}</p>`
      : `<div class="scroll"><table id="sittings-table"><thead><tr>${headers}</tr></thead><tbody>${rows.join("")}</tbody></table></div>`;
  const forwarding = data.forwarding
    ? `<p id="forward-backlog">${escapeHtml(text.forwarding)}: ${data.backlog.pending} ${escapeHtml(text.waiting)}, ${data.backlog.failed} ${escapeHtml(text.failed)}</p>`
    : "";

  return `<h2>${escapeHtml(text.heading)}</h2>
  ${forwarding}
  ${table}`;
}

const RECENT_SITTINGS = 25;

/** The "recent sittings" section of the status page: one timeline per exam and respondent, and the forwarding backlog. */
export const sittingsSection = defineSection({
  id: "sittings",
  audience: "admin",
  load: (context) => loadSittingsSection(context.db, { limit: RECENT_SITTINGS, forwarding: context.settings.forward.urls.length > 0 }),
  render: (data, lang) => renderSittingsSection(data, lang),
});

function stepTime(epochMs: number | undefined): string {
  if (epochMs === undefined) return "—";
  const date = new Date(epochMs);
  if (Number.isNaN(date.getTime())) return escapeHtml(epochMs);
  const iso = date.toISOString();
  return `<time datetime="${iso}">${iso.slice(0, 16).replace("T", " ")} UTC</time>`;
}
