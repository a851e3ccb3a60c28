import { spawnSync } from "node:child_process";
import { rmSync, statSync } from "node:fs";
import path from "node:path";
import { build, type Plugin } from "esbuild";
import { root } from "./build";

export const LAMBDA_ENTRY = path.join("lib", "features", "activity", "lambda.ts");
export const LAMBDA_OUTDIR = path.join(root, "dist", "activity-lambda");

/**
 * The Lambda's code must not reach anything of the console's server: `server-only` would throw at
 * import, and Next's modules are not in the bundle's world. Fails the build, naming the importer.
 */
const consoleOnly: Plugin = {
  name: "console-only-modules",
  setup(builder) {
    builder.onResolve({ filter: /^(server-only|client-only|next(\/.*)?)$/ }, (args) => ({
      errors: [
        { text: `${args.path} is imported by ${path.relative(root, args.importer)}: the activity Lambda must not depend on the console's server modules` },
      ],
    }));
  },
};

export interface LambdaBundle {
  file: string;
  bytes: number;
  zip?: string;
}

/**
 * `npm run build:activity-lambda`: lib/features/activity/lambda.ts as one ES module, `index.mjs`
 * (handler `index.handler`), for Lambda's Node.js 20 runtime or newer, plus `activity-lambda.zip`
 * when `zip` is installed.
 *
 * The AWS SDK is bundled, not left to the runtime's copy: the runtime's SDK version changes under
 * the function without notice, and the code is tested against the versions in package-lock.json.
 * It costs about 2 MB and a little cold-start time.
 */
export async function bundleActivityLambda(outdir = LAMBDA_OUTDIR): Promise<LambdaBundle> {
  rmSync(outdir, { recursive: true, force: true });
  const file = path.join(outdir, "index.mjs");
  await build({
    absWorkingDir: root,
    entryPoints: [LAMBDA_ENTRY],
    outfile: file,
    bundle: true,
    platform: "node",
    target: "node20",
    format: "esm",
    // The SDK's ES builds, so unused commands are left out.
    mainFields: ["module", "main"],
    // CommonJS dependencies inside an ES module still call require() for Node's built-ins.
    banner: { js: 'import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);' },
    legalComments: "eof",
    logLevel: "warning",
    plugins: [consoleOnly],
  });
  const bundle: LambdaBundle = { file, bytes: statSync(file).size };
  const zip = path.join(outdir, "activity-lambda.zip");
  const zipped = spawnSync("zip", ["-q", "-j", "-X", zip, file], { stdio: "inherit" });
  if (zipped.status === 0) bundle.zip = zip;
  return bundle;
}
