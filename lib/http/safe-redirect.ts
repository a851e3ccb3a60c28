/** Stands in for the console's origin when only paths are accepted: resolving against any fixed origin is the same test. */
const PLACEHOLDER_ORIGIN = "http://gatehouse.invalid";

/**
 * The path `value` points to if it stays on `origin` (the console's own), else null.
 *
 * The value is resolved as a browser would and kept only if it stays on that origin. Control
 * characters and backslashes are refused outright: browsers drop tabs and newlines and read `\`
 * as `/`, which turns `/<TAB>/evil.example` into `//evil.example`. The result is re-serialized
 * from the parsed URL, so what goes into a Location header is exactly what was checked.
 */
export function sameOriginPath(value: unknown, origin: string = PLACEHOLDER_ORIGIN): string | null {
  if (typeof value !== "string" || value.length === 0 || value.length > 512) return null;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: a sanitizer: control characters are what it refuses
  if (/[\u0000-\u001f\u007f\\]/.test(value)) return null;
  let url: URL;
  let base: URL;
  try {
    base = new URL(origin);
    url = new URL(value, base);
  } catch {
    return null;
  }
  if (url.origin !== base.origin || url.username || url.password) return null;
  // Only a path, or an absolute URL of this very origin: never scheme-relative, never relative.
  if (!value.startsWith("/") && !value.toLowerCase().startsWith(`${base.origin.toLowerCase()}/`) && value.toLowerCase() !== base.origin.toLowerCase())
    return null;
  const path = `${url.pathname}${url.search}${url.hash}`;
  return path.startsWith("/") && !path.startsWith("//") ? path : null;
}

/** A same-origin path to go to after sign-in; anything else (and the sign-in pages and API, which would loop) becomes "/". */
export function safeCallbackPath(value: unknown, origin?: string): string {
  const path = sameOriginPath(value, origin);
  if (path === null || /^\/signin(?:[/?#]|$)|^\/api\//.test(path)) return "/";
  return path;
}

/** Auth.js's `callbacks.redirect` with the same rule: only this origin, anything else goes home. */
export function safeRedirectUrl(url: string, baseUrl: string): string {
  const origin = new URL(baseUrl).origin;
  return `${origin}${sameOriginPath(url, origin) ?? "/"}`;
}
