export default function Loading() {
  return (
    <div role="status" aria-busy="true" className="animate-pulse space-y-4">
      <span className="sr-only">Loading…</span>
      <div className="h-7 w-40 rounded bg-muted" />
      <div className="h-4 w-96 max-w-full rounded bg-muted" />
      <div className="h-40 rounded-lg bg-muted" />
      <div className="h-28 rounded-lg bg-muted" />
    </div>
  );
}
