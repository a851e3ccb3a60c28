import Link from "next/link";
import { DataTable } from "@/components/data-table/data-table";
import { createColumnHelper, type features } from "@/components/data-table/features";
import { ExpiryCell } from "@/components/expiry-cell";
import type { TokenRow } from "@/lib/features/tokens/schema";
import { hrefWith } from "@/lib/http/search-params";

const col = createColumnHelper<typeof features, TokenRow>();

function columns(now: number) {
  return col.columns([
    col.accessor("identifier", {
      header: "Identifier",
      enableHiding: false,
      cell: (info) => (
        <Link href={hrefWith("/users", { q: info.getValue() })} className="font-medium hover:underline" title="Find the user with this email">
          {info.getValue()}
        </Link>
      ),
    }),
    col.accessor("fingerprint", {
      header: "Token",
      cell: (info) => (
        <span className="font-mono text-xs" title="A fingerprint of the stored token hash; the token itself never leaves the server">
          …{info.getValue()}
        </span>
      ),
    }),
    col.accessor("expires", {
      header: "Expires",
      cell: ({ row }) => <ExpiryCell expires={row.original.expires} live={row.original.live} now={now} expiredLabel="expired, awaiting TTL deletion" />,
    }),
  ]);
}

export function PendingTokensTable({ rows, now, caption, emptyMessage }: { rows: TokenRow[]; now: number; caption: string; emptyMessage: string }) {
  return <DataTable caption={caption} columns={columns(now)} data={rows} getRowId={(t) => `${t.identifier}:${t.fingerprint}`} emptyMessage={emptyMessage} />;
}
