export default function NotFound() {
  return (
    <main className="not-found">
      <p className="font-mono text-sm text-fg-muted">404</p>
      <h1 className="text-2xl font-semibold tracking-tight">Nothing here</h1>
      <p className="max-w-sm text-sm text-fg-muted">This page does not exist. Check the address, or go back to the overview.</p>
      {/* A plain link: client-side navigation here would put next/link in every page's first load. */}
      <a href="/" className="text-sm font-medium text-accent hover:underline">
        Back to the overview
      </a>
    </main>
  );
}
