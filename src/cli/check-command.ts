import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import type { Settings } from "../config/settings";
import { existsSync } from "node:fs";
import { databaseFilePath, openDatabase } from "../db/client";
import { innermostErrorMessage } from "../db/error-message";
import { embeddedMigrations, MIGRATIONS_TABLE } from "../db/migrate";
import type { OperatorLanguage } from "../i18n/operator-language";
import { sendToWebhook, verifyRespondentBody, type PlatformCredentials } from "../simulator/platform-client";
import { checkText, type CheckTextKey } from "./check-text";
import { connectionFailure } from "./connection-error";
import { EXIT, type CommandIo, type ExitCode } from "./command-io";
import { settingsOrReport } from "./startup";

export const CHECK_HELP = {
  sw: `Matumizi: mlango check

Inakagua usanidi kutoka mwanzo hadi mwisho na kuonyesha kilichopita na cha kurekebisha:
  mipangilio; hifadhidata na maboresho yake; GET MLANGO_PUBLIC_URL/health;
  verify_respondent yenye vichwa vya ExamJoint (kitambulisho cha majaribio, mtihani mlango-check);
  ombi lenye client secret isiyo sahihi (lazima likataliwe);
  taarifa ya aina mlango_check (inahifadhiwa kama tukio lisilojulikana).
Seva (mlango serve) lazima iwe inaendesha. Inamaliza kwa hali 0 tu ukaguzi wote ukipita.`,
  en: `Usage: mlango check

Checks the setup end to end and prints what passed and what to fix:
  the settings; the database and its migrations; GET MLANGO_PUBLIC_URL/health;
  a verify_respondent with ExamJoint's headers (a probe identifier, exam mlango-check);
  a request with a wrong client secret (must be rejected);
  a notification of type mlango_check (stored as an unknown event).
The server (mlango serve) must be running. Exits with status 0 only when every check passed.`,
};

/** The exam id and event type the probes use, so they are easy to recognise on the status page. */
export const CHECK_EXAM_ID = "mlango-check";
export const CHECK_EVENT = "mlango_check";

/** A verification slower than this fails the check, well inside the platform's 60 s budget. */
const SLOW_VERIFY_MS = 10_000;

interface CheckResult {
  passed: boolean;
  name: string;
  detail: string;
  fix?: string;
}

export async function checkCommand(io: CommandIo): Promise<ExitCode> {
  const settings = settingsOrReport(io, { forServe: true });
  if (!settings) return EXIT.usage;
  const lang = settings.lang;
  const text = (key: CheckTextKey, values?: Record<string, string | number>) => checkText(lang, key, values);

  const results: CheckResult[] = [{ passed: true, name: text("settings"), detail: text("settingsOk") }];
  results.push(await checkDatabase(settings, lang));
  const publicUrl = settings.publicUrl;
  if (!publicUrl) {
    results.push({ passed: false, name: text("publicUrl"), detail: text("publicUrlMissing"), fix: text("publicUrlMissingFix") });
  } else {
    const credentials = { clientId: settings.clientId!, clientSecret: settings.clientSecret! };
    results.push(...(await checkWebhook(publicUrl, credentials, lang)));
  }

  for (const result of results) {
    io.out(`${result.passed ? "✓" : "✗"} ${text(result.passed ? "passed" : "failed")}  ${result.name}: ${result.detail}`);
    if (result.fix) io.out(`    ${text("fix")}: ${result.fix}`);
  }
  const failed = results.filter((result) => !result.passed).length;
  if (failed === 0) {
    io.out(text("summaryOk", { count: results.length, url: publicUrl ?? "" }));
    // Plain http works on a trusted network, but students' passwords then cross it unencrypted.
    if (publicUrl?.startsWith("http://")) io.out(text("plainHttpWarning"));
    return EXIT.ok;
  }
  io.err(text("summaryFailed", { failed, count: results.length }));
  return EXIT.failed;
}

/** Opens the database without migrating it and compares its applied migrations with this build's. */
async function checkDatabase(settings: Settings, lang: OperatorLanguage): Promise<CheckResult> {
  const name = checkText(lang, "database");
  const notMigrated = { passed: false, name, detail: checkText(lang, "migrationsPending", { count: embeddedMigrations.length }), fix: checkText(lang, "migrationsPendingFix") };
  // Opening a missing file would create it; a check should leave no trace.
  const filePath = databaseFilePath(settings.databaseUrl);
  if (filePath && !existsSync(filePath)) return notMigrated;

  let handle;
  try {
    handle = await openDatabase(settings.databaseUrl, settings.databaseAuthToken);
    const applied = await handle.db.values<[number]>(sql`SELECT created_at FROM ${sql.identifier(MIGRATIONS_TABLE)}`);
    const appliedTimes = new Set(applied.map((row) => Number(row[0])));
    const newestKnown = Math.max(...embeddedMigrations.map((migration) => migration.folderMillis));
    const pending = embeddedMigrations.filter((migration) => !appliedTimes.has(migration.folderMillis)).length;

    if ([...appliedTimes].some((time) => time > newestKnown)) {
      return { passed: false, name, detail: checkText(lang, "migrationsNewer"), fix: checkText(lang, "migrationsNewerFix") };
    }
    if (pending > 0) {
      return { passed: false, name, detail: checkText(lang, "migrationsPending", { count: pending }), fix: checkText(lang, "migrationsPendingFix") };
    }
    return { passed: true, name, detail: checkText(lang, "databaseOk", { count: embeddedMigrations.length }) };
  } catch (error) {
    const message = innermostErrorMessage(error);
    // A database that has never been migrated has no bookkeeping table yet.
    if (/no such table/.test(message)) return notMigrated;
    return { passed: false, name, detail: checkText(lang, "databaseFailed", { url: settings.databaseUrl, error: message }), fix: checkText(lang, "databaseFailedFix") };
  } finally {
    handle?.close();
  }
}

