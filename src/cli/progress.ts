import { writeSync } from "node:fs";
import type { OperatorLanguage } from "../i18n/operator-language";
import { cliText } from "./cli-text";

/** Milliseconds between progress lines when stderr is not a terminal (a log file, a pipe, a service manager). */
const LINE_INTERVAL_MS = 5_000;
/** Milliseconds between redraws of the bar, which is updated after every hashed secret. */
const BAR_INTERVAL_MS = 200;
const BAR_WIDTH = 30;

/**
 * Import progress on stderr: a bar redrawn in place on a terminal, otherwise a
 * plain line every few seconds. The fraction done is the share of the file
 * read, because the record count is not known until the end.
 */
export class ProgressReporter {
  private readonly terminal = process.stderr.isTTY === true;
  private lastLineAt = Date.now();
  private lastDrawAt = 0;
  private drawn = false;

  constructor(
    private readonly lang: OperatorLanguage,
    private readonly fractionRead: () => number,
  ) {}

  update(rows: number, hashed: number): void {
    const percent = Math.min(100, Math.floor(this.fractionRead() * 100));
    const text = cliText(this.lang, "importProgress", { rows, percent, hashed });
    if (this.terminal) {
      if (Date.now() - this.lastDrawAt < BAR_INTERVAL_MS) return;
      this.lastDrawAt = Date.now();
      const filled = Math.round((percent / 100) * BAR_WIDTH);
      process.stderr.write(`\r[${"#".repeat(filled)}${".".repeat(BAR_WIDTH - filled)}] ${text}`);
      this.drawn = true;
      return;
    }
    if (Date.now() - this.lastLineAt < LINE_INTERVAL_MS) return;
    this.lastLineAt = Date.now();
    process.stderr.write(text + "\n");
  }

  /** Announces the final merge, the one step that holds the database's write lock. */
  merging(): void {
    this.finish();
    // Written synchronously: the merge that follows blocks the event loop, and a queued line would only appear after it.
    writeSync(2, cliText(this.lang, "importMerging") + "\n");
  }

  /** Ends the bar's line so that later output starts on a new one. */
  finish(): void {
    if (!this.drawn) return;
    process.stderr.write("\n");
    this.drawn = false;
  }
}
