export default function Loading() {
  return (
    <div className="space-y-4">
      <div className="h-4 w-16 animate-pulse rounded bg-muted" />
      <div className="h-7 w-48 animate-pulse rounded bg-muted" />
      <div className="h-4 w-full max-w-xl animate-pulse rounded bg-muted" />
      <div className="skeleton-block h-64" />
    </div>
  );
}
