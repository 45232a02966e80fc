import { createReadStream } from "node:fs";
import { open, stat } from "node:fs/promises";
import { Readable } from "node:stream";
import { parse } from "csv-parse";
import { csvSyntaxDetail, csvSyntaxRecord, detectDelimiter } from "./csv-shape";
import type { RowProblem } from "./roster-rows";
import { createDecoder, detectEncoding, type RosterEncoding } from "./text-encoding";

export interface RosterFileOptions {
  /** Overrides the detected encoding. */
  encoding?: RosterEncoding;
  /** Overrides the detected delimiter. */
  delimiter?: string;
}

export interface CsvRecord {
  /** 1-based; the header is record 1. */
  record: number;
  values: string[];
}

/** Bytes that are invalid in the file's encoding, at a byte offset. */
export class FileDecodingError extends Error {
  constructor(
    readonly encoding: RosterEncoding,
    readonly offset: number,
  ) {
    super(`invalid ${encoding} at byte ${offset}`);
  }
}

/** A CSV syntax error (such as an unclosed quote), at a record number. */
export class CsvSyntaxError extends Error {
  constructor(
    message: string,
    readonly record: number,
  ) {
    super(message);
  }
}

export interface RosterFile {
  encoding: RosterEncoding;
  encodingDetected: boolean;
  delimiter: string;
  delimiterDetected: boolean;
  totalBytes: number;
  bytesRead(): number;
  /** Streams the records, header first; throws FileDecodingError or CsvSyntaxError. */
  records(): AsyncGenerator<CsvRecord>;
}

/** Turns a FileDecodingError or CsvSyntaxError into the problem reported for it; rethrows anything else. */
export function problemFromFileError(error: unknown): RowProblem {
  if (error instanceof FileDecodingError) return { record: 0, code: "invalid_encoding", detail: `${error.encoding} (byte ${error.offset})` };
  if (error instanceof CsvSyntaxError) return { record: error.record, code: "malformed_csv", detail: error.message };
  throw error;
}

const SAMPLE_BYTES = 64 * 1024;
const CHUNK_BYTES = 256 * 1024;

/**
 * Opens a roster file for streaming: the encoding is detected from the first
 * 64 KiB and the delimiter from the header record, unless the options set them.
 * Only a few 256 KiB chunks of the file are in memory at a time.
 */
export async function openRosterFile(path: string, options: RosterFileOptions = {}): Promise<RosterFile> {
  const totalBytes = (await stat(path)).size;
  const sample = await readStart(path, SAMPLE_BYTES);
  const detected = detectEncoding(sample);
  const encoding = options.encoding ?? detected.encoding;
  const bomLength = encoding === detected.encoding ? detected.bomLength : 0;

  let delimiter = options.delimiter;
  if (!delimiter) {
    let headerText: string;
    try {
      // The sample may end inside a character; a non-fatal decoder reads enough of it for the header.
      headerText = new TextDecoder(encoding).decode(sample.subarray(bomLength));
    } catch {
      headerText = "";
    }
    delimiter = detectDelimiter(headerText.replace(/^\uFEFF/, ""));
  }

  let bytesRead = 0;
  async function* decodedChunks(): AsyncGenerator<string> {
    const decoder = createDecoder(encoding);
    const stream = createReadStream(path, { start: bomLength, highWaterMark: CHUNK_BYTES });
    let offset = bomLength;
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      let text: string;
      try {
        text = decoder.decode(chunk, { stream: true });
      } catch {
        stream.destroy();
        throw new FileDecodingError(encoding, offset);
      }
      offset += chunk.length;
      bytesRead = offset;
      if (text !== "") yield text;
    }
    try {
      const rest = decoder.decode();
      if (rest !== "") yield rest;
    } catch {
      throw new FileDecodingError(encoding, offset);
    }
  }

  async function* records(): AsyncGenerator<CsvRecord> {
    const parser = parse({ delimiter, relax_column_count: true, skip_empty_lines: false, info: true, bom: true });
    const source = Readable.from(decodedChunks());
    let failure: Error | undefined;
    source.on("error", (error) => {
      failure = error;
      parser.destroy(error);
    });
    source.pipe(parser);
    let last = 0;
    try {
      for await (const item of parser as AsyncIterable<{ record: string[]; info: { records: number } }>) {
        last = item.info.records;
        yield { record: last, values: item.record };
      }
    } catch (error) {
      if (failure) throw failure;
      throw new CsvSyntaxError(csvSyntaxDetail(error), csvSyntaxRecord(error, last + 1));
    } finally {
      source.destroy();
      parser.destroy();
    }
    if (failure) throw failure;
  }

  return {
    encoding,
    encodingDetected: options.encoding === undefined,
    delimiter,
    delimiterDetected: options.delimiter === undefined,
    totalBytes,
    bytesRead: () => bytesRead,
    records,
  };
}

async function readStart(path: string, length: number): Promise<Uint8Array> {
  const handle = await open(path, "r");
  try {
    const buffer = new Uint8Array(length);
    const { bytesRead } = await handle.read(buffer, 0, length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}
