import { describe, expect, test } from "bun:test";
import { createLogger } from "../../src/log/logger";

function capture(format: "json" | "pretty") {
  const lines: string[] = [];
  return { lines, logger: createLogger({ format, write: (line) => lines.push(line) }) };
}

describe("logger", () => {
  test("writes one JSON object a line", () => {
    const { lines, logger } = capture("json");

    logger.info("server started", { url: "http://127.0.0.1:8080" });

    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: "info", msg: "server started", url: "http://127.0.0.1:8080" });
  });

  test("pretty form is one readable line", () => {
    const { lines, logger } = capture("pretty");

    logger.warn("backup failed", { file: "/var/backups/mlango.db" });

    expect(lines[0]).toMatch(/^\d\d:\d\d:\d\d\.\d{3} WARN  backup failed file=\/var\/backups\/mlango\.db$/);
  });

  test.each(["password", "clientSecret", "x-client-secret", "metricsToken", "authorization", "cookie"])("redacts a %s field", (field) => {
    const { lines, logger } = capture("json");

    logger.info("request", { [field]: "do-not-print-this" });

    expect(lines[0]).not.toContain("do-not-print-this");
    expect(JSON.parse(lines[0]!)[field]).toBe("[redacted]");
  });
});
