import type { OperatorLanguage } from "../../i18n/operator-language";
import { reasonHtml } from "../operator-labels";
import { escapeHtml, isolated } from "../html";
import { recentVerifications } from "../status-queries";
import { defineSection, formatTime, table } from "./section";

const RECENT_ROWS = 25;

const TEXT = {
  sw: {
    heading: "Uthibitisho wa karibuni",
    time: "Saa",
    exam: "Mtihani",
    identifier: "Kitambulisho",
    outcome: "Matokeo",
    reason: "Sababu",
    latency: "Muda (ms)",
    accepted: "amekubaliwa",
    rejected: "amekataliwa",
    none: "Hakuna bado.",
  },
  en: {
    heading: "Recent verifications",
    time: "Time",
    exam: "Exam",
    identifier: "Identifier",
    outcome: "Outcome",
    reason: "Reason",
    latency: "Latency (ms)",
    accepted: "accepted",
    rejected: "rejected",
    none: "None yet.",
  },
} satisfies Record<OperatorLanguage, Record<string, string>>;

export const recentVerificationsSection = defineSection({
  id: "recent-verifications",
  audience: "admin",
  load: ({ db }) => recentVerifications(db, RECENT_ROWS),
  render(rows, lang) {
    const text = TEXT[lang];
    const htmlRows = rows.map(
      (row) => `<tr class="${row.outcome}">
      <td>${formatTime(row.at)}</td><td>${isolated(row.examId)}</td><td>${isolated(row.identifierTyped)}</td>
      <td>${escapeHtml(row.outcome === "accepted" ? text.accepted : text.rejected)}</td><td>${reasonHtml(row.reason, lang)}</td>
      <td class="number">${row.latencyMs}</td></tr>`,
    );
    return `<h2>${escapeHtml(text.heading)}</h2>
${table("verifications", [text.time, text.exam, text.identifier, text.outcome, text.reason, text.latency], htmlRows, text.none)}`;
  },
});
