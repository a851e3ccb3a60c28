import "server-only";
import { DynamoDBAdapter } from "@auth/dynamodb-adapter";
import NextAuth from "next-auth";
import type { Provider } from "next-auth/providers";
import Nodemailer from "next-auth/providers/nodemailer";
import { recordAuditEvent, recordCollapsedAuditEvent } from "@/lib/audit/writer";
import { roleFor } from "@/lib/auth/roles";
import { serverConfig } from "@/lib/config";
import { dynamo } from "@/lib/dynamo/server";
import { safeRedirectUrl } from "@/lib/http/safe-redirect";
import { fingerprint } from "@/lib/secrets";
import { consoleSessions } from "./console-adapter";
import { sendMagicLink } from "./magic-link-mail";
import type { OperatorSession } from "./operator-session";
import { requestContext } from "./request-context";
import { incomingSessionToken } from "./session-cookie";
import { gateLinkRequest, linkRequestAnswer } from "./sign-in-gate";
import { emailIsVerified, refuseUnverifiedEmail } from "./verified-email";

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

  const sessions = consoleSessions(DynamoDBAdapter(dynamo().doc, config.dynamo.gatehouse), {
    doc: dynamo().doc,
    schema: config.dynamo.gatehouse,
    secret: config.secret,
    idleSeconds: config.idleSeconds,
    client: requestContext,
    incomingToken: incomingSessionToken,
  });
  const adapter = sessions.adapter;
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
      session({ session }) {
        const gatehouse: OperatorSession = {
          userId: session.userId,
          fingerprint: fingerprint(session.sessionToken),
          signedInAt: Number((session as { signedInAt?: unknown }).signedInAt),
        };
        return {
          user: { name: session.user?.name, email: session.user?.email, image: session.user?.image },
          expires: new Date(session.expires).toISOString(),
          gatehouse,
        };
      },
      // The sign-in page's rule for every redirect Auth.js makes: a clean path on this origin.
      redirect: ({ url, baseUrl }) => safeRedirectUrl(url, baseUrl),
      // Runs before any mail is sent and before the adapter writes anything.
      async signIn({ user, account, profile, email }) {
        if (email?.verificationRequest) return linkRequestAnswer(await gateLinkRequest(user.email, await requestContext()));
        if (account?.type === "oidc" && !emailIsVerified(profile)) return refuseUnverifiedEmail(account.provider, profile?.email ?? user.email);
        if (roleFor(user.email, config)) return true;
        await recordCollapsedAuditEvent(
          { ...actor(user.email), kind: "visitor" },
          await requestContext(),
          "sign-in-refused",
          { email: user.email ?? undefined },
          user.email ?? "",
        );
        return "/signin/error?error=AccessDenied";
      },
    },
    events: {
      async signIn({ user }) {
        if (user.id) await sessions.renewSignIn(user.id);
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
