import type { Metadata } from "next";
import { Notice } from "@/components/notice";
import { PageHeader } from "@/components/page-header";
import { requireOperator } from "@/lib/auth/operator";
import { serverConfig } from "@/lib/config";
import { listApiKeys } from "@/lib/features/api-keys/server";
import { ApiKeysTable } from "./api-keys-table";
import { CreateApiKeyButton } from "./create-api-key-button";

export const metadata: Metadata = { title: "API keys" };

export default async function ApiKeysPage() {
  const operator = await requireOperator();
  const { readOnly } = serverConfig();
  const header = (actions?: React.ReactNode) => (
    <PageHeader
      title="API keys"
      description="Keys for the management API (/api/v1/): each holds only the scopes it was given, expires within a year, and is refused once its creator is no longer an admin. A key is shown once, when it is created; Gatehouse keeps only its SHA-256."
      actions={actions}
    />
  );
  if (operator.role !== "admin") {
    return (
      <>
        {header()}
        <Notice title="API keys are for admins">Ask an admin for a key with the read scope.</Notice>
      </>
    );
  }
  const { keys, now } = await listApiKeys(operator);
  return (
    <>
      {header(readOnly ? null : <CreateApiKeyButton />)}
      {readOnly ? <Notice title="Read-only mode">This console runs with GATEHOUSE_READ_ONLY: keys cannot be created or revoked.</Notice> : null}
      <ApiKeysTable keys={keys} now={now} canRevoke={!readOnly} />
      <p className="text-xs text-fg-muted">
        One Query on the <span className="font-mono">APIKEYS</span> partition of the Gatehouse table&apos;s index. Use a key with{" "}
        <span className="font-mono">curl -H &quot;Authorization: Bearer $GATEHOUSE_API_KEY&quot; …/api/v1/users</span>; the API is described at{" "}
        <a className="underline" href="/api/v1/openapi.json">
          /api/v1/openapi.json
        </a>
        .
      </p>
    </>
  );
}
