export type BodyResult = { ok: true; text: string } | { ok: false; reason: "too_large" | "invalid_utf8" | "unreadable" };

/**
 * Reads a request body as UTF-8 text, stopping as soon as it passes `maxBytes`
 * so that an oversized upload is neither buffered nor parsed. A declared
 * Content-Length over the limit is rejected before any byte is read.
 */
export async function readBodyText(request: Request, maxBytes: number): Promise<BodyResult> {
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes) return { ok: false, reason: "too_large" };
  if (!request.body) return { ok: true, text: "" };

  const chunks: Uint8Array[] = [];
  let received = 0;
  try {
    for await (const chunk of request.body) {
      received += chunk.byteLength;
      if (received > maxBytes) return { ok: false, reason: "too_large" };
      chunks.push(chunk);
    }
  } catch {
    return { ok: false, reason: "unreadable" };
  }

  try {
    return { ok: true, text: new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(Buffer.concat(chunks)) };
  } catch {
    return { ok: false, reason: "invalid_utf8" };
  }
}
