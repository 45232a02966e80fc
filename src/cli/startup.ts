import { readEnvironment } from "../config/environment";
import { formatSettingProblem, loadSettings, type Settings, SERVE_REQUIRED } from "../config/settings";
import { existsSync } from "node:fs";
import { databaseFilePath, openDatabase, type DatabaseHandle } from "../db/client";
import { innermostErrorMessage } from "../db/error-message";
import { applyMigrations } from "../db/migrate";
import { CLI_TEXT, cliText } from "./cli-text";
import type { CommandIo } from "./command-io";

/**
 * Reads and validates the settings. On failure prints one line per problem in
 * both languages and returns undefined; the caller exits with status 2.
 */
export function settingsOrReport(io: CommandIo, options: { forServe: boolean }): Settings | undefined {
  const env = readEnvironment(io.cwd, io.env);
  const result = loadSettings(env, options.forServe ? SERVE_REQUIRED : []);
  if (result.ok) return result.settings;

  io.err(`${CLI_TEXT.sw.settingsInvalid} | ${CLI_TEXT.en.settingsInvalid}`);
  for (const problem of result.problems) io.err(`  ${formatSettingProblem(problem)}`);
  return undefined;
}

/**
 * Opens the configured database and applies pending migrations. Prints the
 * reason on failure, and a note when a new database file had to be created.
 */
export async function openMigratedDatabase(io: CommandIo, settings: Settings, options: { announceNewFile?: boolean } = {}): Promise<DatabaseHandle | undefined> {
  let handle: DatabaseHandle | undefined;
  const filePath = databaseFilePath(settings.databaseUrl);
  const isNew = (options.announceNewFile ?? true) && filePath !== undefined && !existsSync(filePath);
  try {
    handle = await openDatabase(settings.databaseUrl, settings.databaseAuthToken);
    await applyMigrations(handle.db);
    // A relative path run from another folder would otherwise start an empty roster without a word.
    if (isNew) io.err(cliText(settings.lang, "databaseCreated", { path: filePath }));
    return handle;
  } catch (error) {
    handle?.close();
    const cause = innermostErrorMessage(error);
    io.err(cliText(settings.lang, "databaseFailed", { url: redactUrl(settings.databaseUrl), error: cause }));
    // libSQL reports an unopenable file as ConnectionFailed("...: 14"); 14 is SQLite's SQLITE_CANTOPEN.
    if (/ConnectionFailed|SQLITE_CANTOPEN/.test(cause)) io.err(cliText(settings.lang, "databaseCannotOpen"));
    return undefined;
  }
}

/** Drops any credentials from a URL before it is printed. */
function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    parsed.searchParams.delete("authToken");
    return parsed.toString();
  } catch {
    return url;
  }
}
