/**
 * What the console shows in place of a page when DynamoDB does not answer: rendered on the
 * server (no script needed), with the same words as the proxy's 503 page and the error boundary.
 */
export function DynamoUnavailable() {
  return (
    <main role="alert" className="mx-auto mt-16 max-w-md rounded-lg border border-border bg-surface p-6 text-center">
      <span className="icon icon-triangle-exclamation-point mx-auto block size-8 text-warning" aria-hidden />
      <h1 className="mt-3 text-lg font-semibold">DynamoDB is unreachable</h1>
      <p className="mt-1 text-sm text-fg-muted">
        Gatehouse cannot reach its DynamoDB endpoint, so it cannot show or change anything right now. Nothing was changed; try again in a few seconds.
      </p>
      {/* biome-ignore lint/a11y/useValidAnchor: href="" is this very page: Try again reloads it, with no script needed */}
      <a href="" className="mt-4 inline-block text-sm font-medium text-accent hover:underline">
        Try again
      </a>
    </main>
  );
}
