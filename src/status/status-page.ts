import type { OperatorLanguage } from "../i18n/operator-language";
import type { HealthReport } from "./health";
import { renderSittingsSection, type SittingsSectionData } from "./sections/sittings-section";
import { escapeHtml, isolated } from "./html";
import type { recentNotifications, recentVerifications } from "./status-queries";
import { STATUS_TEXT, type StatusText } from "./status-text";

export interface StatusDetails {
  rosterSize: number;
  lastImport?: { at: number; summary: string };
  verifications: Awaited<ReturnType<typeof recentVerifications>>;
  notifications: Awaited<ReturnType<typeof recentNotifications>>;
  sittings?: SittingsSectionData;
}

export interface StatusPageInput {
  lang: OperatorLanguage;
  health: HealthReport;
  /** Present only for a signed-in admin. */
  details?: StatusDetails;
  signInError?: "wrong_password" | "too_many_attempts";
}

/** Renders the status page. Everything from the database passes through escapeHtml. */
export function renderStatusPage(input: StatusPageInput): string {
  const text = STATUS_TEXT[input.lang];
  const healthy = input.health.status === "ok";

  return `<!doctype html>
<html lang="${input.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="30">
<title>${escapeHtml(text.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
  <h1>${escapeHtml(text.title)}</h1>
  <nav aria-label="${escapeHtml(text.language)}"><a href="?lang=sw" lang="sw">Kiswahili</a> · <a href="?lang=en" lang="en">English</a></nav>
</header>
<section class="health ${healthy ? "ok" : "bad"}" id="health">
  <p class="state">${escapeHtml(healthy ? text.healthy : text.unhealthy)}</p>
  <p>${escapeHtml(text.database)}: ${escapeHtml(input.health.database.reachable ? text.reachable : text.unreachable)}</p>
  <p>${escapeHtml(text.version)}: ${escapeHtml(input.health.version)}</p>
</section>
${input.details ? renderDetails(input.details, text) : renderSignIn(text, input.signInError)}
${input.details?.sittings ? renderSittingsSection(input.details.sittings, input.lang) : ""}
</body>
</html>`;
}

function renderSignIn(text: StatusText, error: StatusPageInput["signInError"]): string {
  const message = error === "wrong_password" ? text.wrongPassword : error === "too_many_attempts" ? text.tooManyAttempts : undefined;
  return `<section id="sign-in">
  <p>${escapeHtml(text.signInPrompt)}</p>
  ${message ? `<p class="error" role="alert">${escapeHtml(message)}</p>` : ""}
  <form method="post" action="/login">
    <label>${escapeHtml(text.password)} <input type="password" name="password" autocomplete="current-password" required></label>
    <button type="submit">${escapeHtml(text.signIn)}</button>
  </form>
</section>`;
}

function renderDetails(details: StatusDetails, text: StatusText): string {
  const lastImport = details.lastImport
    ? `${formatTime(details.lastImport.at)} — ${escapeHtml(details.lastImport.summary)}`
    : escapeHtml(text.never);

  const verificationRows = details.verifications.map(
    (row) => `<tr class="${row.outcome}">
      <td>${formatTime(row.at)}</td><td>${isolated(row.examId)}</td><td>${isolated(row.identifierTyped)}</td>
      <td>${escapeHtml(row.outcome === "accepted" ? text.accepted : text.rejected)}</td><td>${escapeHtml(row.reason ?? "")}</td>
      <td class="number">${row.latencyMs}</td></tr>`,
  );
  const notificationRows = details.notifications.map(
    (row) => `<tr>
      <td>${formatTime(row.receivedAt)}</td><td>${escapeHtml(row.type)}</td><td>${isolated(row.examId)}</td><td>${isolated(row.respondentId)}</td></tr>`,
  );

  return `<section id="details">
  <form method="post" action="/logout" class="sign-out"><button type="submit">${escapeHtml(text.signOut)}</button></form>
  <dl>
    <dt>${escapeHtml(text.rosterSize)}</dt><dd id="roster-size">${details.rosterSize}</dd>
    <dt>${escapeHtml(text.lastImport)}</dt><dd>${lastImport}</dd>
  </dl>
  <h2>${escapeHtml(text.recentVerifications)}</h2>
  ${table([text.time, text.exam, text.identifier, text.outcome, text.reason, text.latency], verificationRows, text.none, "verifications")}
  <h2>${escapeHtml(text.recentNotifications)}</h2>
  ${table([text.time, text.event, text.exam, text.respondent], notificationRows, text.none, "notifications")}
</section>`;
}

function table(headers: string[], rows: string[], emptyText: string, id: string): string {
  if (rows.length === 0) return `<p id="${id}" class="empty">${escapeHtml(emptyText)}</p>`;
  const head = headers.map((header) => `<th>${escapeHtml(header)}</th>`).join("");
  return `<div class="scroll"><table id="${id}"><thead><tr>${head}</tr></thead><tbody>${rows.join("")}</tbody></table></div>`;
}

function formatTime(epochMs: number): string {
  return `<time datetime="${new Date(epochMs).toISOString()}">${new Date(epochMs).toISOString().slice(0, 19).replace("T", " ")} UTC</time>`;
}

const STYLE = `
body{font-family:system-ui,sans-serif;margin:0 auto;max-width:60rem;padding:1rem;color:#1b1b1b;background:#fafafa}
header{display:flex;flex-wrap:wrap;justify-content:space-between;align-items:baseline;gap:.5rem}
h1{font-size:1.4rem;margin:.2rem 0}h2{font-size:1.1rem;margin-top:1.5rem}
.health{border-radius:.5rem;padding:.5rem 1rem;margin:1rem 0}.health.ok{background:#e3f4e1}.health.bad{background:#fbe3e1}
.state{font-size:1.2rem;font-weight:bold}.error{color:#a40000}
.scroll{overflow-x:auto}table{border-collapse:collapse;width:100%;font-size:.9rem}
th,td{border-bottom:1px solid #ddd;padding:.3rem .5rem;text-align:start;white-space:nowrap}
.number{text-align:end}tr.rejected td:nth-child(4){color:#a40000}tr.accepted td:nth-child(4){color:#1c6b12}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.3rem 1rem}dd{margin:0}
input,button{font-size:1rem;padding:.3rem .6rem}.sign-out{float:inline-end}
`;
