import "server-only";

/**
 * Asks the product's own Auth.js to email its own magic link, as its sign-in form does:
 * GET /api/auth/csrf (keeping its cookies), then POST /api/auth/signin/<provider>. Gatehouse
 * never holds the product's AUTH_SECRET and never makes the link itself. Only the configured
 * origin is ever called, at two fixed paths; redirects are read, never followed.
 */

export interface ProductEndpoint {
  /** The product's URL as configured: the callbackUrl the link returns to. */
  url: string;
  origin: string;
  emailProvider: string;
}

export type ProductSignIn = { sent: true } | { sent: false; error: string };

export const PRODUCT_TIMEOUT_MS = 15_000;

/** The `name=value` parts of Set-Cookie headers, as a browser would send them back. */
function cookiesOf(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((header) => (header.split(";", 1)[0] ?? "").trim())
    .filter((pair) => pair.includes("="))
    .join("; ");
}

function unreachable(error: unknown, timeoutMs: number): string {
  if (error instanceof DOMException && (error.name === "TimeoutError" || error.name === "AbortError"))
    return `it did not answer within ${Math.round(timeoutMs / 1000)} s`;
  const cause = (error as { cause?: { code?: unknown } })?.cause;
  const code = typeof cause?.code === "string" ? ` (${cause.code})` : "";
  return `it could not be reached${code}`;
}

export async function requestProductSignIn(product: ProductEndpoint, email: string, options: { timeoutMs?: number } = {}): Promise<ProductSignIn> {
  const timeoutMs = options.timeoutMs ?? PRODUCT_TIMEOUT_MS;
  const signal = AbortSignal.timeout(timeoutMs);
  const base = new URL("/api/auth/", product.origin);
  try {
    const csrf = await fetch(new URL("csrf", base), { redirect: "manual", signal, headers: { accept: "application/json" }, cache: "no-store" });
    if (csrf.status !== 200) {
      await csrf.body?.cancel();
      return { sent: false, error: `its /api/auth/csrf answered HTTP ${csrf.status}` };
    }
    const body = (await csrf.json().catch(() => null)) as { csrfToken?: unknown } | null;
    if (typeof body?.csrfToken !== "string") return { sent: false, error: "its /api/auth/csrf gave no csrfToken (is it Auth.js?)" };

    const signIn = await fetch(new URL(`signin/${encodeURIComponent(product.emailProvider)}`, base), {
      method: "POST",
      redirect: "manual",
      signal,
      cache: "no-store",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookiesOf(csrf) },
      body: new URLSearchParams({ email, csrfToken: body.csrfToken, callbackUrl: product.url }).toString(),
    });
    await signIn.body?.cancel();
    const location = signIn.headers.get("location");
    if (signIn.status < 300 || signIn.status >= 400 || !location)
      return { sent: false, error: `its sign-in answered HTTP ${signIn.status} without a redirect` };
    let target: URL;
    try {
      target = new URL(location, base);
    } catch {
      return { sent: false, error: "its sign-in redirected to an unreadable address" };
    }
    const error = target.searchParams.get("error");
    if (error !== null) return { sent: false, error: error.replace(/[^\w .:-]/g, "").slice(0, 100) || "an error without a name" };
    return { sent: true };
  } catch (error) {
    return { sent: false, error: unreachable(error, timeoutMs) };
  }
}
