import { createHash, timingSafeEqual } from "node:crypto";

/**
 * Compares two secrets in constant time whatever their lengths: both are
 * hashed to 32 bytes first, so neither the length nor the first differing
 * byte of the expected value shows in the timing.
 */
export function secretsEqual(received: string, expected: string): boolean {
  const receivedDigest = createHash("sha256").update(received, "utf8").digest();
  const expectedDigest = createHash("sha256").update(expected, "utf8").digest();
  return timingSafeEqual(receivedDigest, expectedDigest);
}

/** Checks the `x-client-id` / `x-client-secret` pair the platform sends on every request. */
export function clientCredentialsMatch(headers: Headers, expected: { clientId: string; clientSecret: string }): boolean {
  const idMatches = secretsEqual(headers.get("x-client-id") ?? "", expected.clientId);
  const secretMatches = secretsEqual(headers.get("x-client-secret") ?? "", expected.clientSecret);
  return idMatches && secretMatches;
}
