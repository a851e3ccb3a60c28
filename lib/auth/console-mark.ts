import { createHmac } from "node:crypto";

/** The mark on a session Gatehouse created: an HMAC of its token under AUTH_SECRET (no server-only code, so tests can make one). */
export function consoleMark(secret: string, sessionToken: string): string {
  return createHmac("sha256", secret).update(`gatehouse-console-session:${sessionToken}`).digest("base64url");
}
