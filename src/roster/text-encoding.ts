/**
 * Text encodings of roster files. Spreadsheets write UTF-8 (with or without a
 * BOM), UTF-16 with a BOM (Excel's "Unicode text"), or a single-byte code page:
 * Windows-1252 on Windows and Mac Roman in older macOS programs.
 */
export const ROSTER_ENCODINGS = ["utf-8", "utf-16le", "utf-16be", "windows-1252", "macintosh", "iso-8859-15", "windows-1250"] as const;
export type RosterEncoding = (typeof ROSTER_ENCODINGS)[number];

const ENCODING_ALIASES: Record<string, RosterEncoding> = {
  utf8: "utf-8",
  utf16: "utf-16le",
  utf16le: "utf-16le",
  unicode: "utf-16le",
  utf16be: "utf-16be",
  windows1252: "windows-1252",
  cp1252: "windows-1252",
  ansi: "windows-1252",
  latin1: "windows-1252",
  iso88591: "windows-1252",
  macintosh: "macintosh",
  macroman: "macintosh",
  mac: "macintosh",
  iso885915: "iso-8859-15",
  latin9: "iso-8859-15",
  windows1250: "windows-1250",
  cp1250: "windows-1250",
};

/** Reads an `--encoding` value such as `UTF-8`, `cp1252` or `mac-roman`; undefined when it is not supported. */
export function parseEncodingName(name: string): RosterEncoding | undefined {
  return ENCODING_ALIASES[name.toLowerCase().replace(/[^a-z0-9]/g, "")];
}

export interface DetectedEncoding {
  encoding: RosterEncoding;
  /** Bytes of byte-order mark at the start of the file, skipped before decoding. */
  bomLength: number;
}

/**
 * Detects the encoding from the first bytes of a file: a BOM decides; NUL bytes
 * in every other position mean UTF-16 without a BOM; valid UTF-8 means UTF-8;
 * anything else is a single-byte code page, told apart by which byte range
 * its accented letters use. A multi-byte sequence cut at the end of the
 * sample does not count as invalid.
 */
export function detectEncoding(sample: Uint8Array): DetectedEncoding {
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return { encoding: "utf-8", bomLength: 3 };
  if (sample[0] === 0xff && sample[1] === 0xfe) return { encoding: "utf-16le", bomLength: 2 };
  if (sample[0] === 0xfe && sample[1] === 0xff) return { encoding: "utf-16be", bomLength: 2 };

  const utf16 = utf16WithoutBom(sample);
  if (utf16) return { encoding: utf16, bomLength: 0 };
  if (isUtf8Prefix(sample)) return { encoding: "utf-8", bomLength: 0 };
  return { encoding: singleBytePage(sample), bomLength: 0 };
}

/** A decoder that throws on bytes the encoding cannot contain, so nothing is stored as replacement characters. */
export function createDecoder(encoding: RosterEncoding): TextDecoder {
  return new TextDecoder(encoding, { fatal: true, ignoreBOM: true });
}

function utf16WithoutBom(sample: Uint8Array): RosterEncoding | undefined {
  const length = Math.min(sample.length, 4096) & ~1;
  if (length < 4) return undefined;
  let evenNuls = 0;
  let oddNuls = 0;
  for (let index = 0; index < length; index += 2) {
    if (sample[index] === 0) evenNuls += 1;
    if (sample[index + 1] === 0) oddNuls += 1;
  }
  const pairs = length / 2;
  if (oddNuls > pairs * 0.6 && evenNuls < pairs * 0.1) return "utf-16le";
  if (evenNuls > pairs * 0.6 && oddNuls < pairs * 0.1) return "utf-16be";
  return undefined;
}

function isUtf8Prefix(sample: Uint8Array): boolean {
  // Drop a sequence cut at the end: at most 3 trailing bytes of an unfinished character.
  let end = sample.length;
  for (let back = 1; back <= 3 && end - back >= 0; back += 1) {
    const byte = sample[end - back]!;
    if ((byte & 0xc0) === 0x80) continue;
    const needed = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    if (needed > back) end -= back;
    break;
  }
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(sample.subarray(0, end));
    return true;
  } catch {
    return false;
  }
}

/**
 * Windows-1252 puts accented letters at 0xC0–0xFF and rare punctuation at
 * 0x80–0x9F; Mac Roman puts accented letters at 0x80–0x9F and symbols at
 * 0xC0–0xFF. Whichever reading yields more letters wins; ties go to Windows-1252.
 */
function singleBytePage(sample: Uint8Array): RosterEncoding {
  let windowsLetters = 0;
  let macLetters = 0;
  for (const byte of sample) {
    if (byte >= 0xc0) windowsLetters += 1;
    else if (byte >= 0x80 && byte <= 0x9f) macLetters += 1;
  }
  return macLetters > windowsLetters ? "macintosh" : "windows-1252";
}
