import { spawnSync } from "node:child_process";
import { cpSync, existsSync, readdirSync, rmSync, statSync } from "node:fs";
import path from "node:path";

export const root = path.resolve(import.meta.dirname, "..", "..");
export const standaloneServer = path.join(root, ".next", "standalone", "server.js");

function newestTime(target: string): number {
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(target).map((entry) => newestTime(path.join(target, entry))));
}

/** True when there is no standalone build or the source changed after it was made. */
export function buildIsStale(): boolean {
  if (!existsSync(standaloneServer)) return true;
  const inputs = ["app", "components", "lib", "public", "proxy.ts", "next.config.ts", "tailwind.config.ts", "postcss.config.mjs", "package-lock.json"]
    .map((entry) => path.join(root, entry))
    .filter(existsSync);
  return Math.max(...inputs.map(newestTime)) > statSync(standaloneServer).mtimeMs;
}

/** `next build`, then the static files the standalone server serves but does not copy itself. */
export function buildApp(env: NodeJS.ProcessEnv): boolean {
  const result = spawnSync(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "build"], { cwd: root, stdio: "inherit", env });
  if (result.status !== 0) return false;
  const standalone = path.join(root, ".next", "standalone");
  for (const [from, to] of [
    [path.join(root, ".next", "static"), path.join(standalone, ".next", "static")],
    [path.join(root, "public"), path.join(standalone, "public")],
  ] as const) {
    rmSync(to, { recursive: true, force: true });
    if (existsSync(from)) cpSync(from, to, { recursive: true });
  }
  return true;
}
