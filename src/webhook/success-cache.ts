import { createHmac, randomBytes } from "node:crypto";

/**
 * Remembers successful secret checks for `ttlMs`, so that the platform's
 * retries and a student's second try do not pay for the hash again. Entries
 * are keyed by an HMAC of the login and the typed secret under a key made at
 * start, so the memory never holds a secret, and an entry only counts while
 * the student's stored hash is the one it was checked against.
 */
export interface SuccessCache {
  has(loginKey: string, secret: string, studentId: number, secretHash: string): boolean;
  remember(loginKey: string, secret: string, studentId: number, secretHash: string): void;
}

interface Entry {
  studentId: number;
  secretHash: string;
  expiresAt: number;
}

/** Upper bound on entries; the oldest go first. A full year group is far below it. */
const MAX_ENTRIES = 50_000;

export function createSuccessCache(ttlMs: number, now: () => number): SuccessCache {
  const hmacKey = randomBytes(32);
  const entries = new Map<string, Entry>();
  const cacheKey = (loginKey: string, secret: string) => createHmac("sha256", hmacKey).update(loginKey).update("\0").update(secret).digest("base64");

  return {
    has(loginKey, secret, studentId, secretHash) {
      if (ttlMs === 0) return false;
      const key = cacheKey(loginKey, secret);
      const entry = entries.get(key);
      if (!entry) return false;
      if (entry.expiresAt <= now()) {
        entries.delete(key);
        return false;
      }
      return entry.studentId === studentId && entry.secretHash === secretHash;
    },

    remember(loginKey, secret, studentId, secretHash) {
      if (ttlMs === 0) return;
      const key = cacheKey(loginKey, secret);
      entries.delete(key);
      if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value!);
      entries.set(key, { studentId, secretHash, expiresAt: now() + ttlMs });
    },
  };
}
