import { accessSync, constants, mkdirSync } from "node:fs";
import type { Settings } from "../config/settings";
import { createLogger } from "../log/logger";
import { startServer } from "../server";
import { cliText } from "./cli-text";
import { EXIT, type CommandIo, type ExitCode } from "./command-io";
import { openMigratedDatabase, settingsOrReport } from "./startup";

export const SERVE_HELP = {
  sw: `Matumizi: mlango serve

Inaanzisha seva: POST /webhook kwa ExamJoint, GET / ukurasa wa hali, GET /health kwa ufuatiliaji,
GET /metrics kwa Prometheus (MLANGO_METRICS_TOKEN ikiwekwa).
Inahitaji MLANGO_CLIENT_ID, MLANGO_CLIENT_SECRET na MLANGO_ADMIN_PASSWORD.
Inasikiliza kwenye MLANGO_HOST:MLANGO_PORT (kawaida 0.0.0.0:8080); HTTPS ikiwa MLANGO_TLS_CERT na
MLANGO_TLS_KEY zimewekwa. Inachukua nakala za hifadhidata ikiwa MLANGO_BACKUP_DIR imewekwa.
SIGTERM au Ctrl+C: maombi yanayoendelea yanamalizika kwanza, kisha seva inasimama.`,
  en: `Usage: mlango serve

Starts the server: POST /webhook for ExamJoint, GET / the status page, GET /health for monitors,
GET /metrics for Prometheus (when MLANGO_METRICS_TOKEN is set).
Requires MLANGO_CLIENT_ID, MLANGO_CLIENT_SECRET and MLANGO_ADMIN_PASSWORD.
Listens on MLANGO_HOST:MLANGO_PORT (default 0.0.0.0:8080); HTTPS when MLANGO_TLS_CERT and
MLANGO_TLS_KEY are set. Backs the database up when MLANGO_BACKUP_DIR is set.
SIGTERM or Ctrl+C: requests in flight finish first, then the server stops.`,
};

/** Runs the server until SIGINT or SIGTERM, then lets requests in flight finish. */
export async function serveCommand(io: CommandIo): Promise<ExitCode> {
  const settings = settingsOrReport(io, { forServe: true });
  if (!settings) return EXIT.usage;
  if (!tlsFilesReadable(io, settings)) return EXIT.usage;
  if (!backupFolderUsable(io, settings)) return EXIT.usage;

  const handle = await openMigratedDatabase(io, settings);
  if (!handle) return EXIT.failed;

  const logger = createLogger({ format: settings.logFormat });
  let server;
  try {
    server = startServer(settings, handle, logger);
  } catch (error) {
    const cause = (error as { code?: string }).code ?? (error as Error).message;
    io.err(cliText(settings.lang, "listenFailed", { host: settings.host, port: settings.port, error: cause }));
    handle.close();
    return EXIT.failed;
  }
  logger.info("server started", { url: server.url, database: handle.url.startsWith("file:") ? handle.url : "remote", backups: settings.backup.folder ?? "off" });
  io.out(cliText(settings.lang, "listening", { url: server.url }));
  void server.backups?.runNow();

  const signal = await new Promise<string>((resolve) => {
    process.once("SIGINT", () => resolve("SIGINT"));
    process.once("SIGTERM", () => resolve("SIGTERM"));
  });

  logger.info("server stopping", { signal });
  io.out(cliText(settings.lang, "stopping"));
  await server.stop();
  handle.close();
  logger.info("server stopped");
  return EXIT.ok;
}

/** Checks the TLS files before anything starts, so a wrong path is reported by setting name. */
function tlsFilesReadable(io: CommandIo, settings: Settings): boolean {
  if (!settings.tls) return true;
  for (const [name, path] of [["MLANGO_TLS_CERT", settings.tls.certPath], ["MLANGO_TLS_KEY", settings.tls.keyPath]] as const) {
    try {
      accessSync(path, constants.R_OK);
    } catch (error) {
      io.err(cliText(settings.lang, "tlsUnreadable", { name, path, error: (error as NodeJS.ErrnoException).code ?? (error as Error).message }));
      return false;
    }
  }
  return true;
}

/** Creates the backup folder when needed and checks that it is writable, so a wrong path stops the start instead of failing at the first backup. */
function backupFolderUsable(io: CommandIo, settings: Settings): boolean {
  const folder = settings.backup.folder;
  if (!folder) return true;
  try {
    mkdirSync(folder, { recursive: true });
    accessSync(folder, constants.W_OK);
    return true;
  } catch (error) {
    io.err(cliText(settings.lang, "backupFolderUnusable", { path: folder, error: (error as NodeJS.ErrnoException).code ?? (error as Error).message }));
    return false;
  }
}
