import path from "node:path";
import nextEnv from "@next/env";

/** Scripts read .env, .env.local etc. exactly as Next.js does, so one file configures both. */
nextEnv.loadEnvConfig(path.resolve(import.meta.dirname, "..", ".."), false, { info: () => {}, error: console.error });
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
