/**
 * A complete, self-contained HTML page for answers that can't come from the app's React tree
 * with the right status code (429 from a route handler, 503 while DynamoDB is away). Its
 * styles are inline, so it needs no asset and shows in both colour schemes.
 */
export interface StatusPage {
  status: number;
  title: string;
  message: string;
  link?: { href: string; label: string };
  headers?: Record<string, string>;
  nonce?: string;
  /** Reloads itself after this many seconds (a page that waits for something to come back). */
  refreshSeconds?: number;
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

// The console's own colour tokens (app/globals.css), light and dark.
const styles = `:root{color-scheme:light dark;--bg:#f7f7f8;--card:#fff;--fg:#18181b;--muted:#5f5f6b;--border:#e3e3e8;--accent:#4f46e5;--accent-fg:#fff}
@media (prefers-color-scheme:dark){:root{--bg:#0c0c0f;--card:#15151a;--fg:#ededf0;--muted:#a0a0ab;--border:#2a2a33;--accent:#818cf8;--accent-fg:#0c0c0f}}
*{box-sizing:border-box}body{margin:0;min-height:100vh;display:flex;flex-direction:column;align-items:center;justify-content:center;gap:2rem;padding:3rem 1rem;background:var(--bg);color:var(--fg);font:14px/1.5 ui-sans-serif,system-ui,sans-serif}
.brand{display:flex;align-items:center;gap:.6rem;font-size:1.125rem;font-weight:600}.brand svg{width:1.75rem;height:1.75rem}
main{width:100%;max-width:24rem;border:1px solid var(--border);border-radius:.75rem;background:var(--card);padding:1.75rem;text-align:center}
.code{font:12px ui-monospace,monospace;color:var(--muted)}h1{margin:.5rem 0;font-size:1.25rem;letter-spacing:-.01em}p{margin:0 0 1rem;color:var(--muted)}
a{color:var(--accent);font-weight:500;text-decoration:none}a:hover{text-decoration:underline}`;

export function statusPageHtml(page: Omit<StatusPage, "headers">): string {
  const nonce = page.nonce ? ` nonce="${escapeHtml(page.nonce)}"` : "";
  const link = page.link ? `<a href="${escapeHtml(page.link.href)}">${escapeHtml(page.link.label)}</a>` : "";
  const refresh = page.refreshSeconds ? `<meta http-equiv="refresh" content="${Math.round(page.refreshSeconds)}">` : "";
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex">${refresh}<title>${escapeHtml(page.title)} · Gatehouse</title><style${nonce}>${styles}</style></head><body><div class="brand"><svg viewBox="0 0 32 32" aria-hidden="true"><rect width="32" height="32" rx="7" fill="var(--accent)"/><path d="M9 25V13l7-5 7 5v12h-5v-7h-4v7z" fill="var(--accent-fg)"/></svg>Gatehouse</div><main role="alert"><p class="code">${page.status}</p><h1>${escapeHtml(page.title)}</h1><p>${escapeHtml(page.message)}</p>${link}</main></body></html>`;
}

export function statusPageResponse(page: StatusPage, method = "GET"): Response {
  return new Response(method === "HEAD" ? null : statusPageHtml(page), {
    status: page.status,
    headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store", ...page.headers },
  });
}
