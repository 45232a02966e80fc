import type { Settings } from "../config/settings";
import type { Database } from "../db/client";
import { openInboxClient } from "./inbox-client";
import type { Logger } from "../log/logger";
import { createEventWriter, type EventRow, type StoredNotification } from "./event-writer";
import { startForwarder, type Forwarder } from "./forwarder";
import { failUnconfiguredDeliveries } from "./outbox-queries";
import { removeExpiredEvents } from "./retention";

/** The running notification inbox: the group-committing writer, the outbox sender and the retention timer. */
export interface Inbox {
  store(row: EventRow): Promise<StoredNotification>;
  /** Waits for queued events, stops the sender and closes the inbox's database connection. */
  stop(): Promise<void>;
}

const RETENTION_INTERVAL_MS = 3_600_000;

/**
 * Starts the inbox over its own connection (see openInboxClient).
 * `tuning.maxBatch` exists for the benchmark, which compares group commit with one event per transaction.
 */
export function startInbox(
  settings: Settings,
  db: Database,
  logger: Logger,
  now: () => number,
  tuning: { maxBatch?: number } = {},
): Inbox {
  const { client, ownClient } = openInboxClient(settings, db);
  const forward = settings.forward;

  let forwarder: Forwarder | undefined;
  const writer = createEventWriter(client, {
    maxBatch: tuning.maxBatch,
    forwardUrls: forward.urls,
    forwardGiveUpMs: forward.giveUpMs,
    logger,
    onNewEvents: () => forwarder?.wake(),
  });

  const maintenance = (async () => {
    const orphaned = await failUnconfiguredDeliveries(client, forward.urls, now());
    if (orphaned > 0) logger.warn("pending deliveries to URLs no longer configured were marked failed", { deliveries: orphaned });
    if (forward.urls.length > 0 && forward.secret) {
      forwarder = startForwarder(client, { ...forward, secret: forward.secret, logger, now });
    }
  })().catch((error) => logger.error("forwarding did not start", { error: error as Error }));

  const pruneExpired = async () => {
    try {
      const removed = await removeExpiredEvents(client, { now: now(), keepDays: settings.eventsKeepDays });
      if (removed > 0) logger.info("expired notifications removed", { events: removed, keepDays: settings.eventsKeepDays });
    } catch (error) {
      logger.error("removing expired notifications failed", { error: error as Error });
    }
  };
  const retentionTimer = settings.eventsKeepDays > 0 ? setInterval(pruneExpired, RETENTION_INTERVAL_MS) : undefined;
  if (retentionTimer) void pruneExpired();

  return {
    store: writer.store,
    async stop() {
      clearInterval(retentionTimer);
      await writer.drain();
      await maintenance;
      await forwarder?.stop();
      if (ownClient) client.close();
    },
  };
}
