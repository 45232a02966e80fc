const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/**
 * Parses a duration written as a whole number and a unit (`250ms`, `90s`,
 * `30m`, `12h`, `3d`) into milliseconds. Returns undefined for anything else,
 * including a bare number, whose unit a reader would have to guess.
 */
export function parseDuration(text: string): number | undefined {
  const match = /^(\d{1,9})\s*(ms|s|m|h|d)$/.exec(text.trim().toLowerCase());
  if (!match) return undefined;
  return Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS];
}
