import { Elysia } from "elysia";
import type { AppDependencies } from "../app-dependencies";
import { chooseOperatorLanguage } from "../i18n/operator-language";
import { jsonResponse } from "../http/json-response";
import { readBodyText } from "../http/read-body";
import { countStudents } from "../roster/student-queries";
import { createAdminSessions, readCookie } from "./admin-session";
import { checkHealth } from "./health";
import { createLoginLimiter } from "./login-limiter";
import { loadSittingsSection } from "./sections/sittings-section";
import { renderStatusPage, type StatusDetails } from "./status-page";
import { readState, recentNotifications, recentVerifications, STATE_KEYS } from "./status-queries";

const LANGUAGE_COOKIE = "mlango_lang";
const RECENT_ROWS = 25;

/** `GET /health` for monitors, and the status page with its admin sign-in. */
export function statusRoutes(deps: AppDependencies) {
  const { db, settings, version, now } = deps;
  const sessions = createAdminSessions(settings.adminPassword ?? crypto.randomUUID(), now);
  const limiter = createLoginLimiter({ maxFailures: 10, windowMs: 60_000, now });
  const secureCookies = settings.publicUrl?.startsWith("https://") ?? false;

  const pageResponse = async (request: Request, status = 200, signInError?: "wrong_password" | "too_many_attempts") => {
    const url = new URL(request.url);
    const explicit = url.searchParams.get("lang") ?? readCookie(request.headers.get("cookie"), LANGUAGE_COOKIE);
    const lang = chooseOperatorLanguage(explicit ?? undefined, request.headers.get("accept-language"), settings.lang);

    const health = await checkHealth(db, version);
    const details = sessions.isSignedIn(request.headers.get("cookie")) && health.database.reachable ? await loadDetails(deps) : undefined;

    const headers: Record<string, string> = { "content-type": "text/html; charset=utf-8", ...SECURITY_HEADERS };
    const chosen = url.searchParams.get("lang");
    if (chosen === "sw" || chosen === "en") headers["set-cookie"] = `${LANGUAGE_COOKIE}=${chosen}; Path=/; SameSite=Lax; Max-Age=31536000`;
    return new Response(renderStatusPage({ lang, health, details, signInError }), { status, headers });
  };

  return new Elysia({ name: "status" })
    .get("/health", async function getHealth() {
      const health = await checkHealth(db, version);
      return jsonResponse(health.status === "ok" ? 200 : 503, health);
    })
    .get("/", ({ request }) => pageResponse(request))
    .post(
      "/login",
      async function signIn({ request, server }) {
        const address = server?.requestIP(request)?.address ?? "unknown";
        if (limiter.isBlocked(address)) return pageResponse(request, 429, "too_many_attempts");

        const body = await readBodyText(request, 4096);
        const password = body.ok ? (new URLSearchParams(body.text).get("password") ?? "") : "";
        if (!settings.adminPassword || !sessions.passwordMatches(password)) {
          limiter.recordFailure(address);
          deps.logger.warn("status page sign-in failed", { address });
          return pageResponse(request, 401, "wrong_password");
        }

        limiter.reset(address);
        deps.logger.info("status page sign-in", { address });
        return new Response(null, { status: 303, headers: { location: "/", "set-cookie": sessions.issueCookie(secureCookies) } });
      },
      { parse: "none" },
    )
    .post("/logout", () => new Response(null, { status: 303, headers: { location: "/", "set-cookie": sessions.clearCookie() } }), {
      parse: "none",
    });
}

async function loadDetails(deps: AppDependencies): Promise<StatusDetails> {
  const [rosterSize, lastImportText, verifications, notifications, sittings] = await Promise.all([
    countStudents(deps.db),
    readState(deps.db, STATE_KEYS.lastImport),
    recentVerifications(deps.db, RECENT_ROWS),
    recentNotifications(deps.db, RECENT_ROWS),
    loadSittingsSection(deps.db, { limit: RECENT_ROWS, forwarding: deps.settings.forward.urls.length > 0 }),
  ]);
  return {
    rosterSize,
    lastImport: lastImportText ? (JSON.parse(lastImportText) as StatusDetails["lastImport"]) : undefined,
    verifications,
    notifications,
    sittings,
  };
}

const SECURITY_HEADERS = {
  "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  "referrer-policy": "no-referrer",
  "cache-control": "no-store",
};
