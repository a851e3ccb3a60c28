import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { expect, type Page } from "@playwright/test";
import Provider from "oidc-provider";
import { freePort } from "@/scripts/lib/dynamodb-local";

export interface Identity {
  email: string;
  /** What the IdP asserts as `email_verified`; left out of the claims when undefined. */
  emailVerified?: unknown;
}

/**
 * A real OpenID Provider (oidc-provider, certified) on loopback with one confidential client.
 * Its built-in development login page accepts any login: the login typed is the account id,
 * and the claims are the ones registered for it with `identity()` (a verified address equal
 * to the login when none was registered).
 */
export async function startIdentityProvider(redirectUri: string) {
  const port = await freePort();
  const issuer = `http://127.0.0.1:${port}`;
  const client = { client_id: "gatehouse-e2e", client_secret: randomBytes(24).toString("base64url"), redirect_uris: [redirectUri] };
  const identities = new Map<string, Identity>();
  const provider = new Provider(issuer, {
    clients: [client],
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
    // Like most IdPs, put the requested claims in the ID token itself (Auth.js reads them there).
    conformIdTokenClaims: false,
    async findAccount(_ctx, sub) {
      const identity = identities.get(sub) ?? { email: sub, emailVerified: true };
      return {
        accountId: sub,
        async claims() {
          return {
            sub,
            email: identity.email,
            name: identity.email.split("@")[0],
            ...(identity.emailVerified === undefined ? {} : { email_verified: identity.emailVerified }),
          };
        },
      };
    },
  });
  provider.on("server_error", (_ctx, error) => console.error("[identity provider]", error));
  const server = provider.listen(port, "127.0.0.1");
  await once(server, "listening");
  return {
    issuer,
    clientId: client.client_id,
    clientSecret: client.client_secret,
    /** Registers the claims the IdP hands out for `login`. */
    identity(login: string, identity: Identity) {
      identities.set(login, identity);
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** From the console's sign-in page through the IdP's login and consent pages, as an operator would. */
export async function signInWithSso(page: Page, consoleUrl: string, login: string) {
  await page.goto(`${consoleUrl}/signin`);
  await page.getByRole("button", { name: "Sign in with SSO" }).click();
  await page.getByPlaceholder("Enter any login").fill(login);
  await page.getByPlaceholder("and password").fill("any password");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page).toHaveURL((url) => url.origin === consoleUrl, { timeout: 30_000 });
}
