import type { OperatorLanguage } from "../i18n/operator-language";
import type { Logger } from "../log/logger";
import { escapeHtml } from "./html";
import type { SectionContext, StatusSection } from "./sections/section";
import { STATUS_TEXT, type StatusText } from "./status-text";

export type SignInError = "wrong_password" | "too_many_attempts";

export interface StatusPageInput {
  lang: OperatorLanguage;
  context: SectionContext;
  sections: StatusSection<unknown>[];
  signedIn: boolean;
  signInError?: SignInError;
  logger: Logger;
}

/** Seconds between the page's own reloads, so it can stay open on a screen during an exam. */
const REFRESH_SECONDS = 30;

/**
 * Renders the status page from its sections: the public ones always, the
 * admin ones after sign-in, else the sign-in form. A section whose data
 * cannot be read shows a short notice and the rest of the page still renders.
 */
export async function renderStatusPage(input: StatusPageInput): Promise<string> {
  const text = STATUS_TEXT[input.lang];
  const visible = input.sections.filter((section) => section.audience === "public" || input.signedIn);
  const rendered = await Promise.all(visible.map((section) => renderSection(section, input, text)));
  const signInOrOut = input.signedIn ? renderSignOut(text) : renderSignIn(text, input.signInError);

  return `<!doctype html>
<html lang="${input.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="${REFRESH_SECONDS}">
<title>${escapeHtml(text.title)}</title>
<link rel="icon" href="data:,">
<style>${STYLE}</style>
</head>
<body>
<header>
  <h1>${escapeHtml(text.title)}</h1>
  <nav aria-label="${escapeHtml(text.language)}"><a href="?lang=sw" lang="sw"${input.lang === "sw" ? ' aria-current="true"' : ""}>Kiswahili</a> · <a href="?lang=en" lang="en"${input.lang === "en" ? ' aria-current="true"' : ""}>English</a></nav>
</header>
<main>
${rendered.join("\n")}
${signInOrOut}
</main>
<footer><p>${escapeHtml(text.refreshes.replace("{seconds}", String(REFRESH_SECONDS)))}</p></footer>
</body>
</html>`;
}

async function renderSection(section: StatusSection<unknown>, input: StatusPageInput, text: StatusText): Promise<string> {
  try {
    const data = await section.load(input.context);
    return `<section id="${section.id}">\n${section.render(data, input.lang, input.context)}\n</section>`;
  } catch (error) {
    input.logger.error("status page section failed", { section: section.id, error: error as Error });
    return `<section id="${section.id}"><p class="error">${escapeHtml(text.sectionFailed)}</p></section>`;
  }
}

function renderSignIn(text: StatusText, error: SignInError | undefined): string {
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

function renderSignOut(text: StatusText): string {
  return `<form method="post" action="/logout" class="sign-out"><button type="submit">${escapeHtml(text.signOut)}</button></form>`;
}

const STYLE = `
*{box-sizing:border-box}
body{font-family:system-ui,"Noto Sans",sans-serif;margin:0 auto;max-width:64rem;padding:1rem;color:#1b1b1b;background:#fafafa;line-height:1.4}
header{display:flex;flex-wrap:wrap;justify-content:space-between;align-items:baseline;gap:.5rem}
h1{font-size:1.4rem;margin:.2rem 0}h2{font-size:1.1rem;margin:1.5rem 0 .5rem}
nav a[aria-current]{font-weight:bold;text-decoration:none;color:inherit}
.overall{border-radius:.5rem;padding:.5rem 1rem;margin:1rem 0;display:flex;flex-wrap:wrap;justify-content:space-between;align-items:baseline}
.overall.ok{background:#e3f4e1}.overall.fail{background:#fbe3e1}.overall p{margin:.2rem 0}
.state{font-size:1.3rem;font-weight:bold}.version{color:#555}
.checks{list-style:none;padding:0;margin:0}.check{padding:.35rem 0;border-bottom:1px solid #e4e4e4;overflow-wrap:anywhere}
.badge{display:inline-block;min-width:4.5rem;text-align:center;border-radius:1rem;padding:0 .5rem;font-size:.85rem;font-weight:bold}
.check.ok .badge{background:#e3f4e1;color:#1c6b12}.check.warn .badge{background:#fff3cd;color:#7a5300}.check.fail .badge{background:#fbe3e1;color:#a40000}
.age,.note{color:#555;font-size:.9rem}.error{color:#a40000}
.scroll{overflow-x:auto}table{border-collapse:collapse;width:100%;font-size:.9rem}
th,td{border-bottom:1px solid #ddd;padding:.3rem .5rem;text-align:start;white-space:nowrap}
.number{text-align:end}tr.rejected td:nth-child(4),.rejected{color:#a40000}tr.accepted td:nth-child(4),.accepted{color:#1c6b12}
dl{display:grid;grid-template-columns:minmax(8rem,max-content) 1fr;gap:.3rem 1rem}dd{margin:0;overflow-wrap:anywhere}
meter{width:6rem;vertical-align:middle}
.chart{margin:0}.chart svg{width:100%;height:auto;background:#fff;border:1px solid #e4e4e4;border-radius:.3rem}
figcaption{font-size:.85rem;color:#444;margin-top:.3rem}
.key{display:inline-block;width:.8rem;height:.8rem;vertical-align:middle;margin-inline-start:.6rem}
.accepted-key{background:#2e7d32}.rejected-key{background:#c62828}.latency-key{background:#1565c0;height:.2rem}
input,button{font-size:1rem;padding:.4rem .7rem;max-width:100%}
label{display:inline-flex;flex-wrap:wrap;gap:.4rem;align-items:center}
.sign-out{margin-top:1.5rem}
footer{margin-top:2rem;color:#666;font-size:.8rem}
@media (max-width:40rem){body{padding:.6rem}dl{grid-template-columns:1fr}dt{font-weight:bold}
.chart text{font-size:20px}}
`;
