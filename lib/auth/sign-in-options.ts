import "server-only";
import { connection } from "next/server";
import { serverConfig } from "@/lib/config";

/** What the sign-in page may show an anonymous visitor: which ways in exist, nothing more. */
export async function signInOptions() {
  await connection();
  const config = serverConfig();
  return {
    email: config.email.mode !== "off",
    linkInTerminal: config.email.mode === "console",
    sso: Boolean(config.oidc),
  };
}
