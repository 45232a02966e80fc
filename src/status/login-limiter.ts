/**
 * Counts failed sign-ins per client address in a sliding window, so the admin
 * password cannot be guessed at request speed. In memory only: a restart
 * clears the counts, which costs an attacker a restart per window.
 */
export function createLoginLimiter(options: { maxFailures: number; windowMs: number; now: () => number }) {
  const failures = new Map<string, number[]>();

  const recent = (address: string) => {
    const cutoff = options.now() - options.windowMs;
    const kept = (failures.get(address) ?? []).filter((at) => at > cutoff);
    if (kept.length === 0) failures.delete(address);
    else failures.set(address, kept);
    return kept;
  };

  return {
    isBlocked: (address: string) => recent(address).length >= options.maxFailures,
    recordFailure: (address: string) => failures.set(address, [...recent(address), options.now()]),
    reset: (address: string) => failures.delete(address),
  };
}
