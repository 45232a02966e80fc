/** argon2id cost settings, recorded inside every hash they make. */
export interface Argon2Settings {
  memoryCost: number;
  timeCost: number;
}

const PRECOMPUTED_HASH = /^(\$2[aby]\$\d{2}\$[./A-Za-z0-9]{53}|\$argon2(id|i|d)\$v=\d+\$m=\d+,t=\d+,p=\d+\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+)$/;

/** Whether `value` is a bcrypt or argon2 hash made by another system, to be stored as it is. */
export function isPrecomputedHash(value: string): boolean {
  return PRECOMPUTED_HASH.test(value);
}

/** Hashes a plain secret with argon2id on Bun's thread pool. */
export function hashSecret(secret: string, settings: Argon2Settings): Promise<string> {
  return Bun.password.hash(secret, { algorithm: "argon2id", memoryCost: settings.memoryCost, timeCost: settings.timeCost });
}

/** Checks a typed secret against a stored bcrypt or argon2 hash. A malformed hash never matches. */
export async function verifySecret(secret: string, hash: string): Promise<boolean> {
  try {
    return await Bun.password.verify(secret, hash);
  } catch {
    return false;
  }
}

const dummyHashes = new Map<string, Promise<string>>();

/**
 * Returns a hash at the current settings that no typed secret matches. Checking
 * a secret against it makes a failed lookup cost the same time as a real check,
 * so response times do not reveal which identifiers exist.
 */
export function dummyHash(settings: Argon2Settings): Promise<string> {
  const key = `${settings.memoryCost}:${settings.timeCost}`;
  let hash = dummyHashes.get(key);
  if (!hash) {
    hash = hashSecret(crypto.randomUUID(), settings);
    dummyHashes.set(key, hash);
  }
  return hash;
}

const ARGON2ID_COSTS = /^\$argon2id\$v=\d+\$m=(\d+),t=(\d+),p=\d+\$/;

/**
 * Whether `hash` was made with something weaker than argon2id at `settings`:
 * bcrypt, argon2i/argon2d, or argon2id with less memory or fewer iterations.
 * Such a hash is replaced after the next successful check.
 */
export function needsRehash(hash: string, settings: Argon2Settings): boolean {
  const costs = ARGON2ID_COSTS.exec(hash);
  if (!costs) return true;
  return Number(costs[1]) < settings.memoryCost || Number(costs[2]) < settings.timeCost;
}
