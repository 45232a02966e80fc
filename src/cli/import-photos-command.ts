import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, parse as parsePath, resolve } from "node:path";
import { parseArgs } from "node:util";
import { eq, sql } from "drizzle-orm";
import type { Database } from "../db/client";
import { students, studentPhotos } from "../db/schema";
import { identifierKey } from "../roster/identifier";
import { readImageInfo, type ImageInfo } from "../roster/image-info";
import { STORED_PHOTO } from "../roster/photo-links";
import { cliText } from "./cli-text";
import { EXIT, type CommandIo, type ExitCode } from "./command-io";
import { openMigratedDatabase, settingsOrReport } from "./startup";

export const IMPORT_PHOTOS_HELP = {
  sw: `Matumizi: mlango import-photos FOLDA [--dry-run]

Inahifadhi picha za wanafunzi kutoka FOLDA. Jina la faili bila kiendelezi ni kitambulisho
cha mwanafunzi (000123.jpg); kwa kitambulisho chenye /, andika _ badala yake (CS_2024_0045.png).
Kila faili lazima liwe JPEG au PNG la hadi MiB 10; picha ndogo kuliko 1500×1500 zinahifadhiwa
lakini zinaorodheshwa. Seva inatuma kila picha kwa kiungo kisichokisiwa kinachoisha muda
(MLANGO_PHOTO_LINK_HOURS) chini ya MLANGO_PUBLIC_URL, kama metadata.photo.

  --dry-run   kagua picha na uonyeshe ripoti bila kuhifadhi`,
  en: `Usage: mlango import-photos FOLDER [--dry-run]

Stores student photos from FOLDER. A file's name without its extension is the student's
identifier (000123.jpg); for an identifier with /, write _ instead (CS_2024_0045.png).
Each file must be a JPEG or PNG of at most 10 MiB; photos under 1500×1500 are stored but
listed. The server sends each photo at an unguessable link that expires
(MLANGO_PHOTO_LINK_HOURS) under MLANGO_PUBLIC_URL, as metadata.photo.

  --dry-run   check the photos and print the report without storing anything`,
};

const MAX_PHOTO_BYTES = 10 * 1024 * 1024;
/** The platform recommends photos larger than this in each direction for face detection. */
const RECOMMENDED_PIXELS = 1500;
/** Files that operating systems leave in photo folders. */
const IGNORED_FILES = /^(\..*|thumbs\.db|desktop\.ini)$/i;

export async function importPhotosCommand(io: CommandIo, args: string[]): Promise<ExitCode> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { "dry-run": { type: "boolean", default: false } } });
  const settings = settingsOrReport(io, { forServe: false });
  if (!settings) return EXIT.usage;
  const lang = settings.lang;

  const folderArgument = positionals[0];
  if (!folderArgument) {
    io.err(cliText(lang, "missingArgument", { name: lang === "sw" ? "FOLDA" : "FOLDER", command: "import-photos" }));
    return EXIT.usage;
  }
  const folder = resolve(io.cwd, folderArgument);
  if (existsSync(folder) && !statSync(folder).isDirectory()) {
    io.err(cliText(lang, "pathIsFile", { name: folderArgument }));
    return EXIT.failed;
  }
  let names: string[];
  try {
    names = readdirSync(folder).filter((name) => !IGNORED_FILES.test(name) && statSync(join(folder, name)).isFile()).sort();
  } catch {
    io.err(cliText(lang, "fileNotFound", { name: folderArgument }));
    return EXIT.failed;
  }

  const handle = await openMigratedDatabase(io, settings);
  if (!handle) return EXIT.failed;
  try {
    const counts = { stored: 0, unmatched: 0, invalid: 0, small: 0 };
    for (const name of names) {
      const path = join(folder, name);
      const studentId = await studentIdForFile(handle.db, parsePath(name).name, settings.identifierCaseSensitive);
      if (studentId === undefined) {
        counts.unmatched += 1;
        io.err(`  ${cliText(lang, "photoUnmatched", { name, identifier: parsePath(name).name })}`);
        continue;
      }
      if (statSync(path).size > MAX_PHOTO_BYTES) {
        counts.invalid += 1;
        io.err(`  ${cliText(lang, "photoTooLarge", { name })}`);
        continue;
      }
      const bytes = readFileSync(path);
      const info = readImageInfo(bytes);
      if (!info) {
        counts.invalid += 1;
        io.err(`  ${cliText(lang, "photoInvalid", { name })}`);
        continue;
      }
      if (info.width < RECOMMENDED_PIXELS || info.height < RECOMMENDED_PIXELS) {
        counts.small += 1;
        io.out(`  ${cliText(lang, "photoSmall", { name, width: info.width, height: info.height })}`);
      }
      if (!values["dry-run"]) await storePhoto(handle.db, studentId, bytes, info);
      counts.stored += 1;
    }

    io.out(cliText(lang, values["dry-run"] ? "photosDryRun" : "photosDone", counts));
    if (!settings.publicUrl) io.out(cliText(lang, "photosNeedPublicUrl"));
    return counts.unmatched + counts.invalid > 0 ? EXIT.failed : EXIT.ok;
  } finally {
    handle.close();
  }
}

/** Matches a file name to a student: the name as it is, then with `_` read as `/`. */
async function studentIdForFile(db: Database, stem: string, caseSensitive: boolean): Promise<number | undefined> {
  for (const candidate of [stem, stem.replaceAll("_", "/")]) {
    const student = await db.query.students.findFirst({ where: eq(students.identifierKey, identifierKey(candidate, caseSensitive)), columns: { id: true } });
    if (student) return student.id;
  }
  return undefined;
}

/** Stores one photo and points the student at it, in one transaction. */
async function storePhoto(db: Database, studentId: number, bytes: Buffer, info: ImageInfo): Promise<void> {
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const now = Date.now();
  const values = { contentType: info.contentType, width: info.width, height: info.height, sha256, bytes, updatedAt: now };
  await db.batch([
    db.insert(studentPhotos).values({ studentId, ...values }).onConflictDoUpdate({ target: studentPhotos.studentId, set: values }),
    db.update(students).set({ photo: STORED_PHOTO, updatedAt: now }).where(sql`${students.id} = ${studentId}`),
  ]);
}
