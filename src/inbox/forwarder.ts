import type { Client } from "@libsql/client";
import type { Logger } from "../log/logger";
import { VERSION } from "../version";
import { claimDueDeliveries, nextDueTime, recordAttempt, type AttemptOutcome, type ClaimedDelivery } from "./outbox-queries";
import { signDelivery } from "./webhook-signature";

export interface ForwarderOptions {
  /** The configured downstream URLs; deliveries to any other URL are never sent. */
  urls: string[];
  /** The decoded `whsec_` key that signs every delivery. */
  secret: Buffer;
  timeoutMs: number;
  retryFirstMs: number;
  retryMaxMs: number;
  logger: Logger;
  now: () => number;
  /** Deliveries sent at the same time. */
  concurrency?: number;
  /** Maximum wait between outbox polls, so `mlango events retry` run by another process is noticed within it. */
  pollMs?: number;
}

export interface Forwarder {
  /** Looks at the outbox now instead of at the next poll. */
  wake(): void;
  /** Stops claiming deliveries and waits for the ones in flight. */
  stop(): Promise<void>;
}

const DEFAULT_CONCURRENCY = 8;
const DEFAULT_POLL_MS = 1000;
// A claim lasts past the request timeout by this much, so a slow response is recorded before another sender may claim it.
const LEASE_MARGIN_MS = 30_000;

/**
 * Starts the background sender of the outbox. Each delivery is an HTTP POST
 * of the event, signed with the Standard Webhooks headers, and a 2xx response
 * marks it delivered. Anything else is retried with exponential backoff and jitter
 * until its give-up time, after which it is marked failed. Redirects are not
 * followed, so only the configured URLs are ever called.
 */
export function startForwarder(client: Client, options: ForwarderOptions): Forwarder {
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  const pollMs = options.pollMs ?? DEFAULT_POLL_MS;
  const { logger, now } = options;
  let stopped = false;
  let wakeSleeper: (() => void) | undefined;

  async function deliver(delivery: ClaimedDelivery): Promise<void> {
    const attempt = delivery.attempts + 1;
    const error = await send(delivery, options);
    const at = now();
    const target = describeUrl(delivery.url);

    let outcome: AttemptOutcome;
    if (error === undefined) {
      outcome = { kind: "delivered", at };
      logger.info("event forwarded", { deliveryId: delivery.id, eventId: delivery.eventId, url: target, attempt });
    } else if (at >= delivery.giveUpAt) {
      outcome = { kind: "failed", at, error };
      logger.error("event forwarding gave up; run `mlango events retry` to send it again", {
        deliveryId: delivery.id,
        eventId: delivery.eventId,
        url: target,
        attempts: attempt,
        error,
      });
    } else {
      const nextAttemptAt = Math.min(at + backoffDelay(attempt, options), delivery.giveUpAt);
      outcome = { kind: "retry", at, error, nextAttemptAt };
      logger.warn("event forwarding failed; will retry", {
        deliveryId: delivery.id,
        eventId: delivery.eventId,
        url: target,
        attempt,
        error,
        nextAttemptAt: new Date(nextAttemptAt).toISOString(),
      });
    }
    await recordAttempt(client, delivery.id, outcome);
  }

  async function sleep(ms: number): Promise<void> {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wakeSleeper = () => {
        clearTimeout(timer);
        resolve();
      };
    });
    wakeSleeper = undefined;
  }

  async function run(): Promise<void> {
    while (!stopped) {
      try {
        const started = now();
        const leaseUntil = started + options.timeoutMs + LEASE_MARGIN_MS;
        const claimed = await claimDueDeliveries(client, { urls: options.urls, now: started, leaseUntil, limit: concurrency });
        if (claimed.length > 0) {
          await Promise.all(claimed.map(deliver));
          continue;
        }
        const due = await nextDueTime(client, options.urls);
        await sleep(due === undefined ? pollMs : Math.max(0, Math.min(due - now(), pollMs)));
      } catch (error) {
        logger.error("outbox check failed; trying again shortly", { error: error as Error });
        await sleep(pollMs);
      }
    }
  }

  const running = run();
  return {
    wake() {
      wakeSleeper?.();
    },
    async stop() {
      stopped = true;
      wakeSleeper?.();
      await running;
    },
  };
}

/** Base delay doubled per attempt up to the maximum, then scaled by a random factor in [0.5, 1) so retries spread out. */
export function backoffDelay(attempt: number, options: { retryFirstMs: number; retryMaxMs: number }, random: () => number = Math.random): number {
  const exponential = Math.min(options.retryMaxMs, options.retryFirstMs * 2 ** Math.min(attempt - 1, 40));
  return Math.round(exponential * (0.5 + random() * 0.5));
}

/**
 * Builds the delivered body in the Standard Webhooks shape. `data` is the
 * platform's request body exactly as received, so unknown fields and large
 * numbers reach the receiver unchanged.
 */
export function deliveryBody(delivery: Pick<ClaimedDelivery, "eventType" | "eventReceivedAt" | "eventBody">): string {
  return `{"type":${JSON.stringify(delivery.eventType)},"timestamp":${JSON.stringify(new Date(delivery.eventReceivedAt).toISOString())},"data":${delivery.eventBody}}`;
}

/** Returns the `webhook-id`, which is the same for every attempt and every URL of one event, so receivers can drop repeats. */
export function deliveryMessageId(dedupeKey: string): string {
  return `msg_${dedupeKey.slice(0, 32)}`;
}

/** Sends one delivery. Returns undefined on a 2xx response, else a short description of the failure. */
async function send(delivery: ClaimedDelivery, options: ForwarderOptions): Promise<string | undefined> {
  const body = deliveryBody(delivery);
  const signature = signDelivery(options.secret, deliveryMessageId(delivery.dedupeKey), options.now(), body);
  try {
    const response = await fetch(delivery.url, {
      method: "POST",
      headers: { "content-type": "application/json", "user-agent": `Mlango/${VERSION}`, ...signature },
      body,
      redirect: "manual",
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    await response.body?.cancel();
    return response.status >= 200 && response.status < 300 ? undefined : `HTTP ${response.status}`;
  } catch (error) {
    if (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError")) return `no response within ${options.timeoutMs} ms`;
    return error instanceof Error ? error.message : String(error);
  }
}

/** Returns the URL without credentials or query string (either may contain tokens), for logs. */
function describeUrl(url: string): string {
  const parsed = new URL(url);
  return `${parsed.origin}${parsed.pathname}`;
}
