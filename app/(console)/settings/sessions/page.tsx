import type { Metadata } from "next";
import { PageHeader } from "@/components/page-header";
import { QueryMeter } from "@/components/query-meter";
import { requireOperator } from "@/lib/auth/operator";
import { serverConfig } from "@/lib/config";
import { listOwnSessions } from "@/lib/features/own-sessions/server";
import { OwnSessionsTable } from "./own-sessions-table";

export const metadata: Metadata = { title: "Your sessions" };

export default async function YourSessionsPage() {
  const operator = await requireOperator();
  const { sessions, meter, now } = await listOwnSessions(operator);
  const { idleSeconds, sessionMaxAgeSeconds } = serverConfig();
  return (
    <>
      <PageHeader
        title="Your sessions"
        description={`Every browser signed in to this console as ${operator.email}. A session ends ${Math.round(idleSeconds / 60)} minutes after its last use, and ${Math.round(sessionMaxAgeSeconds / 3600)} hours after sign-in at the latest.`}
      />
      <OwnSessionsTable sessions={sessions} now={now} />
      <QueryMeter entries={meter} note="One Query on your user partition in the Gatehouse table (SESSION# sort-key prefix)" />
    </>
  );
}
