import type { OperatorLanguage } from "../../i18n/operator-language";
import { escapeHtml, isolated } from "../html";
import { defineSection, formatTime, table } from "./section";

const TEXT = {
  sw: {
    heading: "Namba zilizofungwa kwa muda",
    explanation: "Namba hizi zimefungwa baada ya majaribio mengi yaliyoshindwa; zitafunguka zenyewe saa iliyoonyeshwa.",
    identifier: "Namba iliyoandikwa",
    until: "Imefungwa hadi",
    none: "Hakuna namba iliyofungwa sasa.",
  },
  en: {
    heading: "Temporarily locked identifiers",
    explanation: "These identifiers were locked after repeated failed attempts; each unlocks by itself at the time shown.",
    identifier: "Identifier as typed",
    until: "Locked until",
    none: "No identifier is locked now.",
  },
} satisfies Record<OperatorLanguage, Record<string, string>>;

/** Identifiers the lockout currently refuses, soonest unlock first. */
export const lockedIdentifiersSection = defineSection({
  id: "locked-identifiers",
  audience: "admin",
  load: ({ lockedIdentifiers }) => [...lockedIdentifiers()].sort((a, b) => a.lockedUntil - b.lockedUntil),
  render(locked, lang: OperatorLanguage) {
    const text = TEXT[lang];
    const rows = locked.map((entry) => `<tr><td>${isolated(entry.identifier)}</td><td>${formatTime(entry.lockedUntil)}</td></tr>`);
    return `<h2>${escapeHtml(text.heading)}</h2>
<p>${escapeHtml(text.explanation)}</p>
${table("locked-identifiers-table", [text.identifier, text.until], rows, text.none)}`;
  },
});
