import type { Metadata } from "next";
import { GuardStatusLine } from "@/components/guard-status-line";
import { PageHeader } from "@/components/page-header";
import { QueryMeter } from "@/components/query-meter";
import { Card, CardHeader } from "@/components/ui/card";
import { RelativeTime } from "@/components/ui/relative-time";
import { requireOperator } from "@/lib/auth/operator";
import { getGuardStatus } from "@/lib/features/guard/heartbeats";
import { GUARD_FRESH_MS } from "@/lib/features/guard/status";

export const metadata: Metadata = { title: "Guard" };

const USAGE = `import { withGatehouse } from "gatehouse-guard"
export const { handlers, auth, signIn, signOut } = NextAuth(
  withGatehouse(
    { providers, adapter: DynamoDBAdapter(client, options), session: { strategy: "jwt" } },
    { client, ...options, appName: "my-app" },
  ),
)`;

/**
 * What the console knows of gatehouse-guard (its heartbeats) and how a product adds it. The
 * full guide is the package's README (guard/README.md in Gatehouse's repository, and
 * node_modules/gatehouse-guard/README.md once installed); this page is its short form.
 */
export default async function GuardPage() {
  const operator = await requireOperator();
  const status = await getGuardStatus(operator);
  const now = Date.now();
  return (
    <>
      <PageHeader
        title="Guard"
        description="gatehouse-guard runs inside the product's Auth.js: it refuses blocked users and ends revoked sessions, JWT ones included."
      />
      <div className="space-y-5">
        <Card aria-labelledby="guard-status-heading">
          <CardHeader
            title={<span id="guard-status-heading">Status</span>}
            description={`From the heartbeat items (GATEHOUSE#GUARD); none within ${GUARD_FRESH_MS / 60_000} minutes counts as no guard.`}
          />
          <div className="space-y-3 px-5 py-4">
            <GuardStatusLine status={{ active: status.active, text: status.text }} />
            {status.heartbeats.length ? (
              <ul className="space-y-1 text-sm">
                {status.heartbeats.map((h) => (
                  <li key={h.appName}>
                    <span className="font-medium">{h.appName}</span>: {h.sessionStrategy ?? "unknown"} sessions, guard {h.version ?? "?"}, last heartbeat{" "}
                    {h.seenAt === null ? "unreadable" : <RelativeTime epochMs={h.seenAt} serverNow={now} />}
                  </li>
                ))}
              </ul>
            ) : null}
          </div>
        </Card>
        <Card aria-labelledby="guard-add-heading">
          <CardHeader
            title={<span id="guard-add-heading">Add it to the product</span>}
            description="Build it with npm run build:guard and pack it with npm pack guard/ in Gatehouse's repository, then install the tarball in the product."
          />
          <div className="space-y-3 px-5 py-4 text-sm">
            <pre className="overflow-x-auto rounded-md bg-muted p-3 font-mono text-xs">{USAGE}</pre>
            <ul className="list-disc space-y-1 pl-5 text-fg-muted">
              <li>
                The second argument takes the adapter&apos;s options (tableName, partitionKey, sortKey, indexName, indexPartitionKey, indexSortKey), plus
                appName, cacheSeconds (default 30) and failClosed (default false).
              </li>
              <li>JWT sessions of a blocked or revoked user end within cacheSeconds; database sessions on their next read.</li>
              <li>It needs GetItem, UpdateItem and PutItem on the product table, and the Node runtime (keep it out of Edge middleware).</li>
              <li>
                The full guide (options, failClosed, IAM, Edge middleware) is the package&apos;s README:{" "}
                <span className="font-mono text-xs text-fg">guard/README.md</span> in Gatehouse&apos;s repository,{" "}
                <span className="font-mono text-xs text-fg">node_modules/gatehouse-guard/README.md</span> once installed; the table contract is{" "}
                <span className="font-mono text-xs text-fg">docs/guard.md</span>.
              </li>
            </ul>
          </div>
        </Card>
      </div>
      <QueryMeter entries={status.meter} note="One Query on the GATEHOUSE#GUARD partition" />
    </>
  );
}