/**
 * Plays the platform against the public URL: the health endpoint, a
 * verify_respondent with the configured pair, the same with a wrong secret,
 * and a notification. Stops after the first unreachable address, since the
 * rest would fail for the same reason.
 */
async function checkWebhook(publicUrl: string, credentials: PlatformCredentials, lang: OperatorLanguage): Promise<CheckResult[]> {
  const text = (key: CheckTextKey, values?: Record<string, string | number>) => checkText(lang, key, values);
  const webhookUrl = `${publicUrl}/webhook`;
  const results: CheckResult[] = [];
  const unreachable = (name: string, error: unknown): CheckResult => ({
    passed: false,
    name,
    detail: text("unreachable", { error: connectionFailure(error) }),
    fix: text("unreachableFix"),
  });

  const healthName = text("health", { url: publicUrl });
  try {
    const response = await fetch(`${publicUrl}/health`, { signal: AbortSignal.timeout(30_000) });
    const body = await response.text();
    results.push(
      response.status === 200
        ? { passed: true, name: healthName, detail: text("healthOk") }
        : { passed: false, name: healthName, detail: text("healthBad", { status: response.status, detail: failedChecks(body) }), fix: text("healthBadFix", { url: publicUrl }) },
    );
  } catch (error) {
    return [unreachable(healthName, error)];
  }

  const verifyName = text("verify", { url: webhookUrl });
  const probe = verifyRespondentBody([`mlango-check-${randomUUID()}`, randomUUID()], CHECK_EXAM_ID, lang);
  try {
    const reply = await sendToWebhook(webhookUrl, credentials, probe);
    const body = reply.body as Record<string, unknown> | undefined;
    const answered = reply.status === 200 && typeof body === "object" && body !== null && (typeof body.errorMessage === "string" || typeof body.metadata === "object");
    const seconds = (reply.latencyMs / 1000).toFixed(2);
    if (!answered) {
      const fix = reply.status === 401 ? text("verifyUnauthorizedFix") : text("verifyBadFix");
      results.push({ passed: false, name: verifyName, detail: text("verifyBad", { status: reply.status, detail: JSON.stringify(reply.body).slice(0, 300) }), fix });
    } else if (reply.latencyMs > SLOW_VERIFY_MS) {
      results.push({ passed: false, name: verifyName, detail: text("verifySlow", { seconds }), fix: text("verifySlowFix") });
    } else {
      results.push({ passed: true, name: verifyName, detail: text("verifyOk", { seconds }) });
    }
  } catch (error) {
    results.push(unreachable(verifyName, error));
    return results;
  }

  const wrongName = text("wrongSecret");
  try {
    const reply = await sendToWebhook(webhookUrl, { clientId: credentials.clientId, clientSecret: `${credentials.clientSecret}-wrong` }, probe);
    results.push(
      reply.status === 401
        ? { passed: true, name: wrongName, detail: text("wrongSecretOk") }
        : { passed: false, name: wrongName, detail: text("wrongSecretBad", { status: reply.status }), fix: text("wrongSecretBadFix") },
    );
  } catch (error) {
    results.push(unreachable(wrongName, error));
  }

  const notificationName = text("notification", { url: webhookUrl });
  try {
    const body = { event: CHECK_EVENT, respondent_id: `mlango-check-${randomUUID()}`, exam_id: CHECK_EXAM_ID, sentAt: Date.now() };
    const reply = await sendToWebhook(webhookUrl, credentials, body);
    const stored = reply.status >= 200 && reply.status < 300;
    const fix = reply.status === 401 ? text("verifyUnauthorizedFix") : text("verifyBadFix");
    results.push(
      stored
        ? { passed: true, name: notificationName, detail: text("notificationOk", { status: reply.status }) }
        : { passed: false, name: notificationName, detail: text("verifyBad", { status: reply.status, detail: JSON.stringify(reply.body).slice(0, 300) }), fix },
    );
  } catch (error) {
    results.push(unreachable(notificationName, error));
  }
  return results;
}

/** Lists the failed checks of a /health body with their error, such as `backup (ENOENT: ...)`. Other bodies are cut to 300 characters. */
function failedChecks(body: string): string {
  try {
    const parsed = JSON.parse(body) as { checks?: Record<string, { state?: string; error?: string; last?: { error?: string } }> };
    const failed = Object.entries(parsed.checks ?? {}).filter(([, check]) => check?.state === "fail");
    if (failed.length > 0) {
      return failed
        .map(([name, check]) => {
          const error = check.error ?? check.last?.error;
          return error ? `${name} (${error.slice(0, 120)})` : name;
        })
        .join(", ");
    }
  } catch {
    // Not our JSON (a proxy's error page, for example), so its start is shown.
  }
  return body.slice(0, 300);
}
