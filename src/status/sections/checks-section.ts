import { fillTemplate } from "../../i18n/fill-template";
import type { OperatorLanguage } from "../../i18n/operator-language";
import type { CheckState, HealthChecks } from "../health";
import { escapeHtml } from "../html";
import { defineSection, formatTimeWithAge } from "./section";

const TEXT = {
  sw: {
    heading: "Ukaguzi",
    healthy: "Inafanya kazi",
    unhealthy: "Kuna tatizo",
    version: "Toleo",
    ok: "sawa",
    warn: "angalia",
    fail: "tatizo",
    database: "Hifadhidata inaandikika",
    databaseOk: "inasomeka na kuandikika",
    databaseUnwritable: "inasomeka lakini haiandikiki: {error}",
    databaseUnreachable: "haipatikani: {error}",
    settings: "Mipangilio",
    settingsOk: "imekamilika",
    settingsUnset: "haijawekwa: {names}",
    disk: "Nafasi ya diski",
    diskFree: "MB {free} zimebaki kwenye {path} (kiwango cha chini MB {min})",
    diskUnknown: "haijulikani: {error}",
    backup: "Nakala ya mwisho",
    backupNone: "bado hakuna nakala",
    backupOff: "nakala zinazopangwa zimezimwa (MLANGO_BACKUP_DIR)",
    backupFailed: "imeshindwa: {error}",
    lastVerification: "Uthibitisho wa mwisho",
    lastNotification: "Taarifa ya mwisho",
    never: "bado",
  },
  en: {
    heading: "Checks",
    healthy: "Working",
    unhealthy: "Something is wrong",
    version: "Version",
    ok: "ok",
    warn: "check",
    fail: "problem",
    database: "Database writable",
    databaseOk: "readable and writable",
    databaseUnwritable: "readable but not writable: {error}",
    databaseUnreachable: "unreachable: {error}",
    settings: "Settings",
    settingsOk: "complete",
    settingsUnset: "not set: {names}",
    disk: "Free disk space",
    diskFree: "{free} MB free in {path} (minimum {min} MB)",
    diskUnknown: "unknown: {error}",
    backup: "Last backup",
    backupNone: "no backup yet",
    backupOff: "scheduled backups are off (MLANGO_BACKUP_DIR)",
    backupFailed: "failed: {error}",
    lastVerification: "Last verification",
    lastNotification: "Last notification",
    never: "never",
  },
} satisfies Record<OperatorLanguage, Record<string, string>>;

type Text = (typeof TEXT)["en"];

/** The overall state and every health check, shown to everyone: it names no student. */
export const checksSection = defineSection({
  id: "checks",
  audience: "public",
  load: (context) => context.health,
  render(health, lang, context) {
    const text = TEXT[lang];
    const checks = health.checks;
    const rows: [CheckState, string, string][] = [
      [checks.database.state, text.database, databaseDetail(checks.database, text)],
      [checks.settings.state, text.settings, checks.settings.unset.length === 0 ? escapeHtml(text.settingsOk) : escapeHtml(fillTemplate(text.settingsUnset, { names: checks.settings.unset.join(", ") }))],
      [checks.disk.state, text.disk, escapeHtml(checks.disk.freeMb === undefined ? fillTemplate(text.diskUnknown, { error: checks.disk.error ?? "" }) : fillTemplate(text.diskFree, { free: checks.disk.freeMb, path: checks.disk.path, min: checks.disk.minFreeMb }))],
      [checks.backup.state, text.backup, backupDetail(checks.backup, text, lang, context.now)],
      [checks.lastVerification.state, text.lastVerification, timeOrNever(checks.lastVerification.at, text, lang, context.now)],
      [checks.lastNotification.state, text.lastNotification, timeOrNever(checks.lastNotification.at, text, lang, context.now)],
    ];
    const healthy = health.status === "ok";

    return `<div class="overall ${healthy ? "ok" : "fail"}" id="overall" role="status">
  <p class="state">${escapeHtml(healthy ? text.healthy : text.unhealthy)}</p>
  <p class="version">${escapeHtml(text.version)} ${escapeHtml(health.version)}</p>
</div>
<h2>${escapeHtml(text.heading)}</h2>
<ul class="checks">
${rows.map(([state, name, detail]) => `  <li class="check ${state}"><span class="badge">${escapeHtml(text[state])}</span> <strong>${escapeHtml(name)}</strong>: ${detail}</li>`).join("\n")}
</ul>`;
  },
});

function databaseDetail(check: HealthChecks["database"], text: Text): string {
  if (check.writable) return escapeHtml(text.databaseOk);
  const template = check.reachable ? text.databaseUnwritable : text.databaseUnreachable;
  return escapeHtml(fillTemplate(template, { error: check.error ?? "" }));
}

function backupDetail(check: HealthChecks["backup"], text: Text, lang: OperatorLanguage, now: number): string {
  const last = check.last;
  const off = check.scheduled ? "" : ` <span class="note">${escapeHtml(text.backupOff)}</span>`;
  if (!last) return escapeHtml(text.backupNone) + off;
  if (!last.ok) return `${escapeHtml(fillTemplate(text.backupFailed, { error: last.error ?? "" }))} — ${formatTimeWithAge(last.at, now, lang)}${off}`;
  return `${formatTimeWithAge(last.at, now, lang)} <bdi class="path">${escapeHtml(last.file ?? "")}</bdi>${off}`;
}

function timeOrNever(at: number | undefined, text: Text, lang: OperatorLanguage, now: number): string {
  return at === undefined ? escapeHtml(text.never) : formatTimeWithAge(at, now, lang);
}
