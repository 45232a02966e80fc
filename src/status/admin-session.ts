import { createHmac, randomBytes } from "node:crypto";
import { secretsEqual } from "../webhook/client-credentials";

const SESSION_COOKIE = "mlango_session";
const SESSION_LIFETIME_MS = 8 * 60 * 60 * 1000;

/**
 * Admin sessions for the status page: a cookie holding an expiry time and an
 * HMAC of it. The key is random per process, so a restart signs everyone out
 * and nothing about the password is ever sent to the browser.
 */
export function createAdminSessions(adminPassword: string, now: () => number) {
  const key = randomBytes(32);

  const sign = (expiresAt: number) => createHmac("sha256", key).update(String(expiresAt)).digest("base64url");

  return {
    passwordMatches(typed: string): boolean {
      return secretsEqual(typed, adminPassword);
    },

    /** The Set-Cookie value that signs the browser in. */
    issueCookie(secure: boolean): string {
      const expiresAt = now() + SESSION_LIFETIME_MS;
      const flags = `Path=/; HttpOnly; SameSite=Strict; Max-Age=${SESSION_LIFETIME_MS / 1000}${secure ? "; Secure" : ""}`;
      return `${SESSION_COOKIE}=${expiresAt}.${sign(expiresAt)}; ${flags}`;
    },

    clearCookie(): string {
      return `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0`;
    },

    isSignedIn(cookieHeader: string | null): boolean {
      const value = readCookie(cookieHeader, SESSION_COOKIE);
      if (!value) return false;
      const [expiresText, signature] = value.split(".");
      const expiresAt = Number(expiresText);
      if (!Number.isFinite(expiresAt) || expiresAt < now() || !signature) return false;
      return secretsEqual(signature, sign(expiresAt));
    },
  };
}

export type AdminSessions = ReturnType<typeof createAdminSessions>;

export function readCookie(cookieHeader: string | null, name: string): string | undefined {
  if (!cookieHeader) return undefined;
  for (const part of cookieHeader.split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) return rest.join("=");
  }
  return undefined;
}
