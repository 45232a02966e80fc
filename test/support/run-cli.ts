import { join } from "node:path";

const MAIN = join(import.meta.dir, "../../src/cli/main.ts");

/** Runs `mlango ARGS` as a subprocess in `cwd` with only `env` set (plus PATH), and returns its exit status and output. */
export async function runCli(args: string[], env: Record<string, string>, cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const child = Bun.spawn([process.execPath, MAIN, ...args], {
    cwd,
    env: { PATH: process.env.PATH ?? "", ...env },
    stdout: "pipe",
    stderr: "pipe",
  });
  const [stdout, stderr, code] = await Promise.all([new Response(child.stdout).text(), new Response(child.stderr).text(), child.exited]);
  return { code, stdout, stderr };
}
