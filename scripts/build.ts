/**
 * Builds the single executable `dist/mlango` (or the path given with --outfile)
 * with `bun build --compile`, for the platform given with --target (default:
 * this machine). `@libsql/client` loads its native module through a computed
 * `require()`, which a compiled binary cannot resolve (Bun issue 18909); the
 * plugin below rewrites it into a static require of the target's package, so
 * the bundler embeds that `.node` file.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import type { BunPlugin } from "bun";

const LIBSQL_TARGETS: Record<string, string> = {
  "bun-linux-x64": "linux-x64-gnu",
  "bun-linux-arm64": "linux-arm64-gnu",
  "bun-darwin-x64": "darwin-x64",
  "bun-darwin-arm64": "darwin-arm64",
  "bun-windows-x64": "win32-x64-msvc",
};

const { values: options } = parseArgs({
  options: {
    target: { type: "string", default: `bun-${process.platform}-${process.arch}` },
    outfile: { type: "string", default: "dist/mlango" },
  },
});

const target = options.target!;
const libsqlTarget = LIBSQL_TARGETS[target];
if (!libsqlTarget) {
  console.error(`unsupported --target ${target}; use one of: ${Object.keys(LIBSQL_TARGETS).join(", ")}`);
  process.exit(2);
}

// npm installs only this machine's libSQL package, so a cross-build needs the target's one added by hand.
if (!existsSync(join("node_modules", "@libsql", libsqlTarget))) {
  const libsqlVersion = (await Bun.file("node_modules/libsql/package.json").json()).version;
  console.error(
    `The libSQL native package @libsql/${libsqlTarget} for ${target} is not installed.\n` +
      `Install it without changing package.json (--force because its CPU differs from this machine's), then build again:\n` +
      `  npm install --no-save --force @libsql/${libsqlTarget}@${libsqlVersion}`,
  );
  process.exit(1);
}

const NATIVE_REQUIRE = /require\(`@libsql\/\$\{target\}`\)/;

const embedLibsqlNative: BunPlugin = {
  name: "embed-libsql-native",
  setup(build) {
    build.onLoad({ filter: /[\\/]node_modules[\\/]libsql[\\/]index\.js$/ }, async (args) => {
      const source = await Bun.file(args.path).text();
      if (!NATIVE_REQUIRE.test(source)) {
        throw new Error(`libsql's native require not found in ${args.path}; the embedding plugin needs updating`);
      }
      return { contents: source.replace(NATIVE_REQUIRE, `require("@libsql/${libsqlTarget}")`), loader: "js" };
    });
  },
};

const result = await Bun.build({
  entrypoints: ["src/cli/main.ts"],
  compile: { target: target as Bun.Build.CompileTarget, outfile: options.outfile! },
  minify: true,
  sourcemap: "linked",
  plugins: [embedLibsqlNative],
});

if (!result.success) {
  for (const message of result.logs) console.error(message);
  process.exit(1);
}
console.log(`built ${options.outfile} for ${target}`);
