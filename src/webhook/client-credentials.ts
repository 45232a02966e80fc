import { timingSafeEqual } from "node:crypto";

function sha256(text: string): Uint8Array {
  return Bun.SHA256.hash(text) as Uint8Array;
}

/**
 * Compares two secrets in constant time whatever their lengths: both are
 * hashed to 32 bytes first, so neither the length nor the first differing
 * byte of the expected value shows in the timing.
 */
export function secretsEqual(received: string, expected: string): boolean {
  return timingSafeEqual(sha256(received), sha256(expected));
}

/**
 * Returns the check of the `x-client-id` / `x-client-secret` pair the platform
 * sends on every request. The expected values are hashed once here, so each
 * request hashes only what it brought.
 */
export function clientCredentialsCheck(expected: { clientId: string; clientSecret: string }): (headers: Headers) => boolean {
  const idDigest = sha256(expected.clientId);
  const secretDigest = sha256(expected.clientSecret);
  return (headers) => {
    const idMatches = timingSafeEqual(sha256(headers.get("x-client-id") ?? ""), idDigest);
    const secretMatches = timingSafeEqual(sha256(headers.get("x-client-secret") ?? ""), secretDigest);
    return idMatches && secretMatches;
  };
}
