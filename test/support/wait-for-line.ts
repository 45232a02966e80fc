/** Reads a child's output until a line matches `pattern`, returning the match; fails after `timeoutMs`. */
export async function waitForLine(stream: ReadableStream<Uint8Array>, pattern: RegExp, timeoutMs = 20_000): Promise<RegExpMatchArray> {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  let seen = "";
  const deadline = Date.now() + timeoutMs;
  try {
    while (Date.now() < deadline) {
      const chunk = await Promise.race([
        reader.read(),
        new Promise<{ done: true; value: undefined }>((resolve) => setTimeout(() => resolve({ done: true, value: undefined }), deadline - Date.now())),
      ]);
      if (chunk.value) seen += decoder.decode(chunk.value, { stream: true });
      const match = seen.match(pattern);
      if (match) return match;
      if (chunk.done) break;
    }
  } finally {
    reader.releaseLock();
  }
  throw new Error(`no line matching ${pattern} within ${timeoutMs} ms; output so far:\n${seen}`);
}
