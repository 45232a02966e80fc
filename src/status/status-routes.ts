import { Elysia } from "elysia";
import type { AppDependencies } from "../app-dependencies";
import { chooseOperatorLanguage } from "../i18n/operator-language";
import { jsonResponse } from "../http/json-response";
import { readBodyText } from "../http/read-body";
import { createAdminSessions, readCookie } from "./admin-session";
import { checkHealth } from "./health";
import { createLoginLimiter } from "./login-limiter";
import { STATUS_SECTIONS } from "./sections";
import { renderStatusPage, type SignInError } from "./status-page";

const LANGUAGE_COOKIE = "mlango_lang";

/** `GET /health` for monitors, and the status page with its admin sign-in. */
export function statusRoutes(deps: AppDependencies) {
  const { db, settings, now, logger } = deps;
  const sessions = createAdminSessions(settings.adminPassword ?? crypto.randomUUID(), now);
  const limiter = createLoginLimiter({ maxFailures: 10, windowMs: 60_000, now });
  const secureCookies = (settings.publicUrl?.startsWith("https://") ?? false) || settings.tls !== undefined;

  const pageResponse = async (request: Request, status = 200, signInError?: SignInError) => {
    const url = new URL(request.url);
    const explicit = url.searchParams.get("lang") ?? readCookie(request.headers.get("cookie"), LANGUAGE_COOKIE);
    const lang = chooseOperatorLanguage(explicit ?? undefined, request.headers.get("accept-language"), settings.lang);

    const health = await checkHealth(deps.health);
    const signedIn = sessions.isSignedIn(request.headers.get("cookie"));
    const context = { db, settings, now: now(), health, verificationRollup: deps.verificationRollup };
    if (signedIn) await deps.verificationRollup.refresh(context.now);
    const html = await renderStatusPage({ lang, context, sections: STATUS_SECTIONS, signedIn, signInError, logger });

    const headers: Record<string, string> = { "content-type": "text/html; charset=utf-8", ...SECURITY_HEADERS };
    const chosen = url.searchParams.get("lang");
    if (chosen === "sw" || chosen === "en") headers["set-cookie"] = `${LANGUAGE_COOKIE}=${chosen}; Path=/; SameSite=Lax; Max-Age=31536000`;
    return new Response(html, { status, headers });
  };

  return new Elysia({ name: "status" })
    .get("/health", async function getHealth() {
      const health = await checkHealth(deps.health);
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
          logger.warn("status page sign-in failed", { address });
          return pageResponse(request, 401, "wrong_password");
        }

        limiter.reset(address);
        logger.info("status page sign-in", { address });
        return new Response(null, { status: 303, headers: { location: "/", "set-cookie": sessions.issueCookie(secureCookies), ...SECURITY_HEADERS } });
      },
      { parse: "none" },
    )
    .post("/logout", () => new Response(null, { status: 303, headers: { location: "/", "set-cookie": sessions.clearCookie(), ...SECURITY_HEADERS } }), {
      parse: "none",
    });
}

const SECURITY_HEADERS = {
  "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  "referrer-policy": "no-referrer",
  "cache-control": "no-store",
};
