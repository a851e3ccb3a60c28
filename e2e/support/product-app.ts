import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TableSchema } from "@/lib/config";
import { root } from "@/scripts/lib/build";
import { freePort } from "@/scripts/lib/dynamodb-local";

const appDir = path.join(root, "e2e/product-app");

function run(command: string, args: string[], cwd: string) {
  const result = spawnSync(command, args, { cwd, encoding: "utf8", env: { ...process.env, npm_config_update_notifier: "false" } });
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

/**
 * Installs gatehouse-guard in e2e/product-app the way guard/README.md's "Install" tells a
 * product team: `npm pack guard/` (its prepack builds dist/), then `npm install` of the tarball.
 * So the product imports what a product would get: the packed files, resolved by the package's
 * name and its `exports`, nothing of the repo's sources or TypeScript paths.
 * `--no-save` keeps the app's package.json as committed; `--legacy-peer-deps` because the peers
 * (@auth/core, @aws-sdk/lib-dynamodb) are the product's own and already installed (here in the
 * repo's node_modules, which the app resolves by walking up), so npm must not fetch them.
 */
export function installGuardInProductApp() {
  const packDir = mkdtempSync(path.join(tmpdir(), "gatehouse-guard-pack-"));
  try {
    const [{ filename }] = JSON.parse(run("npm", ["pack", path.join(root, "guard"), "--pack-destination", packDir, "--json", "--silent"], root)) as [
      { filename: string },
    ];
    run(
      "npm",
      ["install", "--no-save", "--no-package-lock", "--legacy-peer-deps", "--offline", "--no-audit", "--no-fund", path.join(packDir, filename)],
      appDir,
    );
  } finally {
    rmSync(packDir, { recursive: true, force: true });
  }
}

export interface ProductApp {
  /** `http://127.0.0.1:<port>`: another host than the console's localhost, so the two never share cookies. */
  url: string;
  appName: string;
  output: () => string;
  stop: () => void;
}

/** Starts e2e/product-app (plain `node server.mjs`, as a built product runs) on a free loopback port. */
export async function startProductApp(options: {
  port?: number;
  strategy: "database" | "jwt";
  appName: string;
  table: TableSchema;
  oidc: { issuer: string; clientId: string; clientSecret: string };
}): Promise<ProductApp> {
  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  let output = "";
  const child = spawn(process.execPath, ["server.mjs"], {
    cwd: appDir,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      PATH: process.env.PATH,
      NODE_ENV: "production",
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
      PRODUCT_URL: url,
      AUTH_SECRET: randomBytes(33).toString("base64url"),
      SESSION_STRATEGY: options.strategy,
      APP_NAME: options.appName,
      GUARD_CACHE_SECONDS: "0",
      DYNAMODB_ENDPOINT: process.env.E2E_DYNAMODB_ENDPOINT,
      PRODUCT_TABLE: JSON.stringify(options.table),
      SMTP_URL: process.env.E2E_MAIL_SMTP,
      OIDC_ISSUER: options.oidc.issuer,
      OIDC_ID: options.oidc.clientId,
      OIDC_SECRET: options.oidc.clientSecret,
    },
  });
  const stop = () => void child.kill("SIGTERM");
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The product app did not start:\n${output}`)), 30_000);
    const collect = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-20_000);
      if (output.includes("listening")) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on("data", collect);
    child.stderr!.on("data", collect);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`The product app exited (${code}):\n${output}`));
    });
  }).catch((error) => {
    stop();
    throw error;
  });
  return { url, appName: options.appName, output: () => output, stop };
}
