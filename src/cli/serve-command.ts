import { createLogger } from "../log/logger";
import { startServer } from "../server";
import { cliText } from "./cli-text";
import { EXIT, type CommandIo, type ExitCode } from "./command-io";
import { openMigratedDatabase, settingsOrReport } from "./startup";

export const SERVE_HELP = {
  sw: `Matumizi: mlango serve

Inaanzisha seva: POST /webhook kwa ExamJoint, GET / ukurasa wa hali, GET /health kwa ufuatiliaji.
Inahitaji MLANGO_CLIENT_ID, MLANGO_CLIENT_SECRET na MLANGO_ADMIN_PASSWORD.
Inasikiliza kwenye MLANGO_HOST:MLANGO_PORT (kawaida 0.0.0.0:8080).`,
  en: `Usage: mlango serve

Starts the server: POST /webhook for ExamJoint, GET / the status page, GET /health for monitors.
Requires MLANGO_CLIENT_ID, MLANGO_CLIENT_SECRET and MLANGO_ADMIN_PASSWORD.
Listens on MLANGO_HOST:MLANGO_PORT (default 0.0.0.0:8080).`,
};

/** Runs the server until SIGINT or SIGTERM, then lets requests in flight finish. */
export async function serveCommand(io: CommandIo): Promise<ExitCode> {
  const settings = settingsOrReport(io, { forServe: true });
  if (!settings) return EXIT.usage;

  const handle = await openMigratedDatabase(io, settings);
  if (!handle) return EXIT.failed;

  const logger = createLogger({ format: settings.logFormat });
  let server;
  try {
    server = startServer(settings, handle.db, logger);
  } catch (error) {
    io.err(`${(error as Error).message} (MLANGO_HOST=${settings.host}, MLANGO_PORT=${settings.port})`);
    handle.close();
    return EXIT.failed;
  }
  logger.info("server started", { url: server.url, database: handle.url.startsWith("file:") ? handle.url : "remote" });
  io.out(cliText(settings.lang, "listening", { url: server.url }));

  await new Promise<void>((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
  });

  io.out(cliText(settings.lang, "stopping"));
  await server.stop();
  handle.close();
  logger.info("server stopped");
  return EXIT.ok;
}
