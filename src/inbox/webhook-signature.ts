import { createHmac } from "node:crypto";

const SECRET_PREFIX = "whsec_";

/**
 * Decodes a Standard Webhooks secret: `whsec_` followed by base64 of 24 to 64
 * random bytes. Returns undefined when the text is not of that form.
 */
export function parseWebhookSecret(text: string): Buffer | undefined {
  const trimmed = text.trim();
  if (!trimmed.startsWith(SECRET_PREFIX)) return undefined;

  const encoded = trimmed.slice(SECRET_PREFIX.length);
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(encoded) || encoded.length % 4 !== 0) return undefined;
  const key = Buffer.from(encoded, "base64");
  return key.length >= 24 && key.length <= 64 ? key : undefined;
}

/** The three headers that sign one delivery, following the Standard Webhooks convention. */
export interface SignatureHeaders {
  "webhook-id": string;
  "webhook-timestamp": string;
  "webhook-signature": string;
}

/**
 * Signs `body` for delivery: the signature is the base64 HMAC-SHA256, keyed
 * with the decoded secret, of `<id>.<timestamp>.<body>`, where the timestamp
 * is in whole seconds since the Unix epoch.
 */
export function signDelivery(key: Buffer, messageId: string, timestampMs: number, body: string): SignatureHeaders {
  const timestamp = String(Math.floor(timestampMs / 1000));
  const signature = createHmac("sha256", key).update(`${messageId}.${timestamp}.${body}`, "utf8").digest("base64");
  return { "webhook-id": messageId, "webhook-timestamp": timestamp, "webhook-signature": `v1,${signature}` };
}
