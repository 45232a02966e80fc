import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadSettings, type Settings } from "../../src/config/settings";
import { openDatabase, type DatabaseHandle } from "../../src/db/client";
import { applyMigrations } from "../../src/db/migrate";
import { createLogger, type Logger } from "../../src/log/logger";
import { startServer, type RunningServer } from "../../src/server";

export const TEST_CREDENTIALS = { clientId: "test-client-id", clientSecret: "test-client-secret-0123456789" };
export const TEST_ADMIN_PASSWORD = "admin-password-for-tests";

/** Fast argon2id settings so that tests with many secrets stay quick; production defaults are far higher. */
export const FAST_ARGON2_ENV = { MLANGO_ARGON2_MEMORY_KIB: "1024", MLANGO_ARGON2_TIME_COST: "1" };

/** A fresh libSQL file in its own temporary folder, migrated. */
export async function createTempDatabase(): Promise<DatabaseHandle & { folder: string; cleanup(): void }> {
  const folder = mkdtempSync(join(tmpdir(), "mlango-test-"));
  const handle = await openDatabase(`file:${join(folder, "mlango.db")}`);
  await applyMigrations(handle.db);
  return {
    ...handle,
    folder,
    cleanup() {
      handle.close();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

export function testSettings(overrides: Record<string, string> = {}, databaseUrl = "file::memory:"): Settings {
  const result = loadSettings(
    {
      MLANGO_CLIENT_ID: TEST_CREDENTIALS.clientId,
      MLANGO_CLIENT_SECRET: TEST_CREDENTIALS.clientSecret,
      MLANGO_ADMIN_PASSWORD: TEST_ADMIN_PASSWORD,
      MLANGO_HOST: "127.0.0.1",
      MLANGO_PORT: "0",
      MLANGO_DATABASE_URL: databaseUrl,
      ...FAST_ARGON2_ENV,
      ...overrides,
    },
    [],
  );
  if (!result.ok) throw new Error(`invalid test settings: ${JSON.stringify(result.problems)}`);
  return result.settings;
}

export interface TestServer {
  url: string;
  webhookUrl: string;
  database: Awaited<ReturnType<typeof createTempDatabase>>;
  settings: Settings;
  logLines: string[];
  server: RunningServer;
  stop(): Promise<void>;
}

/** Starts the real server on 127.0.0.1 with a random port over a fresh database file, capturing its log. `now` replaces the clock. */
export async function startTestServer(overrides: Record<string, string> = {}, now: () => number = Date.now): Promise<TestServer> {
  const database = await createTempDatabase();
  const settings = testSettings(overrides, database.url);
  const logLines: string[] = [];
  const logger: Logger = createLogger({ format: "json", minLevel: "debug", write: (line) => logLines.push(line) });
  const server = startServer(settings, database, logger, now);
  return {
    url: server.url,
    webhookUrl: `${server.url}/webhook`,
    database,
    settings,
    logLines,
    server,
    async stop() {
      await server.stop();
      database.cleanup();
    },
  };
}

/** POSTs a body (object as JSON, or raw text) to the webhook with the test credentials unless headers are given. */
export async function postWebhook(
  webhookUrl: string,
  body: unknown,
  headers: Record<string, string> = { "x-client-id": TEST_CREDENTIALS.clientId, "x-client-secret": TEST_CREDENTIALS.clientSecret },
): Promise<{ status: number; json: any; text: string }> {
  const response = await fetch(webhookUrl, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" || body instanceof Uint8Array ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, json, text };
}

