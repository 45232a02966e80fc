import { describe, expect, test } from "bun:test";
import { detectEncoding, parseEncodingName } from "../../src/roster/text-encoding";
import { encodeSingleByte, encodeUtf16, utf8 } from "../support/roster-files";

describe("detectEncoding", () => {
  test.each([
    ["utf-8 BOM", utf8("identifier\n", true), "utf-8", 3],
    ["utf-16le BOM", encodeUtf16("identifier\n", "le"), "utf-16le", 2],
    ["utf-16be BOM", encodeUtf16("identifier\n", "be"), "utf-16be", 2],
    ["utf-16le without BOM", encodeUtf16("identifier,name\n", "le").subarray(2), "utf-16le", 0],
    ["utf-16be without BOM", encodeUtf16("identifier,name\n", "be").subarray(2), "utf-16be", 0],
    ["plain ASCII", utf8("identifier,name\n"), "utf-8", 0],
    ["windows-1252 accents", encodeSingleByte("name\nRenée Müller\n", "windows-1252"), "windows-1252", 0],
    ["mac roman accents", encodeSingleByte("name\nRenée Müller\n", "macintosh"), "macintosh", 0],
  ])("%s", (_name, bytes, encoding, bomLength) => {
    expect(detectEncoding(bytes)).toEqual({ encoding: encoding as never, bomLength });
  });

  test("utf-8 character cut at the sample end", () => {
    const whole = utf8("name\nZoë");

    expect(detectEncoding(whole.subarray(0, whole.length - 1)).encoding).toBe("utf-8");
  });
});

describe("parseEncodingName", () => {
  test.each([
    ["UTF-8", "utf-8"],
    ["cp1252", "windows-1252"],
    ["Mac-Roman", "macintosh"],
    ["latin1", "windows-1252"],
    ["ebcdic", undefined],
  ])("%s", (name, expected) => {
    expect(parseEncodingName(name)).toBe(expected as never);
  });
});
