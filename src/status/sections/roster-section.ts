import type { OperatorLanguage } from "../../i18n/operator-language";
import { countStudents } from "../../roster/student-queries";
import { importSummaryText } from "../operator-labels";
import { escapeHtml } from "../html";
import { readState, STATE_KEYS } from "../status-queries";
import { defineSection, formatTimeWithAge } from "./section";

const TEXT = {
  sw: { heading: "Orodha ya wanafunzi", rosterSize: "Wanafunzi kwenye orodha", lastImport: "Uingizaji wa mwisho", never: "bado" },
  en: { heading: "Roster", rosterSize: "Students on the roster", lastImport: "Last import", never: "never" },
} satisfies Record<OperatorLanguage, Record<string, string>>;

export const rosterSection = defineSection({
  id: "roster",
  audience: "admin",
  async load({ db }) {
    const [rosterSize, lastImportText] = await Promise.all([countStudents(db), readState(db, STATE_KEYS.lastImport)]);
    const lastImport = lastImportText ? (JSON.parse(lastImportText) as { at: number; summary: string }) : undefined;
    return { rosterSize, lastImport };
  },
  render({ rosterSize, lastImport }, lang, { now }) {
    const text = TEXT[lang];
    const importText = lastImport ? `${formatTimeWithAge(lastImport.at, now, lang)} — ${escapeHtml(importSummaryText(lastImport.summary, lang))}` : escapeHtml(text.never);
    return `<h2>${escapeHtml(text.heading)}</h2>
<dl>
  <dt>${escapeHtml(text.rosterSize)}</dt><dd id="roster-size">${rosterSize}</dd>
  <dt>${escapeHtml(text.lastImport)}</dt><dd>${importText}</dd>
</dl>`;
  },
});
