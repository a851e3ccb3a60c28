/**
 * The security headers of every response, in one place: `proxy.ts` sets them on pages, API
 * routes and redirects (with a per-request nonce), `next.config.ts` on the static files the
 * proxy does not run for. Pure, so the policy is unit-tested.
 */

export interface SecurityHeaderOptions {
  /** The request's CSP nonce; absent for static files, which run no inline code. */
  nonce?: string;
  /** The console's public URL (AUTH_URL): HSTS and upgrade-insecure-requests only over https. */
  publicUrl?: string;
  /** `next dev`: React needs eval for its error overlay. Never in production. */
  development?: boolean;
  /** Extra origins forms may post or be redirected to (the OIDC issuer's sign-in). */
  formTargets?: string[];
}

const HSTS_ONE_YEAR = "max-age=31536000";

/** Powerful features the console never uses, denied to it and to anything it could embed. */
const PERMISSIONS_POLICY = ["camera=()", "microphone=()", "geolocation=()", "payment=()", "usb=()", "browsing-topics=()"].join(", ");

export function contentSecurityPolicy({ nonce, publicUrl, development = false, formTargets = [] }: SecurityHeaderOptions): string {
  const https = isHttps(publicUrl);
  const directives: [string, ...string[]][] = [
    ["default-src", "'self'"],
    // 'strict-dynamic': Next's nonced scripts may load the chunks they need; nothing else runs.
    nonce ? ["script-src", "'self'", `'nonce-${nonce}'`, "'strict-dynamic'", ...(development ? ["'unsafe-eval'"] : [])] : ["script-src", "'none'"],
    // Inline styles are allowed on purpose (docs/security.md, "HTTP headers"): sonner and Radix
    // inject <style> elements at run time, and with img-src and font-src 'self' CSS has no way out.
    ["style-src", "'self'", "'unsafe-inline'"],
    ["img-src", "'self'", "data:"],
    ["font-src", "'self'"],
    ["connect-src", "'self'"],
    ["frame-src", "'none'"],
    ["worker-src", "'none'"],
    ["manifest-src", "'self'"],
    ["object-src", "'none'"],
    ["base-uri", "'none'"],
    ["form-action", "'self'", ...formTargets],
    ["frame-ancestors", "'none'"],
    ...(https ? [["upgrade-insecure-requests"] as [string]] : []),
  ];
  return directives.map((d) => d.join(" ")).join("; ");
}

export function securityHeaders(options: SecurityHeaderOptions): Record<string, string> {
  return {
    "Content-Security-Policy": contentSecurityPolicy(options),
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": PERMISSIONS_POLICY,
    ...(isHttps(options.publicUrl) ? { "Strict-Transport-Security": HSTS_ONE_YEAR } : {}),
  };
}

/** 128 random bits, base64: unguessable, and fresh for every request. */
export function createNonce(): string {
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
}

/** The nonce in a Content-Security-Policy value (Next reads it the same way for its own scripts). */
export function nonceOf(policy: string | null | undefined): string | undefined {
  return policy?.match(/'nonce-([^']+)'/)?.[1];
}

/** The origin of an issuer URL, for form-action; nothing when it is not a URL. */
export function originOf(url: string | undefined): string[] {
  if (!url) return [];
  try {
    return [new URL(url).origin];
  } catch {
    return [];
  }
}

function isHttps(url: string | undefined): boolean {
  try {
    return url !== undefined && new URL(url).protocol === "https:";
  } catch {
    return false;
  }
}
