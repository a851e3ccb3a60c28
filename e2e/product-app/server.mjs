import { createServer } from "node:http";
import { Auth } from "@auth/core";
import { authConfig } from "./auth.mjs";

/**
 * The product: Auth.js's own pages and routes under /auth, and one page, /, that says who is
 * signed in. A plain Node server translating to Web Requests, as @auth/express does.
 * Configured by its environment (see the spec's startProductApp); prints "listening" when ready.
 */
const env = process.env;
const origin = env.PRODUCT_URL;
const config = authConfig(env);

async function toRequest(incoming) {
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming.headers)) {
    for (const one of [value].flat()) if (one !== undefined) headers.append(name, one);
  }
  const chunks = [];
  for await (const chunk of incoming) chunks.push(chunk);
  const body = incoming.method === "GET" || incoming.method === "HEAD" ? undefined : Buffer.concat(chunks);
  return new Request(new URL(incoming.url, origin), { method: incoming.method, headers, body });
}

async function send(response, outgoing) {
  outgoing.statusCode = response.status;
  response.headers.forEach((value, name) => {
    if (name !== "set-cookie") outgoing.setHeader(name, value);
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length) outgoing.setHeader("set-cookie", cookies);
  outgoing.end(Buffer.from(await response.arrayBuffer()));
}

const escapeHtml = (text) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The session as Auth.js answers GET /auth/session, with the cookies it sets (a cleared cookie when the guard ends it). */
async function home(incoming, outgoing) {
  const answer = await Auth(new Request(new URL("/auth/session", origin), { headers: { cookie: incoming.headers.cookie ?? "" } }), config);
  const session = await answer.json();
  const email = session?.user?.email;
  const who = email ? `Signed in as ${escapeHtml(email)}` : "signed out";
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>My App</title></head><body>
<main><h1>My App</h1><p data-testid="who">${who}</p>
<p>${email ? '<a href="/auth/signout">Sign out</a>' : '<a href="/auth/signin">Sign in</a>'}</p></main></body></html>`;
  const page = new Response(html, { headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" } });
  for (const cookie of answer.headers.getSetCookie()) page.headers.append("set-cookie", cookie);
  await send(page, outgoing);
}

const server = createServer(async (incoming, outgoing) => {
  try {
    const { pathname } = new URL(incoming.url, origin);
    if (pathname === "/") return await home(incoming, outgoing);
    if (pathname.startsWith("/auth/")) return await send(await Auth(await toRequest(incoming), config), outgoing);
    outgoing.statusCode = 404;
    outgoing.end("Not found");
  } catch (error) {
    console.error(error);
    outgoing.statusCode = 500;
    outgoing.end("Internal error");
  }
});
server.listen(Number(new URL(origin).port), "127.0.0.1", () => console.log("listening"));
