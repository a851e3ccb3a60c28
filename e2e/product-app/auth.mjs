import Nodemailer from "@auth/core/providers/nodemailer";
import { DynamoDBAdapter } from "@auth/dynamodb-adapter";
import { DynamoDB } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocument } from "@aws-sdk/lib-dynamodb";
import { withGatehouse } from "gatehouse-guard";

/**
 * The product's Auth.js configuration, as guard/README.md's "Use" section writes it: one
 * document client and one set of adapter options, given to the adapter and, spread, to the guard.
 */
export function authConfig(env) {
  const client = DynamoDBDocument.from(
    new DynamoDB({ endpoint: env.DYNAMODB_ENDPOINT, region: "local", credentials: { accessKeyId: "local", secretAccessKey: "local" } }),
    { marshallOptions: { convertEmptyValues: true, removeUndefinedValues: true, convertClassInstanceToMap: true } },
  );
  const options = JSON.parse(env.PRODUCT_TABLE);
  const providers = [
    Nodemailer({ name: "Email", server: env.SMTP_URL, from: "My App <app@product.test>" }),
    {
      id: "sso",
      name: "SSO",
      type: "oidc",
      issuer: env.OIDC_ISSUER,
      clientId: env.OIDC_ID,
      clientSecret: env.OIDC_SECRET,
      // The product trusts its IdP's addresses: a user who signed up by email can use SSO.
      allowDangerousEmailAccountLinking: true,
    },
  ];
  return withGatehouse(
    {
      basePath: "/auth",
      secret: env.AUTH_SECRET,
      trustHost: true,
      providers,
      adapter: DynamoDBAdapter(client, options),
      session: { strategy: env.SESSION_STRATEGY },
    },
    { client, ...options, appName: env.APP_NAME, cacheSeconds: Number(env.GUARD_CACHE_SECONDS ?? 30) },
  );
}
