import { createApp } from "./app";
import { startInbox } from "./inbox/inbox";
import { buildDependencies } from "./app-dependencies";
import type { Settings } from "./config/settings";
import type { Database } from "./db/client";
import type { Logger } from "./log/logger";
import { dummyHash } from "./roster/secrets";
import { VERSION } from "./version";

export interface RunningServer {
  /** Base URL the server answers at, e.g. `http://127.0.0.1:8080`. */
  url: string;
  port: number;
  /** Stops accepting connections, waits for requests in flight to finish, then stops the inbox. */
  stop(): Promise<void>;
}

/** Starts the HTTP server for `createApp` with the given settings and database. */
export function startServer(settings: Settings, db: Database, logger: Logger, now: () => number = Date.now): RunningServer {
  const inbox = startInbox(settings, db, logger, now);
  const deps = buildDependencies({ db, settings, logger, now, version: VERSION, inbox });
  // Made now rather than on the first unknown identifier, so that request is not slower than the rest.
  void dummyHash(settings.argon2);
  const app = createApp(deps).listen({
    hostname: settings.host,
    port: settings.port,
    // Our own reader answers an oversized webhook body with a JSON 413; Bun's limit is only a backstop above it.
    maxRequestBodySize: Math.max(settings.maxBodyBytes * 2, 1024 * 1024),
  });

  const server = app.server!;
  const displayHost = settings.host === "0.0.0.0" || settings.host === "::" ? "127.0.0.1" : settings.host;
  const hostInUrl = displayHost.includes(":") ? `[${displayHost}]` : displayHost;
  return {
    url: `http://${hostInUrl}:${server.port}`,
    port: server.port!,
    stop: async () => {
      await app.stop();
      await inbox.stop();
    },
  };
}
