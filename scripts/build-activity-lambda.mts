/**
 * `npm run build:activity-lambda [-- --outdir <dir>]`: packages the activity Lambda (handler
 * `index.handler`) into dist/activity-lambda/index.mjs and, with `zip` installed, a zip to upload.
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { bundleActivityLambda, LAMBDA_OUTDIR } from "./lib/activity-lambda-bundle";
import { runScript } from "./lib/engine";

const { values } = parseArgs({ options: { outdir: { type: "string" } } });

await runScript(async () => {
  const bundle = await bundleActivityLambda(values.outdir ? path.resolve(values.outdir) : LAMBDA_OUTDIR);
  console.log(`${path.relative(process.cwd(), bundle.file)}: ${(bundle.bytes / 1024 / 1024).toFixed(1)} MB, handler index.handler`);
  console.log(bundle.zip ? `${path.relative(process.cwd(), bundle.zip)}: upload this to S3 (see docs/deploying.md)` : "zip not found: zip index.mjs yourself");
});
