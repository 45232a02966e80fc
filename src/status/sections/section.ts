import type { Settings } from "../../config/settings";
import type { Database } from "../../db/client";
import type { OperatorLanguage } from "../../i18n/operator-language";
import type { HealthReport } from "../health";
import { escapeHtml } from "../html";
import type { VerificationRollup } from "../verification-rollup";

export interface SectionContext {
  db: Database;
  settings: Settings;
  /** Epoch milliseconds when the page was requested; every section measures "recent" from it. */
  now: number;
  health: HealthReport;
  /** Verification totals, refreshed before the sections load. */
  verificationRollup: VerificationRollup;
}

/**
 * One part of the status page: `load` reads what it shows and `render`
 * turns that into HTML. Everything from the database must pass through
 * `escapeHtml` or `isolated` in `render`.
 */
export interface StatusSection<Data> {
  /** The `id` of the rendered `<section>`, also used by tests and links. */
  id: string;
  /** `public` sections show without the admin password; `admin` ones after sign-in. */
  audience: "public" | "admin";
  load(context: SectionContext): Promise<Data> | Data;
  render(data: Data, lang: OperatorLanguage, context: SectionContext): string;
}

/** Keeps a section's `Data` type checked between `load` and `render` while the list contains sections of any type. */
export function defineSection<Data>(section: StatusSection<Data>): StatusSection<Data> {
  return section;
}

export function formatTime(epochMs: number): string {
  const iso = new Date(epochMs).toISOString();
  return `<time datetime="${iso}">${iso.slice(0, 19).replace("T", " ")} UTC</time>`;
}

const AGE_UNITS = {
  sw: { seconds: "sekunde", minutes: "dakika", hours: "saa", days: "siku" },
  en: { seconds: "s", minutes: "min", hours: "h", days: "days" },
} satisfies Record<OperatorLanguage, Record<string, string>>;

/** "5 min ago" style age of a past time, for reading the page at a glance. */
export function formatAge(epochMs: number, now: number, lang: OperatorLanguage): string {
  const seconds = Math.max(0, Math.round((now - epochMs) / 1000));
  const units = AGE_UNITS[lang];
  let amount = Math.round(seconds / 86_400);
  let unit = units.days;
  if (seconds < 172_800) [amount, unit] = [Math.round(seconds / 3600), units.hours];
  if (seconds < 5400) [amount, unit] = [Math.round(seconds / 60), units.minutes];
  if (seconds < 90) [amount, unit] = [seconds, units.seconds];
  return lang === "sw" ? `${unit} ${amount} zilizopita` : `${amount} ${unit} ago`;
}

export function formatTimeWithAge(epochMs: number, now: number, lang: OperatorLanguage): string {
  return `${formatTime(epochMs)} <span class="age">(${escapeHtml(formatAge(epochMs, now, lang))})</span>`;
}

/** Renders a table in a horizontally scrolling box, or the `emptyText` paragraph when there are no rows. */
export function table(id: string, headers: string[], rows: string[], emptyText: string): string {
  if (rows.length === 0) return `<p id="${id}" class="empty">${escapeHtml(emptyText)}</p>`;
  const head = headers.map((header) => `<th>${escapeHtml(header)}</th>`).join("");
  return `<div class="scroll"><table id="${id}"><thead><tr>${head}</tr></thead><tbody>${rows.join("")}</tbody></table></div>`;
}
