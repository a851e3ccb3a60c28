import type { Scope } from "@/lib/auth/roles";

/** A route file's handler as defineRoute makes it, with the route it serves. */
export type RouteHandler = ((request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>) & {
  route: { scope: Scope | null; path: string; method: string };
};

export interface RouteCall {
  key?: string | null;
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
}

/** Calls an /api/v1/ handler in-process with a real Request, as Next would, and reads its answer. */
export async function callRoute(handler: RouteHandler, options: RouteCall = {}) {
  const path = Object.entries(options.params ?? {}).reduce((p, [k, v]) => p.replace(`{${k}}`, encodeURIComponent(v)), handler.route.path);
  const url = new URL(`http://localhost:3000${path}`);
  for (const [k, v] of Object.entries(options.query ?? {})) url.searchParams.set(k, v);
  const method = handler.route.method;
  const headers: Record<string, string> = {
    ...(options.key ? { authorization: `Bearer ${options.key}` } : {}),
    ...(method !== "GET" ? { "content-type": "application/json" } : {}),
    ...options.headers,
  };
  const request = new Request(url, { method, headers, body: method !== "GET" ? (options.rawBody ?? JSON.stringify(options.body ?? {})) : undefined });
  // As Next calls it: no params at all for a route without dynamic segments.
  const response = await handler(request, (options.params ? { params: Promise.resolve(options.params) } : {}) as never);
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, json: text ? JSON.parse(text) : null };
}
