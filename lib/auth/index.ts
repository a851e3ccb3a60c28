import "server-only";
import { DynamoDBAdapter } from "@auth/dynamodb-adapter";
import NextAuth from "next-auth";
import { safeRedirectUrl } from "@/lib/safe-redirect";
import Nodemailer from "next-auth/providers/nodemailer";
import type { Provider } from "next-auth/providers";
import { serverConfig } from "@/lib/config";
import { dynamo } from "@/lib/dynamo/server";
import { roleFor } from "@/lib/roles";
import { recordAuditEvent } from "@/lib/dal/audit";
import { sendMagicLink } from "./magic-link-mail";
import { requestContext } from "./request-context";

export const NOT_ALLOWED_PATH = "/signin/not-allowed";

export const { handlers, auth, signIn, signOut } = NextAuth(() => {
  const config = serverConfig();
  const providers: Provider[] = [];
  if (config.email.mode !== "off") {
    const email = config.email;
    providers.push(
      Nodemailer({
        server: email.mode === "smtp" ? email.server : { jsonTransport: true },
        from: email.from,
        maxAge: 15 * 60,
        sendVerificationRequest: (request) => sendMagicLink(email, request),
      }),
    );
  }
  if (config.oidc) {
    providers.push({
      id: "sso",
      name: "SSO",
      type: "oidc",
      issuer: config.oidc.issuer,
      clientId: config.oidc.clientId,
      clientSecret: config.oidc.clientSecret,
    });
  }

  const adapter = DynamoDBAdapter(dynamo().doc, config.dynamo.gatehouse);
  const actor = (email: string | null | undefined) => ({ email: email ?? "unknown", role: roleFor(email, config) ?? "none" });

  return {
    secret: config.secret,
    trustHost: config.trustHost,
    adapter,
    providers,
    // Absolute lifetime: with updateAge equal to maxAge a session is never extended.
    session: { strategy: "database", maxAge: config.sessionMaxAgeSeconds, updateAge: config.sessionMaxAgeSeconds },
    pages: { signIn: "/signin", verifyRequest: "/signin/check-email", error: "/signin/error" },
    callbacks: {
      // The sign-in page's rule for every redirect Auth.js makes: a clean path on this origin.
      redirect: ({ url, baseUrl }) => safeRedirectUrl(url, baseUrl),
      // Runs before any mail is sent and before the adapter writes anything.
      async signIn({ user }) {
        if (roleFor(user.email, config)) return true;
        await recordAuditEvent(actor(user.email), await requestContext(), "sign-in-refused", "refused", { email: user.email ?? undefined });
        return `${NOT_ALLOWED_PATH}?email=${encodeURIComponent(user.email ?? "")}`;
      },
    },
    events: {
      async signIn({ user }) {
        await recordAuditEvent(actor(user.email), await requestContext(), "sign-in", "ok", { email: user.email ?? undefined });
      },
      async signOut(message) {
        const session = "session" in message ? message.session : null;
        const user = session ? await adapter.getUser?.(session.userId) : null;
        await recordAuditEvent(actor(user?.email), await requestContext(), "sign-out", "ok", { email: user?.email ?? undefined });
      },
    },
    logger: {
      error(error) {
        console.error(`[auth] ${error.name}: ${error.message}`);
      },
      warn() {},
      debug() {},
    },
  };
});
