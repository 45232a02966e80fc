import type { OperatorLanguage } from "../i18n/operator-language";
import { escapeHtml } from "./html";

/** Operator-facing names of the refusal reasons stored in the audit; the code stays visible for searching the docs. */
const REASON_LABELS: Record<string, Record<OperatorLanguage, string>> = {
  wrong_credentials: { sw: "namba au nenosiri si sahihi", en: "wrong identifier or secret" },
  missing_field: { sw: "sehemu haikujazwa", en: "a field was empty" },
  not_enrolled: { sw: "hajasajiliwa kwa mtihani", en: "not enrolled in the exam" },
  account_disabled: { sw: "akaunti imesimamishwa", en: "account disabled" },
  locked: { sw: "imefungwa kwa muda", en: "temporarily locked" },
  busy: { sw: "seva ilikuwa na kazi nyingi", en: "server too busy" },
};

/** Formats a reason as HTML: its label in the operator's language followed by the stored code. */
export function reasonHtml(reason: string | null | undefined, lang: OperatorLanguage): string {
  if (!reason) return "";
  const label = REASON_LABELS[reason]?.[lang];
  return label ? `${escapeHtml(label)} <code>${escapeHtml(reason)}</code>` : `<code>${escapeHtml(reason)}</code>`;
}

const IMPORT_COUNT_WORDS: Record<OperatorLanguage, [string, string, string, string]> = {
  sw: ["wameongezwa", "wamesasishwa", "hawajabadilika", "wamesimamishwa"],
  en: ["added", "updated", "unchanged", "disabled"],
};

/** Spells out the stored import summary `+A ~U =N -D` in the operator's language; any other text is returned unchanged. */
export function importSummaryText(summary: string, lang: OperatorLanguage): string {
  const match = /^\+(\d+) ~(\d+) =(\d+)(?: -(\d+))?$/.exec(summary.trim());
  if (!match) return summary;
  const words = IMPORT_COUNT_WORDS[lang];
  return [match[1], match[2], match[3], match[4] ?? "0"].map((value, index) => `${words[index]} ${value}`).join(", ");
}
