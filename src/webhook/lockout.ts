/** When failed attempts lock an identifier, and for how long. */
export interface LockoutSettings {
  maxFailures: number;
  windowMs: number;
  durationMs: number;
}

/** One locked identifier, for the status page. */
export interface LockedIdentifier {
  identifier: string;
  /** Epoch milliseconds at which the lock ends. */
  lockedUntil: number;
}

export interface Lockout {
  /** Epoch milliseconds at which the lock on `key` ends, or undefined when it is not locked. */
  lockedUntil(key: string): number | undefined;
  /** Counts one failed attempt; returns the lock's end when this failure locked the key. */
  recordFailure(key: string, identifier: string): number | undefined;
  /** Forgets the failures of `key` after a successful check. */
  reset(key: string): void;
  /** The identifiers locked now, soonest unlock first. */
  listLocked(): LockedIdentifier[];
}

interface Entry {
  identifier: string;
  /** Epoch milliseconds of the failures inside the window, oldest first. */
  failures: number[];
  lockedUntil?: number;
}

/** Upper bound on tracked identifiers, so that guessing random identifiers cannot fill the memory. */
const MAX_TRACKED = 100_000;

/**
 * Counts failed attempts per identifier in memory: `maxFailures` within
 * `windowMs` lock the key for `durationMs`. Unknown identifiers are counted the
 * same way as known ones, so a lock reveals nothing about the roster.
 *
 * NOTE: the counts live in this process only. They are lost on restart, and
 * several instances sharing one database count separately.
 */
export function createLockout(settings: LockoutSettings, now: () => number): Lockout {
  const entries = new Map<string, Entry>();

  function current(key: string): Entry | undefined {
    const entry = entries.get(key);
    if (!entry) return undefined;
    const at = now();
    if (entry.lockedUntil !== undefined && entry.lockedUntil <= at) {
      entry.lockedUntil = undefined;
      entry.failures = [];
    }
    entry.failures = entry.failures.filter((time) => time > at - settings.windowMs);
    if (entry.failures.length === 0 && entry.lockedUntil === undefined) {
      entries.delete(key);
      return undefined;
    }
    return entry;
  }

  function makeRoom(): void {
    if (entries.size < MAX_TRACKED) return;
    for (const key of entries.keys()) current(key);
    // Still full: drop the oldest unlocked entries (a Map iterates in insertion order).
    for (const [key, entry] of entries) {
      if (entries.size < MAX_TRACKED) break;
      if (entry.lockedUntil === undefined) entries.delete(key);
    }
  }

  return {
    lockedUntil: (key) => current(key)?.lockedUntil,

    recordFailure(key, identifier) {
      let entry = current(key);
      if (!entry) {
        makeRoom();
        entry = { identifier, failures: [] };
        entries.set(key, entry);
      }
      if (entry.lockedUntil !== undefined) return undefined;
      entry.failures.push(now());
      if (entry.failures.length < settings.maxFailures) return undefined;
      entry.lockedUntil = now() + settings.durationMs;
      return entry.lockedUntil;
    },

    reset(key) {
      entries.delete(key);
    },

    listLocked() {
      const locked: LockedIdentifier[] = [];
      for (const key of [...entries.keys()]) {
        const entry = current(key);
        if (entry?.lockedUntil !== undefined) locked.push({ identifier: entry.identifier, lockedUntil: entry.lockedUntil });
      }
      return locked.sort((a, b) => a.lockedUntil - b.lockedUntil);
    },
  };
}

/** The identifiers `lockout` holds locked now, with the time each lock ends; for the status page. */
export function listLockedIdentifiers(lockout: Lockout): LockedIdentifier[] {
  return lockout.listLocked();
}
