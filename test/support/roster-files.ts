import { writeFileSync } from "node:fs";
import { sql } from "drizzle-orm";
import { join } from "node:path";
import { runCli } from "../../src/cli/main";
import type { CommandIo } from "../../src/cli/command-io";
import type { Database } from "../../src/db/client";
import { FAST_ARGON2_ENV } from "./test-server";

/** Encodes text in a single-byte code page by inverting Bun's decoder; throws on a character the page lacks. */
export function encodeSingleByte(text: string, encoding: "windows-1252" | "macintosh"): Uint8Array {
  const decoder = new TextDecoder(encoding);
  const byteOf = new Map<string, number>();
  for (let byte = 0; byte < 256; byte += 1) byteOf.set(decoder.decode(new Uint8Array([byte])), byte);
  return Uint8Array.from([...text], (character) => {
    const byte = byteOf.get(character);
    if (byte === undefined) throw new Error(`${JSON.stringify(character)} has no byte in ${encoding}`);
    return byte;
  });
}

/** UTF-16 with a BOM, as Excel's "Unicode text" (little-endian) and some exports (big-endian) write it. */
export function encodeUtf16(text: string, endian: "le" | "be"): Uint8Array {
  const bytes = new Uint8Array(2 + text.length * 2);
  const view = new DataView(bytes.buffer);
  view.setUint16(0, 0xfeff, endian === "le");
  for (let index = 0; index < text.length; index += 1) view.setUint16(2 + index * 2, text.charCodeAt(index), endian === "le");
  return bytes;
}

export function utf8(text: string, bom = false): Uint8Array {
  const body = new TextEncoder().encode(text);
  if (!bom) return body;
  return Uint8Array.from([0xef, 0xbb, 0xbf, ...body]);
}

/** Rows joined as a spreadsheet writes them: the given delimiter and line end, fields quoted only when needed. */
export function delimited(rows: string[][], delimiter = ",", lineEnd = "\r\n"): string {
  const quote = (value: string) => (/["\r\n]/.test(value) || value.includes(delimiter) ? `"${value.replaceAll('"', '""')}"` : value);
  return rows.map((row) => row.map(quote).join(delimiter)).join(lineEnd) + lineEnd;
}

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

/** Runs `mlango ARGS` in this process against the database file in `folder`, in English, with fast argon2id. */
export async function runMlango(folder: string, args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CommandIo = {
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    env: { MLANGO_DATABASE_URL: `file:${join(folder, "mlango.db")}`, MLANGO_LANG: "en", ...FAST_ARGON2_ENV, ...env },
    cwd: folder,
    lang: "en",
  };
  const code = await runCli(args, io);
  return { code, out: out.join("\n"), err: err.join("\n") };
}

export function writeFixture(folder: string, name: string, content: string | Uint8Array): string {
  const path = join(folder, name);
  writeFileSync(path, content);
  return path;
}

/** Every student and enrollment, for after-checks that a rejected import changed nothing. */
export async function rosterSnapshot(db: Database): Promise<string> {
  const students = await db.all(sql`SELECT * FROM students ORDER BY id`);
  const enrollments = await db.all(sql`SELECT * FROM enrollments ORDER BY exam_id, student_id`);
  return JSON.stringify({ students, enrollments });
}

export async function storedStudents(db: Database): Promise<Record<string, any>[]> {
  return db.all<Record<string, any>>(sql`SELECT * FROM students ORDER BY id`);
}
