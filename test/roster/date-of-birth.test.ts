import { describe, expect, test } from "bun:test";
import { parseTypedDate } from "../../src/roster/date-of-birth";

const TODAY = new Date(Date.UTC(2026, 11, 4));

describe("parseTypedDate", () => {
  test.each([
    ["2008-03-12", "2008-03-12"],
    ["2008/3/12", "2008-03-12"],
    ["12/03/2008", "2008-03-12"],
    ["12-03-2008", "2008-03-12"],
    ["12.03.2008", "2008-03-12"],
    [" 1/3/2008 ", "2008-03-01"],
    ["03/25/2008", "2008-03-25"],
    ["12032008", "2008-03-12"],
    ["12 March 2008", "2008-03-12"],
    ["12 machi 2008", "2008-03-12"],
    ["12th Mar 2008", "2008-03-12"],
    ["March 12, 2008", "2008-03-12"],
    ["12/03/08", "2008-03-12"],
    ["12/03/99", "1999-03-12"],
    ["29/02/2008", "2008-02-29"],
  ])("reads %p", (typed, expected) => {
    expect(parseTypedDate(typed, TODAY)).toBe(expected);
  });

  test.each(["", "hello", "31/02/2008", "29/02/2007", "2008-13-01", "00/01/2008", "12 Smarch 2008", "123456"])("rejects %p", (typed) => {
    expect(parseTypedDate(typed, TODAY)).toBeUndefined();
  });
});
