import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import vm from "node:vm";
import { gzipSync } from "node:zlib";

export interface FirstLoadFigures {
  route: string;
  files: number;
  gzipBytes: number;
}

/** First-load JS per route, from the build's manifests: what each route's HTML loads, gzipped. Empty without a build. */
export function firstLoadJs(dotNext: string): FirstLoadFigures[] {
  const firstLoad: FirstLoadFigures[] = [];
  if (!existsSync(path.join(dotNext, "app-path-routes-manifest.json"))) return firstLoad;
  const routes = JSON.parse(readFileSync(path.join(dotNext, "app-path-routes-manifest.json"), "utf8")) as Record<string, string>;
  const buildManifest = JSON.parse(readFileSync(path.join(dotNext, "build-manifest.json"), "utf8")) as { rootMainFiles: string[] };
  const gz = new Map<string, number>();
  const size = (file: string) => {
    const known = gz.get(file);
    if (known !== undefined) return known;
    const bytes = gzipSync(readFileSync(path.join(dotNext, file)), { level: 9 }).length;
    gz.set(file, bytes);
    return bytes;
  };
  for (const [entry, route] of Object.entries(routes)) {
    if (!entry.endsWith("/page") || route.startsWith("/_")) continue;
    const manifestFile = path.join(dotNext, "server", "app", `${entry}_client-reference-manifest.js`);
    if (!existsSync(manifestFile)) continue;
    const sandbox: { globalThis?: unknown; __RSC_MANIFEST?: Record<string, { entryJSFiles?: Record<string, string[]> }> } = {};
    sandbox.globalThis = sandbox;
    vm.runInNewContext(readFileSync(manifestFile, "utf8"), sandbox);
    const manifest = sandbox.__RSC_MANIFEST?.[entry];
    // Everything the route's HTML loads: the root main files plus the chunks of its layouts, page and boundaries.
    const files = new Set([...buildManifest.rootMainFiles, ...Object.values(manifest?.entryJSFiles ?? {}).flat()]);
    firstLoad.push({ route, files: files.size, gzipBytes: [...files].reduce((sum, f) => sum + size(f), 0) });
  }
  return firstLoad;
}
