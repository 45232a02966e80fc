import { fillTemplate } from "../i18n/fill-template";
import type { OperatorLanguage } from "../i18n/operator-language";

/** Command-line texts in Swahili and English; `{name}` marks a value filled in by `format`. */
export const CLI_TEXT = {
  sw: {
    usage: `Matumizi: mlango <amri> [chaguo]

Amri:
  serve                      anzisha seva (webhook, ukurasa wa hali, /health)
  import FAILI.csv           ingiza orodha ya wanafunzi (--dry-run kukagua tu)
  import-photos FOLDA        hifadhi picha za wanafunzi (jina la faili = kitambulisho)
  enroll EXAM_ID FAILI.csv   sajili wanafunzi wa faili kwa mtihani mmoja
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
    settingsInvalid: "Baadhi ya mipangilio haipo au si sahihi; rekebisha haya kisha uanze tena:",
    listening: "Mlango inasikiliza kwenye {url} (webhook: {url}/webhook)",
    migrationsApplied: "Hifadhidata: maboresho {count} yametumika",
    databaseFailed: "Imeshindwa kufungua hifadhidata {url}: {error}",
    pathIsFolder: "{name} ni folda, si faili. Taja faili lenyewe, kwa mfano {name}/{example}.",
    pathIsFile: "{name} ni faili, si folda. Taja folda yenye picha.",
    folderMissing: "Folda {name} haipo (au ni faili, si folda). Iunde kwanza (mkdir -p {name}) au chagua folda nyingine.",
    wouldDisable: "Onyo: wanafunzi {count} wasiokuwemo kwenye faili wangesimamishwa: {identifiers}",
    disabledStudents: "Wanafunzi {count} wasiokuwemo kwenye faili wamesimamishwa: {identifiers}",
    emptySecretCells: "Onyo: wanafunzi {count} wana kisanduku cha nenosiri kilicho tupu na wataingia kwa namba yao peke yake: {identifiers}",
    listenFailed: "Imeshindwa kusikiliza kwenye {host}:{port} ({error}). Huenda Mlango nyingine au programu nyingine tayari inatumia port hiyo (angalia kwa: ss -ltnp), au MLANGO_HOST si anwani ya kompyuta hii. Badilisha MLANGO_PORT au MLANGO_HOST, au simamisha programu hiyo.",
    studentsWithoutSecret: "Onyo: wanafunzi {count} kwenye orodha nzima (si faili hili tu) hawana nenosiri, kwa hiyo wataingia kwa namba yao peke yake. Ikiwa si hivyo ulivyokusudia, jaza safu ya nenosiri kisha uingize faili tena.",
    databaseCannotOpen: "Njia hiyo si faili la hifadhidata linaloweza kufunguliwa (labda ni folda, au folda yake haiandikiki). Weka MLANGO_DATABASE_URL=file:njia/ya/mlango.db.",
    stopping: "Inasimama...",
    fileNotFound: "Faili halipatikani: {name}. Angalia njia ya faili kisha ujaribu tena.",
    importProblems: "Matatizo kwenye faili: {count}. Hakuna kilichobadilishwa:",
    moreProblems: "...na matatizo mengine {count} (rekebisha haya kwanza kisha ujaribu tena)",
    importFileShape: "Faili: usimbaji {encoding} ({encodingHow}), kitenganishi {delimiter} ({delimiterHow})",
    detected: "imegunduliwa",
    importColumns: "Safu: {plan}",
    importCounts: "Hesabu: wapya {added}, waliosasishwa {updated}, wasiobadilika {unchanged}, waliosimamishwa {disabled}, waliorukwa {skipped}, waliokataliwa {rejected}.",
    importDone: "Imekamilika: wameongezwa {added}, wamesasishwa {updated}, hawajabadilika {unchanged}, wamesimamishwa {disabled}, wamerukwa {skipped}, wamekataliwa {rejected}.",
    importDryRun: "Ukaguzi tu (--dry-run): hakuna kilichohifadhiwa. Kama ingeingizwa: wangeongezwa {added}, wangesasishwa {updated}, hawangebadilika {unchanged}, wangesimamishwa {disabled}, wangerukwa {skipped}, wangekataliwa {rejected}.",
    importPreview: "Rekodi {count} za kwanza kama zitakavyohifadhiwa (nenosiri linaonyeshwa kwa aina ya hash tu):",
    importLocked: "Uingizaji mwingine unaendelea (mchakato {pid} kwenye {host}); subiri umalize kisha ujaribu tena.",
    importProgress: "Rekodi {rows} ({percent}%), manenosiri {hashed} yamesimbwa",
    importMerging: "Inaandika orodha kwenye hifadhidata...",
    importFailed: "Uingizaji umeshindwa: {error}. Hakuna kilichobadilishwa kwenye orodha; rekebisha tatizo kisha ujaribu tena.",
    importHashed: "Manenosiri {count} yamesimbwa kwa argon2id ndani ya sekunde {seconds} ({perSecond} kwa sekunde).",
    invalidFlag: "{flag} {value} si sahihi; tumia: {expected}.",
    photoUnmatched: "{name}: hakuna mwanafunzi mwenye kitambulisho {identifier}",
    photoTooLarge: "{name}: faili ni kubwa kuliko MiB 10; punguza ukubwa wake",
    photoInvalid: "{name}: si picha ya JPEG au PNG; ihifadhi upya kama JPEG",
    photoSmall: "{name}: {width}×{height} px, ndogo kuliko 1500×1500 inayopendekezwa kwa utambuzi wa uso (imehifadhiwa)",
    photosDone: "Picha: zimehifadhiwa {stored}, hazina mwanafunzi {unmatched}, zimekataliwa {invalid}, ndogo {small}.",
    photosDryRun: "Ukaguzi tu (--dry-run): hakuna kilichohifadhiwa. Zingehifadhiwa {stored}, hazina mwanafunzi {unmatched}, zingekataliwa {invalid}, ndogo {small}.",
    photosNeedPublicUrl: "MLANGO_PUBLIC_URL haijawekwa: seva haitatuma viungo vya picha hadi uiweke.",
    enrollDone: "Mtihani {exam}: wanafunzi {listed} kwenye faili, wapya {added}; sasa wamesajiliwa {total}.",
    enrollNotRequired: "Kumbuka: mtihani {exam} haujawekwa kuhitaji usajili, hivyo kila mwanafunzi anaruhusiwa. Weka kwa: mlango exam set {exam} --fields identifier,secret --require-enrollment",
    examSaved: "Mtihani {name}: sehemu {fields}{enrollment}",
    enrollmentRequired: ", usajili unahitajika",
    fieldsInvalid: "--fields si sahihi ({reason}). Tumia majukumu yaliyotenganishwa kwa koma: identifier, email, secret, ignore.",
    missingArgument: "Kinakosekana: {name}. Andika mlango {command} --help.",
    unknownEvent: "Tukio lisilojulikana: {name}. Tumia verify, admitted, result, investigation au all.",
    invalidUrl: "Anwani si sahihi: {name}. Tumia anwani kamili ya http:// au https://, kwa mfano http://127.0.0.1:8080/webhook.",
    invalidAdmittedOn: "--admitted-on si sahihi: {name}. Weka milisekunde tangu 1970, kwa mfano 1719221380326.",
    simulateFailed: "Imeshindwa kufikia {url}: {error}. Je, seva inaendesha? Anzisha kwa: mlango serve",
    examPosition: "  nafasi {position}: {role}",
    examListEmpty: "Hakuna mtihani wenye mpangilio wake wa sehemu.",
    examListDefault: "Mitihani mingine yote: sehemu {fields} (MLANGO_FIELDS)",
    examActionInvalid: "Kitendo kisichojulikana: {name}. Tumia mlango exam set EXAM_ID --fields ... au mlango exam list.",
    databaseCreated: "Hifadhidata mpya tupu imeundwa: {path}. Kama ulitarajia orodha iliyopo, kagua MLANGO_DATABASE_URL: huenda kuna kosa la kuandika, au njia si kamili na hivyo inategemea folda unamoendesha amri.",
    backupFolderUnusable: "MLANGO_BACKUP_DIR={path} haiwezi kutumika ({error}). Weka folda ambayo mtumiaji wa Mlango anaweza kuiandikia, au ondoa mpangilio huu ili kuzima nakala zinazopangwa.",
    tlsUnreadable: "{name}={path} haisomeki ({error}). Weka njia ya faili la PEM ambalo mtumiaji wa Mlango anaweza kulisoma.",
    backupNeedsFile: "Nakala zinawezekana kwa hifadhidata ya file: tu; kwa seva ya libSQL tumia nakala za seva hiyo.",
    backupExists: "Faili {name} lipo tayari. Chagua jina jipya au lifute kwanza.",
    backupDone: "Nakala imehifadhiwa: {name} (baiti {bytes}).",
    backupFailed: "Imeshindwa kuchukua nakala kwenda {name}: {error}",
    restoreConfirm: "Data YOTE ya sasa kwenye {database} itabadilishwa na ya {name}. Andika ndiyo kuendelea:",
    restoreCancelled: "Imesitishwa; hakuna kilichobadilishwa.",
    restoreSafetyCopy: "Nakala ya data ya sasa imehifadhiwa kwanza: {name}",
    restoreDone: "Imerejeshwa kutoka {name}: majedwali {tables}, rekodi {rows}. Seva inayoendesha inaona data hii mara moja.",
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
  import-photos FOLDER       store student photos (file name = identifier)
  enroll EXAM_ID FILE.csv    enroll the students in a file in one exam
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
    settingsInvalid: "Some settings are missing or wrong; fix these and start again:",
    listening: "Mlango is listening on {url} (webhook: {url}/webhook)",
    migrationsApplied: "Database: {count} migrations applied",
    databaseFailed: "Could not open the database {url}: {error}",
    pathIsFolder: "{name} is a folder, not a file. Name the file itself, for example {name}/{example}.",
    pathIsFile: "{name} is a file, not a folder. Name the folder that holds the photos.",
    folderMissing: "The folder {name} does not exist (or is a file, not a folder). Create it first (mkdir -p {name}) or choose another folder.",
    wouldDisable: "Warning: {count} students missing from the file would be disabled: {identifiers}",
    disabledStudents: "{count} students missing from the file were disabled: {identifiers}",
    emptySecretCells: "Warning: {count} students have an empty secret cell and would be admitted on their identifier alone: {identifiers}",
    listenFailed: "Could not listen on {host}:{port} ({error}). Another Mlango or another program may already use that port (see: ss -ltnp), or MLANGO_HOST is not an address of this machine. Change MLANGO_PORT or MLANGO_HOST, or stop that program.",
    studentsWithoutSecret: "Warning: {count} students on the whole roster (not only this file) have no secret, so they are admitted on their identifier alone. If that is not intended, fill in the secret column and import the file again.",
    databaseCannotOpen: "That path is not a database file that can be opened (perhaps it is a folder, or its folder is not writable). Set MLANGO_DATABASE_URL=file:path/to/mlango.db.",
    stopping: "Stopping...",
    fileNotFound: "File not found: {name}. Check the path and try again.",
    importProblems: "Problems in the file: {count}. Nothing was changed:",
    moreProblems: "...and {count} more problems (fix these first, then try again)",
    importFileShape: "File: encoding {encoding} ({encodingHow}), delimiter {delimiter} ({delimiterHow})",
    detected: "detected",
    importColumns: "Columns: {plan}",
    importCounts: "Counts: {added} new, {updated} changed, {unchanged} unchanged, {disabled} to disable, {skipped} skipped, {rejected} rejected.",
    importDone: "Done: {added} added, {updated} updated, {unchanged} unchanged, {disabled} disabled, {skipped} skipped, {rejected} rejected.",
    importDryRun: "Dry run (--dry-run): nothing was stored. An import would add {added}, update {updated}, leave {unchanged} unchanged, disable {disabled}, skip {skipped}, reject {rejected}.",
    importPreview: "The first {count} rows as they will be stored (secrets shown only as the kind of hash):",
    importLocked: "Another import is running (process {pid} on {host}); wait for it to finish and try again.",
    importProgress: "{rows} records ({percent}%), {hashed} secrets hashed",
    importMerging: "Writing the roster to the database...",
    importFailed: "The import failed: {error}. Nothing in the roster was changed; fix the cause and try again.",
    importHashed: "{count} secrets hashed with argon2id in {seconds} s ({perSecond} per second).",
    invalidFlag: "{flag} {value} is invalid; use: {expected}.",
    photoUnmatched: "{name}: no student has the identifier {identifier}",
    photoTooLarge: "{name}: the file is larger than 10 MiB; make it smaller",
    photoInvalid: "{name}: not a JPEG or PNG image; save it again as JPEG",
    photoSmall: "{name}: {width}×{height} px, under the 1500×1500 recommended for face detection (stored)",
    photosDone: "Photos: {stored} stored, {unmatched} without a student, {invalid} rejected, {small} small.",
    photosDryRun: "Dry run (--dry-run): nothing was stored. {stored} would be stored, {unmatched} without a student, {invalid} rejected, {small} small.",
    photosNeedPublicUrl: "MLANGO_PUBLIC_URL is not set: the server sends no photo links until you set it.",
    enrollDone: "Exam {exam}: {listed} students in the file, {added} newly enrolled; {total} enrolled now.",
    enrollNotRequired: "Note: exam {exam} is not set to require enrollment, so every student is admitted. Set it with: mlango exam set {exam} --fields identifier,secret --require-enrollment",
    examSaved: "Exam {name}: fields {fields}{enrollment}",
    enrollmentRequired: ", enrollment required",
    fieldsInvalid: "--fields is invalid ({reason}). Use comma-separated roles: identifier, email, secret, ignore.",
    missingArgument: "Missing: {name}. Run mlango {command} --help.",
    unknownEvent: "Unknown event: {name}. Use verify, admitted, result, investigation or all.",
    invalidUrl: "Invalid address: {name}. Use a full http:// or https:// address, for example http://127.0.0.1:8080/webhook.",
    invalidAdmittedOn: "--admitted-on is invalid: {name}. Set milliseconds since 1970, for example 1719221380326.",
    simulateFailed: "Could not reach {url}: {error}. Is the server running? Start it with: mlango serve",
    examPosition: "  position {position}: {role}",
    examListEmpty: "No exam has its own field mapping.",
    examListDefault: "All other exams: fields {fields} (MLANGO_FIELDS)",
    examActionInvalid: "Unknown action: {name}. Use mlango exam set EXAM_ID --fields ... or mlango exam list.",
    databaseCreated: "Created a new, empty database: {path}. If you expected the existing roster, check MLANGO_DATABASE_URL for a typo, or for a relative path that depends on the folder you run the command from.",
    backupFolderUnusable: "MLANGO_BACKUP_DIR={path} cannot be used ({error}). Set a folder the Mlango user can write to, or remove the setting to turn scheduled backups off.",
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
