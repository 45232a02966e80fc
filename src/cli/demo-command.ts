import { parseArgs } from "node:util";
import exampleRosterCsv from "../../examples/students.csv" with { type: "text" };
import { readEnvironment } from "../config/environment";
import { formatSettingProblem, loadSettings } from "../config/settings";
import { createLogger } from "../log/logger";
import { startServer } from "../server";
import { notificationBody, sendToWebhook, verifyRespondentBody } from "../simulator/platform-client";
import { CLI_TEXT } from "./cli-text";
import { EXIT, type CommandIo, type ExitCode } from "./command-io";
import { importCsvText } from "./import-command";
import { openMigratedDatabase } from "./startup";

export const DEMO_HELP = {
  sw: `Matumizi: mlango demo [--no-wait]

Onyesho la Mlango kwenye hifadhidata yake yenyewe, data/mlango-demo.db, ili orodha halisi ya
shule isiguswe: inaanzisha seva kwenye 127.0.0.1, inaingiza wanafunzi wa mfano
(examples/students.csv), inatuma maombi ya ExamJoint (verify sahihi na yasiyo sahihi, na taarifa
zote), kisha inaacha ukurasa wa hali wazi hadi ubonyeze Ctrl+C. Inatumia MLANGO_PORT (kawaida 8080),
MLANGO_LANG, MLANGO_LOG_FORMAT na mipangilio ya argon2; mingine yote ni ya onyesho, na hakuna
taarifa inayotumwa nje.

  --no-wait   simamisha seva baada ya maombi badala ya kuiacha wazi`,
  en: `Usage: mlango demo [--no-wait]

A demo of Mlango on an embedded database of its own, data/mlango-demo.db, so a school's real
roster is never touched: starts the server on 127.0.0.1, imports the sample students
(examples/students.csv), sends ExamJoint's requests (accepted and rejected verifications, every
notification), then leaves the status page up until you press Ctrl+C. It takes MLANGO_PORT
(default 8080), MLANGO_LANG, MLANGO_LOG_FORMAT and the argon2 settings; every other setting is the
demo's own, and nothing is forwarded.

  --no-wait   stop the server after the requests instead of leaving it up`,
};

/**
 * The demo's own settings. It must never write to the school's roster or pass
 * demo notifications to the school's systems, so only these operator settings
 * are taken from the environment.
 */
const DEMO_SETTINGS = {
  MLANGO_CLIENT_ID: "demo-client",
  MLANGO_CLIENT_SECRET: "demo-secret-change-me",
  MLANGO_ADMIN_PASSWORD: "demo-admin",
  MLANGO_HOST: "127.0.0.1",
  MLANGO_DATABASE_URL: "file:data/mlango-demo.db",
};
const OPERATOR_SETTINGS_KEPT = ["MLANGO_PORT", "MLANGO_LANG", "MLANGO_LOG_FORMAT", "MLANGO_ARGON2_MEMORY_KIB", "MLANGO_ARGON2_TIME_COST"];

export async function demoCommand(io: CommandIo, args: string[]): Promise<ExitCode> {
  const { values } = parseArgs({ args, options: { "no-wait": { type: "boolean", default: false } } });
  const operatorEnv = withoutEmpty(readEnvironment(io.cwd, io.env));
  const kept = Object.fromEntries(OPERATOR_SETTINGS_KEPT.filter((name) => name in operatorEnv).map((name) => [name, operatorEnv[name]!]));
  const env = { ...DEMO_SETTINGS, ...kept };
  const result = loadSettings(env, []);
  if (!result.ok) {
    io.err(`${CLI_TEXT.sw.settingsInvalid} | ${CLI_TEXT.en.settingsInvalid}`);
    for (const problem of result.problems) io.err(`  ${formatSettingProblem(problem)}`);
    return EXIT.usage;
  }
  const settings = result.settings;
  const sw = settings.lang === "sw";

  // The demo makes its own database on purpose.
  const handle = await openMigratedDatabase(io, settings, { announceNewFile: false });
  if (!handle) return EXIT.failed;

  io.out(sw ? "1. Kuingiza wanafunzi wa mfano (examples/students.csv):" : "1. Importing the sample students (examples/students.csv):");
  const imported = await importCsvText(io, settings, handle.db, exampleRosterCsv, false);
  if (imported !== EXIT.ok) {
    handle.close();
    return imported;
  }

  const logger = createLogger({ format: settings.logFormat, minLevel: "warn" });
  const server = startServer(settings, handle, logger);
  const webhookUrl = `${server.url}/webhook`;
  const credentials = { clientId: settings.clientId!, clientSecret: settings.clientSecret! };
  io.out(sw ? `2. Seva inaendesha: ${server.url}` : `2. The server is running: ${server.url}`);

  io.out(sw ? "3. Maombi ya ExamJoint:" : "3. ExamJoint's requests:");
  const requests: [string, unknown][] = [
    ["verify (sw) DSM/2024/0001 + simba123", verifyRespondentBody(["DSM/2024/0001", "simba123"], "demo-exam", "sw")],
    ["verify (en) dsm/2024/0002 + twiga456", verifyRespondentBody([" dsm/2024/0002", "twiga456"], "demo-exam", "en")],
    ["verify (ru) DSM/2024/0001 + wrong", verifyRespondentBody(["DSM/2024/0001", "wrong"], "demo-exam", "ru")],
    ["verify (fr) UNKNOWN-999 + simba123", verifyRespondentBody(["UNKNOWN-999", "simba123"], "demo-exam", "fr")],
    ["admitted_respondent", notificationBody("admitted_respondent", "resp-0001", "demo-exam", Date.now())],
    ["result_ready", notificationBody("result_ready", "resp-0001", "demo-exam", Date.now())],
    ["investigation_complete", notificationBody("investigation_complete", "resp-0001", "demo-exam", Date.now())],
    ["result_ready (repeat)", notificationBody("result_ready", "resp-0001", "demo-exam", Date.now())],
  ];
  let failed = false;
  for (const [label, body] of requests) {
    const reply = await sendToWebhook(webhookUrl, credentials, body);
    io.out(`   ${label} → HTTP ${reply.status} ${JSON.stringify(reply.body)} (${reply.latencyMs} ms)`);
    if (reply.status !== 200) failed = true;
  }

  const password = settings.adminPassword ?? "";
  io.out(
    sw
      ? `4. Ukurasa wa hali: ${server.url}/ (nenosiri la msimamizi: ${password})`
      : `4. Status page: ${server.url}/ (admin password: ${password})`,
  );

  if (!values["no-wait"]) {
    io.out(sw ? "   Bonyeza Ctrl+C kusimamisha." : "   Press Ctrl+C to stop.");
    await new Promise<void>((resolve) => {
      process.once("SIGINT", resolve);
      process.once("SIGTERM", resolve);
    });
  }
  await server.stop();
  handle.close();
  return failed ? EXIT.failed : EXIT.ok;
}

function withoutEmpty(env: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== ""));
}
