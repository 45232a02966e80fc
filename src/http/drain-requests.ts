/** The part of Bun's server a shutdown reads: its count of requests without a response yet. */
export interface RequestCounter {
  readonly pendingRequests: number;
}

/** How often the count is read while waiting. */
const POLL_MS = 10;

/**
 * Resolves once the server has had no request in flight for `quietMs` (a
 * kept-alive connection can bring the next request right after one ends), or
 * after `timeoutMs`, whichever comes first. Bun counts a request from its
 * arrival until its response is sent or its client goes away. Reading that
 * count costs the requests nothing, while tracking each one in a hook cost a
 * measurable part of a fast verification.
 */
export async function drainRequests(server: RequestCounter, timeoutMs: number, quietMs = 50): Promise<void> {
  const giveUpAt = Date.now() + timeoutMs;
  let quietSince: number | undefined;
  while (Date.now() < giveUpAt) {
    if (server.pendingRequests > 0) {
      quietSince = undefined;
    } else {
      quietSince ??= Date.now();
      if (Date.now() - quietSince >= quietMs) return;
    }
    await Bun.sleep(POLL_MS);
  }
}
