import type { OperatorLanguage } from "../../i18n/operator-language";
import { escapeHtml, isolated } from "../html";
import { recentNotifications } from "../status-queries";
import { defineSection, formatTime, table } from "./section";

const RECENT_ROWS = 25;

const TEXT = {
  sw: { heading: "Taarifa za karibuni", time: "Saa", event: "Tukio", exam: "Mtihani", respondent: "Mtahiniwa", deliveries: "Mara zilizopokelewa", none: "Hakuna bado." },
  en: { heading: "Recent notifications", time: "Time", event: "Event", exam: "Exam", respondent: "Respondent", deliveries: "Times received", none: "None yet." },
} satisfies Record<OperatorLanguage, Record<string, string>>;

export const notificationsSection = defineSection({
  id: "recent-notifications",
  audience: "admin",
  load: ({ db }) => recentNotifications(db, RECENT_ROWS),
  render(rows, lang) {
    const text = TEXT[lang];
    const htmlRows = rows.map(
      (row) => `<tr>
      <td>${formatTime(row.receivedAt)}</td><td>${escapeHtml(row.type)}</td><td>${isolated(row.examId)}</td><td>${isolated(row.respondentId)}</td><td class="number">${row.deliveries}</td></tr>`,
    );
    return `<h2>${escapeHtml(text.heading)}</h2>
${table("notifications", [text.time, text.event, text.exam, text.respondent, text.deliveries], htmlRows, text.none)}`;
  },
});
