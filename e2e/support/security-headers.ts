import { expect } from "@playwright/test";

/** What issue 10 asks of every response: the CSP's directives and the other security headers. */
export function expectSecurityHeaders(headers: Record<string, string>, what: string) {
  const csp = headers["content-security-policy"];
  expect(csp, `${what}: Content-Security-Policy`).toBeTruthy();
  const directives = new Map(
    csp!
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...values]) => [name!, values]),
  );
  expect(directives.get("frame-ancestors"), `${what}: frame-ancestors`).toEqual(["'none'"]);
  expect(directives.get("base-uri"), `${what}: base-uri`).toEqual(["'none'"]);
  expect(directives.get("object-src"), `${what}: object-src`).toEqual(["'none'"]);
  expect(directives.get("form-action")?.[0], `${what}: form-action`).toMatch(/^'(self|none)'$/);
  const scripts = directives.get("script-src") ?? directives.get("default-src") ?? [];
  expect(scripts, `${what}: script-src`).not.toContain("'unsafe-inline'");
  expect(scripts, `${what}: script-src`).not.toContain("'unsafe-eval'");
  expect(headers["x-frame-options"], `${what}: X-Frame-Options`).toBe("DENY");
  expect(headers["x-content-type-options"], `${what}: X-Content-Type-Options`).toBe("nosniff");
  expect(headers["referrer-policy"], `${what}: Referrer-Policy`).toBe("no-referrer");
  expect(headers["cross-origin-opener-policy"], `${what}: Cross-Origin-Opener-Policy`).toBe("same-origin");
  expect(headers["permissions-policy"], `${what}: Permissions-Policy`).toMatch(/camera=\(\)/);
  // The e2e consoles run on http://localhost: no HSTS there (the unit tests cover https).
  expect(headers["strict-transport-security"], `${what}: no HSTS over http`).toBeUndefined();
}
