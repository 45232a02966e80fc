import { fillTemplate } from "../i18n/fill-template";
import type { OperatorLanguage } from "../i18n/operator-language";

/** Command-line texts in Swahili and English; `{name}` marks a value filled in by `format`. */
export const CLI_TEXT = {
  sw: {
    usage: `Matumizi: mlango <amri> [chaguo]

Amri:
  serve                      anzisha seva (webhook, ukurasa wa hali, /health)
  import FAILI.csv           ingiza orodha ya wanafunzi (--dry-run kukagua tu)
  simulate <tukio> ...       cheza kama ExamJoint dhidi ya seva inayoendesha
  exam set|list              weka au onyesha maana ya kila sehemu ya ukurasa wa kukaribisha
  events                     onyesha taarifa zilizohifadhiwa (table, csv, jsonl); events retry
  demo                       onyesho: seva + wanafunzi wa mfano + maombi ya ExamJoint
  check                      kagua mipangilio, hifadhidata na webhook kutoka mwanzo hadi mwisho
  backup FAILI.db            chukua nakala ya hifadhidata (hata seva ikiendesha)
  restore FAILI.db           rejesha hifadhidata kutoka nakala (inaomba uthibitisho)

Andika "mlango <amri> --help" kwa maelezo ya amri moja.
Mipangilio yote ni vigezo vya mazingira vinavyoanza na MLANGO_ (faili .env inasomwa pia).`,
    unknownCommand: "Amri isiyojulikana: {name}. Andika mlango --help kuona amri zilizopo.",
    unknownOption: "Chaguo lisilojulikana: {name}. Andika mlango {command} --help kuona chaguo zilizopo.",
    optionNeedsValue: "Chaguo {name} kinahitaji thamani. Andika mlango {command} --help.",
    unexpectedArguments: "mlango {command} haipokei hoja hii: {name}. Mipangilio huwekwa kwa vigezo vya MLANGO_; andika mlango {command} --help.",
    settingsInvalid: "Mipangilio haijakamilika; rekebisha haya kisha uanze tena:",
    listening: "Mlango inasikiliza kwenye {url} (webhook: {url}/webhook)",
    migrationsApplied: "Hifadhidata: maboresho {count} yametumika",
    databaseFailed: "Imeshindwa kufungua hifadhidata {url}: {error}",
    databaseCannotOpen: "Njia hiyo si faili la hifadhidata linaloweza kufunguliwa (labda ni folda, au folda yake haiandikiki). Weka MLANGO_DATABASE_URL=file:njia/ya/mlango.db.",
    stopping: "Inasimama...",
    fileNotFound: "Faili halipatikani: {name}. Angalia njia ya faili kisha ujaribu tena.",
    fileNotUtf8: "Faili {name} si maandishi ya UTF-8. Lihifadhi kama \"CSV UTF-8\" kisha ujaribu tena.",
    importProblems: "Faili lina matatizo {count}; hakuna kilichobadilishwa:",
    importDone: "Imekamilika: wameongezwa {added}, wamesasishwa {updated}, hawajabadilika {unchanged}, mistari tupu iliyorukwa {skipped}.",
    importDryRun: "Ukaguzi tu (--dry-run): hakuna kilichohifadhiwa. Kama ingeingizwa: wangeongezwa {added}, wangesasishwa {updated}, hawangebadilika {unchanged}, mistari tupu {skipped}.",
    hashing: "Inasimba nenosiri {done}/{total}",
    examSaved: "Mtihani {name}: sehemu {fields}{enrollment}",
    enrollmentRequired: ", usajili unahitajika",
    fieldsInvalid: "--fields si sahihi ({reason}). Tumia majukumu yaliyotenganishwa kwa koma: identifier, email, secret, ignore.",
    missingArgument: "Kinakosekana: {name}. Andika mlango {command} --help.",
    simulateFailed: "Imeshindwa kufikia {url}: {error}. Je, seva inaendesha? Anzisha kwa: mlango serve",
    examPosition: "  nafasi {position}: {role}",
    examListEmpty: "Hakuna mtihani wenye mpangilio wake wa sehemu.",
    examListDefault: "Mitihani mingine yote: sehemu {fields} (MLANGO_FIELDS)",
    examActionInvalid: "Kitendo kisichojulikana: {name}. Tumia mlango exam set EXAM_ID --fields ... au mlango exam list.",
    tlsUnreadable: "{name}={path} haisomeki ({error}). Weka njia ya faili la PEM ambalo mtumiaji wa Mlango anaweza kulisoma.",
    backupNeedsFile: "Nakala zinawezekana kwa hifadhidata ya file: tu; kwa seva ya libSQL tumia nakala za seva hiyo.",
    backupExists: "Faili {name} lipo tayari. Chagua jina jipya au lifute kwanza.",
    backupDone: "Nakala imehifadhiwa: {name} (baiti {bytes}).",
    backupFailed: "Imeshindwa kuchukua nakala kwenda {name}: {error}",
    restoreConfirm: "Data YOTE ya sasa kwenye {database} itabadilishwa na ya {name}. Andika ndiyo kuendelea:",
    restoreCancelled: "Imesitishwa; hakuna kilichobadilishwa.",
    restoreSafetyCopy: "Nakala ya data ya sasa imehifadhiwa kwanza: {name}",
    restoreDone: "Imerejeshwa kutoka {name}: majedwali {tables}, safu {rows}. Seva inayoendesha inaona data hii mara moja.",
    restoreNotFound: "Faili halipatikani: {name}. Angalia njia ya faili kisha ujaribu tena.",
    restoreNotSqlite: "{name} si faili la hifadhidata ya SQLite. Chagua nakala iliyotengenezwa na mlango backup.",
    restoreDamaged: "{name} limeharibika ({error}). Chagua nakala nyingine.",
    restoreNotMlango: "{name} si nakala ya Mlango (haina jedwali la maboresho). Chagua nakala iliyotengenezwa na mlango backup.",
    restoreNewerVersion: "{name} imetengenezwa na toleo jipya zaidi la Mlango. Sasisha Mlango kisha ujaribu tena.",
    restoreFailed: "Imeshindwa kurejesha {name}: {error}. Hakuna kilichobadilishwa.",
    eventsUnknownAction: "Kitendo kisichojulikana: {name}. Tumia mlango events au mlango events retry.",
    eventsInvalidFormat: "--format {value} si sahihi. Tumia table, csv au jsonl.",
    eventsInvalidTime: "{value} si muda sahihi. Tumia tarehe kama 2026-06-01, saa kama 2026-06-01T08:00 (UTC), au muda uliopita kama 24h au 7d.",
    eventsInvalidLimit: "--limit {value} si sahihi. Tumia namba kamili kubwa kuliko 0.",
    eventsNone: "Hakuna taarifa zinazolingana.",
    retryWithoutUrls: "MLANGO_FORWARD_URLS haijawekwa, kwa hiyo hakuna cha kutuma tena. Weka anwani na MLANGO_FORWARD_SECRET kwanza.",
    retryQueued: "Zilizorudishwa kwenye foleni: {count}. Seva inayoendesha itazituma ndani ya sekunde moja.",
  },
  en: {
    usage: `Usage: mlango <command> [options]

Commands:
  serve                      start the server (webhook, status page, /health)
  import FILE.csv            import the student roster (--dry-run to check only)
  simulate <event> ...       play ExamJoint against a running server
  exam set|list              set or list what each welcome-page field means per exam
  events                     list stored notifications (table, csv, jsonl); events retry
  demo                       demo: server + sample students + ExamJoint's requests
  check                      check the settings, the database and the webhook end to end
  backup FILE.db             copy the database consistently (also while the server runs)
  restore FILE.db            restore the database from a backup (asks for confirmation)

Run "mlango <command> --help" for one command's options.
Every setting is an environment variable starting with MLANGO_ (a .env file is read too).`,
    unknownCommand: "Unknown command: {name}. Run mlango --help to see the commands.",
    unknownOption: "Unknown option: {name}. Run mlango {command} --help to see the options.",
    optionNeedsValue: "The option {name} needs a value. Run mlango {command} --help.",
    unexpectedArguments: "mlango {command} does not take this argument: {name}. Settings come from MLANGO_ variables; run mlango {command} --help.",
    settingsInvalid: "The settings are incomplete; fix these and start again:",
    listening: "Mlango is listening on {url} (webhook: {url}/webhook)",
    migrationsApplied: "Database: {count} migrations applied",
    databaseFailed: "Could not open the database {url}: {error}",
    databaseCannotOpen: "That path is not a database file that can be opened (perhaps it is a folder, or its folder is not writable). Set MLANGO_DATABASE_URL=file:path/to/mlango.db.",
    stopping: "Stopping...",
    fileNotFound: "File not found: {name}. Check the path and try again.",
    fileNotUtf8: "The file {name} is not UTF-8 text. Save it as \"CSV UTF-8\" and try again.",
    importProblems: "The file has {count} problems; nothing was changed:",
    importDone: "Done: {added} added, {updated} updated, {unchanged} unchanged, {skipped} blank rows skipped.",
    importDryRun: "Dry run (--dry-run): nothing was stored. An import would add {added}, update {updated}, leave {unchanged} unchanged, skip {skipped} blank rows.",
    hashing: "Hashing secrets {done}/{total}",
    examSaved: "Exam {name}: fields {fields}{enrollment}",
    enrollmentRequired: ", enrollment required",
    fieldsInvalid: "--fields is invalid ({reason}). Use comma-separated roles: identifier, email, secret, ignore.",
    missingArgument: "Missing: {name}. Run mlango {command} --help.",
    simulateFailed: "Could not reach {url}: {error}. Is the server running? Start it with: mlango serve",
    examPosition: "  position {position}: {role}",
    examListEmpty: "No exam has its own field mapping.",
    examListDefault: "All other exams: fields {fields} (MLANGO_FIELDS)",
    examActionInvalid: "Unknown action: {name}. Use mlango exam set EXAM_ID --fields ... or mlango exam list.",
    tlsUnreadable: "{name}={path} cannot be read ({error}). Set the path of a PEM file that the Mlango user can read.",
    backupNeedsFile: "Backups work for a file: database only; for a libSQL server use that server's own backups.",
    backupExists: "The file {name} already exists. Choose a new name or delete it first.",
    backupDone: "Backup written: {name} ({bytes} bytes).",
    backupFailed: "Could not write the backup to {name}: {error}",
    restoreConfirm: "ALL current data in {database} will be replaced with that of {name}. Type yes to continue:",
    restoreCancelled: "Cancelled; nothing was changed.",
    restoreSafetyCopy: "A copy of the current data was saved first: {name}",
    restoreDone: "Restored from {name}: {tables} tables, {rows} rows. A running server sees this data at once.",
    restoreNotFound: "File not found: {name}. Check the path and try again.",
    restoreNotSqlite: "{name} is not an SQLite database file. Choose a backup made by mlango backup.",
    restoreDamaged: "{name} is damaged ({error}). Choose another backup.",
    restoreNotMlango: "{name} is not a Mlango backup (it has no migrations table). Choose a backup made by mlango backup.",
    restoreNewerVersion: "{name} was made by a newer Mlango release. Update Mlango, then try again.",
    restoreFailed: "Could not restore {name}: {error}. Nothing was changed.",
    eventsUnknownAction: "Unknown action: {name}. Use mlango events or mlango events retry.",
    eventsInvalidFormat: "--format {value} is invalid. Use table, csv or jsonl.",
    eventsInvalidTime: "{value} is not a valid time. Use a date such as 2026-06-01, a time such as 2026-06-01T08:00 (UTC), or an age such as 24h or 7d.",
    eventsInvalidLimit: "--limit {value} is invalid. Use a whole number greater than 0.",
    eventsNone: "No notifications match.",
    retryWithoutUrls: "MLANGO_FORWARD_URLS is not set, so there is nothing to send again. Set the URLs and MLANGO_FORWARD_SECRET first.",
    retryQueued: "Deliveries queued again: {count}. A running server sends them within a second.",
  },
} satisfies Record<OperatorLanguage, Record<string, string>>;

export type CliTextKey = keyof (typeof CLI_TEXT)["en"];

export function cliText(lang: OperatorLanguage, key: CliTextKey, values: Record<string, string | number> = {}): string {
  return fillTemplate(CLI_TEXT[lang][key], values);
}
