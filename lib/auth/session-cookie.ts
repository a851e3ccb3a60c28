import "server-only";
import { cookies } from "next/headers";

/** Auth.js's session cookie names: `__Secure-` when AUTH_URL is https. */
const SESSION_COOKIES = ["__Secure-authjs.session-token", "authjs.session-token"];

/** The session token the browser sent with the current request; undefined outside a request. */
export async function incomingSessionToken(): Promise<string | undefined> {
  try {
    const jar = await cookies();
    for (const name of SESSION_COOKIES) {
      const value = jar.get(name)?.value;
      if (value) return value;
    }
  } catch {
    // outside a request (scripts, tests)
  }
  return undefined;
}
