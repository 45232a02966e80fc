import { parseArgs } from "node:util";
import { notificationBody, sendToWebhook, verifyRespondentBody, type PlatformEvent } from "../simulator/platform-client";
import { cliText } from "./cli-text";
import { connectionFailure } from "./connection-error";
import { EXIT, type CommandIo, type ExitCode } from "./command-io";
import { settingsOrReport } from "./startup";

export const SIMULATE_HELP = {
  sw: `Matumizi: mlango simulate <tukio> [chaguo]

Inatuma maombi kama ExamJoint kwa seva inayoendesha, na kuonyesha jibu na muda wake.
Matukio:
  verify --field THAMANI [--field THAMANI ...]   verify_respondent (sehemu kwa mpangilio)
  admitted | result | investigation --respondent ID   taarifa moja
  all --field ... --respondent ID                 verify kisha taarifa zote tatu
Chaguo:
  --url URL         anwani ya webhook (kawaida http://127.0.0.1:MLANGO_PORT/webhook)
  --exam ID         exam_id (kawaida demo-exam)
  --lang CODE       choosenLang (kawaida sw)
  --admitted-on MS  admittedOn kwa milisekunde tangu 1970 (kawaida sasa); rudia ile ile kuiga ExamJoint ikituma tena
Inatumia MLANGO_CLIENT_ID na MLANGO_CLIENT_SECRET kama vichwa vya ombi.`,
  en: `Usage: mlango simulate <event> [options]

Sends requests as ExamJoint does to a running server and prints each reply and its latency.
Events:
  verify --field VALUE [--field VALUE ...]        verify_respondent (fields in page order)
  admitted | result | investigation --respondent ID   one notification
  all --field ... --respondent ID                 verify, then all three notifications
Options:
  --url URL         webhook URL (default http://127.0.0.1:MLANGO_PORT/webhook)
  --exam ID         exam_id (default demo-exam)
  --lang CODE       choosenLang (default sw)
  --admitted-on MS  admittedOn in milliseconds since 1970 (default now); repeat the same value to play a platform retry
Uses MLANGO_CLIENT_ID and MLANGO_CLIENT_SECRET as the request headers.`,
};

const NOTIFICATION_EVENTS: Record<string, PlatformEvent> = {
  admitted: "admitted_respondent",
  result: "result_ready",
  investigation: "investigation_complete",
};

export async function simulateCommand(io: CommandIo, args: string[]): Promise<ExitCode> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      url: { type: "string" },
      exam: { type: "string", default: "demo-exam" },
      lang: { type: "string", default: "sw" },
      field: { type: "string", multiple: true, default: [] },
      respondent: { type: "string" },
      "admitted-on": { type: "string" },
    },
  });
  const settings = settingsOrReport(io, { forServe: false });
  if (!settings) return EXIT.usage;
  const lang = settings.lang;

  const kind = positionals[0];
  if (!kind) {
    io.err(cliText(lang, "missingArgument", { name: "verify | admitted | result | investigation | all", command: "simulate" }));
    return EXIT.usage;
  }
  if (!(kind === "verify" || kind === "all" || kind in NOTIFICATION_EVENTS)) {
    io.err(cliText(lang, "unknownEvent", { name: kind }));
    return EXIT.usage;
  }
  if (!settings.clientId || !settings.clientSecret) {
    io.err(cliText(lang, "missingArgument", { name: "MLANGO_CLIENT_ID, MLANGO_CLIENT_SECRET", command: "simulate" }));
    return EXIT.usage;
  }
  const needsFields = kind === "verify" || kind === "all";
  const needsRespondent = kind !== "verify";
  if (needsFields && values.field!.length === 0) {
    io.err(cliText(lang, "missingArgument", { name: "--field", command: "simulate" }));
    return EXIT.usage;
  }
  if (needsRespondent && !values.respondent) {
    io.err(cliText(lang, "missingArgument", { name: "--respondent", command: "simulate" }));
    return EXIT.usage;
  }

  const url = values.url ?? `http://127.0.0.1:${settings.port}/webhook`;
  if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)) {
    io.err(cliText(lang, "invalidUrl", { name: url }));
    return EXIT.usage;
  }
  // A fixed --admitted-on repeats the very same admission, as a platform retry would.
  const admittedOn = values["admitted-on"] === undefined ? Date.now() : Number(values["admitted-on"]);
  if (!Number.isSafeInteger(admittedOn) || admittedOn < 0) {
    io.err(cliText(lang, "invalidAdmittedOn", { name: values["admitted-on"] ?? "" }));
    return EXIT.usage;
  }
  const credentials = { clientId: settings.clientId, clientSecret: settings.clientSecret };
  const bodies: unknown[] = [];
  if (needsFields) bodies.push(verifyRespondentBody(values.field!, values.exam!, values.lang!));
  let events: PlatformEvent[] = [];
  if (kind === "all") events = Object.values(NOTIFICATION_EVENTS);
  else if (kind in NOTIFICATION_EVENTS) events = [NOTIFICATION_EVENTS[kind]!];
  for (const event of events) bodies.push(notificationBody(event, values.respondent!, values.exam!, admittedOn));

  let allSucceeded = true;
  for (const body of bodies) {
    try {
      const reply = await sendToWebhook(url, credentials, body);
      io.out(`${(body as { event: string }).event} → HTTP ${reply.status} ${JSON.stringify(reply.body)} (${reply.latencyMs} ms)`);
      if (reply.status >= 300) allSucceeded = false;
    } catch (error) {
      io.err(cliText(lang, "simulateFailed", { url, error: connectionFailure(error) }));
      return EXIT.failed;
    }
  }
  return allSucceeded ? EXIT.ok : EXIT.failed;
}
