import { writeSync } from "node:fs";
/**
 * Structured logging: one JSON object a line on stdout, or a readable line when
 * stdout is a terminal. Callers pass ids and outcomes, never secrets; values
 * longer than MAX_VALUE_LENGTH are cut so one bad request cannot flood the log.
 */
export type LogLevel = "debug" | "info" | "warn" | "error";
export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

const MAX_VALUE_LENGTH = 200;

/** Field names whose values are replaced before writing, in case a caller passes a secret by mistake. */
const SECRET_FIELD = /pass(word)?|secret|token|authorization|cookie/i;
const LEVEL_ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface LoggerOptions {
  format?: "auto" | "json" | "pretty";
  minLevel?: LogLevel;
  write?: (line: string) => void;
}

/**
 * Lines waiting for the end of the current event-loop turn. Under a rush, one
 * write call per turn instead of one per request keeps logging cheap.
 */
let pendingLines: string[] = [];
const FLUSH_DELAY_MS = 20;
let flushScheduled = false;

/**
 * Queues one line for stdout. The queue is written synchronously at the end
 * of the event-loop turn and when the process exits: Bun drops asynchronous
 * writes to a pipe still queued at exit, which lost the last lines of a busy
 * server's shutdown.
 */
function writeStdoutLine(line: string): void {
  pendingLines.push(line);
  if (flushScheduled) return;
  flushScheduled = true;
  setTimeout(flushStdout, FLUSH_DELAY_MS);
}

/** Writes the queued lines. If the pipe is full and non-blocking, the rest falls back to the asynchronous write. */
export function flushStdout(): void {
  flushScheduled = false;
  if (pendingLines.length === 0) return;
  const bytes = Buffer.from(pendingLines.join("\n") + "\n", "utf8");
  pendingLines = [];
  let written = 0;
  try {
    while (written < bytes.length) written += writeSync(1, bytes, written);
  } catch {
    process.stdout.write(bytes.subarray(written));
  }
}

process.on("exit", flushStdout);

export function createLogger(options: LoggerOptions = {}): Logger {
  const write = options.write ?? writeStdoutLine;
  const pretty = options.format === "pretty" || (options.format !== "json" && !options.write && process.stdout.isTTY === true);
  const minLevel = LEVEL_ORDER[options.minLevel ?? "info"];

  const log = (level: LogLevel, message: string, fields: LogFields = {}) => {
    if (LEVEL_ORDER[level] < minLevel) return;
    const record = { time: new Date().toISOString(), level, msg: message, ...truncateFields(fields) };
    write(pretty ? formatPretty(record) : JSON.stringify(record));
  };

  return {
    debug: (message, fields) => log("debug", message, fields),
    info: (message, fields) => log("info", message, fields),
    warn: (message, fields) => log("warn", message, fields),
    error: (message, fields) => log("error", message, fields),
  };
}

/** A logger that drops everything, for tests and quiet commands. */
export const silentLogger: Logger = createLogger({ write: () => {}, minLevel: "error" });

function truncateFields(fields: LogFields): LogFields {
  const result: LogFields = {};
  for (const [key, value] of Object.entries(fields)) {
    if (SECRET_FIELD.test(key)) {
      result[key] = "[redacted]";
    } else if (value instanceof Error) {
      result[key] = truncate(`${value.name}: ${value.message}`);
    } else if (typeof value === "string") {
      result[key] = truncate(value);
    } else {
      result[key] = value;
    }
  }
  return result;
}

function truncate(value: string): string {
  return value.length > MAX_VALUE_LENGTH ? `${value.slice(0, MAX_VALUE_LENGTH)}…(${value.length} chars)` : value;
}

function formatPretty(record: LogFields): string {
  const { time, level, msg, ...rest } = record;
  const details = Object.entries(rest)
    .map(([key, value]) => `${key}=${typeof value === "string" ? value : JSON.stringify(value)}`)
    .join(" ");
  return `${String(time).slice(11, 23)} ${String(level).toUpperCase().padEnd(5)} ${msg}${details ? " " + details : ""}`;
}
