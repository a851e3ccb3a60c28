import "server-only";
import { DynamoDBAdapter } from "@auth/dynamodb-adapter";
import NextAuth from "next-auth";
import Nodemailer from "next-auth/providers/nodemailer";
import type { Provider } from "next-auth/providers";
import { serverConfig } from "@/lib/config";
import { dynamo } from "@/lib/dynamo/server";
import { roleFor } from "@/lib/roles";
import { sendMagicLink } from "./magic-link-mail";

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

  return {
    secret: config.secret,
    trustHost: true,
    adapter: DynamoDBAdapter(dynamo().doc, config.dynamo.gatehouse),
    providers,
    // Absolute lifetime: with updateAge equal to maxAge a session is never extended.
    session: { strategy: "database", maxAge: config.sessionMaxAgeSeconds, updateAge: config.sessionMaxAgeSeconds },
    pages: { signIn: "/signin", verifyRequest: "/signin/check-email", error: "/signin/error" },
    callbacks: {
      // Runs before any mail is sent and before the adapter writes anything.
      signIn({ user }) {
        return roleFor(user.email, config) ? true : `${NOT_ALLOWED_PATH}?email=${encodeURIComponent(user.email ?? "")}`;
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
