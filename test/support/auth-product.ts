import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { Auth, type AuthConfig } from "@auth/core";
import Nodemailer from "@auth/core/providers/nodemailer";
import { DynamoDBAdapter } from "@auth/dynamodb-adapter";
import type { DynamoDBDocument } from "@aws-sdk/lib-dynamodb";
import type { TableSchema } from "@/lib/config";

/**
 * A minimal real product: Auth.js (@auth/core's `Auth`) at /api/auth on a Node server on
 * 127.0.0.1, the DynamoDB adapter on the given table, and the Nodemailer provider sending
 * through a real SMTP server. `refuse` plays the product's signIn callback saying no.
 */
export interface AuthProduct {
  url: string;
  stop: () => Promise<void>;
}

async function toRequest(incoming: IncomingMessage, origin: string): Promise<Request> {
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming.headers)) {
    for (const one of [value].flat()) if (one !== undefined) headers.append(name, one);
  }
  const chunks: Buffer[] = [];
  for await (const chunk of incoming) chunks.push(chunk as Buffer);
  const body = incoming.method === "GET" || incoming.method === "HEAD" ? undefined : Buffer.concat(chunks);
  return new Request(new URL(incoming.url ?? "/", origin), { method: incoming.method, headers, body });
}

async function send(response: Response, outgoing: ServerResponse) {
  outgoing.statusCode = response.status;
  response.headers.forEach((value, name) => {
    if (name !== "set-cookie") outgoing.setHeader(name, value);
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length) outgoing.setHeader("set-cookie", cookies);
  outgoing.end(Buffer.from(await response.arrayBuffer()));
}

export async function startAuthProduct(options: {
  doc: DynamoDBDocument;
  schema: TableSchema;
  smtpUrl: string;
  port?: number;
  refuse?: (email: string) => boolean;
}): Promise<AuthProduct> {
  let origin = "";
  const config: AuthConfig = {
    basePath: "/api/auth",
    secret: randomBytes(33).toString("base64url"),
    trustHost: true,
    providers: [Nodemailer({ server: options.smtpUrl, from: "My App <app@product.test>" })],
    adapter: DynamoDBAdapter(options.doc, { ...options.schema }),
    callbacks: { signIn: ({ user }) => !(user.email && options.refuse?.(user.email)) },
    // Refusals are Auth.js errors (AccessDenied); the tests assert them instead of printing them.
    logger: { error: () => {}, warn: () => {} },
  };
  const server = createServer(async (incoming, outgoing) => {
    try {
      const { pathname } = new URL(incoming.url ?? "/", origin);
      if (pathname.startsWith("/api/auth/")) return await send(await Auth(await toRequest(incoming, origin), config), outgoing);
      outgoing.statusCode = pathname === "/" ? 200 : 404;
      outgoing.setHeader("content-type", "text/plain");
      outgoing.end(pathname === "/" ? "My App" : "Not found");
    } catch (error) {
      console.error(error);
      outgoing.statusCode = 500;
      outgoing.end("Internal error");
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", resolve);
  });
  origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  return {
    url: origin,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
