import { DataTableSkeleton } from "@/components/data-table/data-table-skeleton";

export default function Loading() {
  return (
    <div className="space-y-4">
      <div className="h-7 w-32 animate-pulse rounded bg-muted" />
      <div className="h-9 w-full max-w-xl animate-pulse rounded bg-muted" />
      <div className="h-8 w-80 animate-pulse rounded bg-muted" />
      <DataTableSkeleton columns={4} rows={10} />
    </div>
  );
}
