import { isUtf8 } from "node:buffer";

export type BodyResult = { ok: true; text: string } | { ok: false; reason: "too_large" | "invalid_utf8" | "unreadable" };

/**
 * Reads a request body as UTF-8 text, stopping as soon as it passes `maxBytes`
 * so that an oversized upload is neither buffered nor parsed. A declared
 * Content-Length over the limit is rejected before any byte is read.
 */
export async function readBodyText(request: Request, maxBytes: number): Promise<BodyResult> {
  const lengthHeader = request.headers.get("content-length");
  const declared = lengthHeader === null ? undefined : Number(lengthHeader);
  if (declared !== undefined && declared > maxBytes) return { ok: false, reason: "too_large" };

  // With a declared length within the limit, Bun reads exactly that many bytes natively, which costs far less
  // than pulling the stream chunk by chunk. A body without a length (chunked) is counted as it streams in.
  if (declared !== undefined && Number.isFinite(declared)) return decodeUtf8(await readWhole(request));
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

  return decodeUtf8(Buffer.concat(chunks));
}

async function readWhole(request: Request): Promise<Uint8Array | undefined> {
  try {
    return await request.bytes();
  } catch {
    return undefined;
  }
}

/** Decodes UTF-8 and drops a leading byte order mark. Invalid sequences are reported instead of replaced. */
function decodeUtf8(bytes: Uint8Array | undefined): BodyResult {
  if (bytes === undefined) return { ok: false, reason: "unreadable" };
  // Checking first and then decoding natively costs a fraction of a fatal TextDecoder on small bodies.
  if (!isUtf8(bytes)) return { ok: false, reason: "invalid_utf8" };
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8");
  return { ok: true, text: text.startsWith("\ufeff") ? text.slice(1) : text };
}
