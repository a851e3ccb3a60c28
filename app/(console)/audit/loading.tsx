import { DataTableSkeleton } from "@/components/data-table/data-table-skeleton";

export default function Loading() {
  return (
    <div className="space-y-4">
      <div className="h-7 w-32 animate-pulse rounded bg-muted" />
      <div className="h-4 w-full max-w-lg animate-pulse rounded bg-muted" />
      <div className="skeleton-block h-24" />
      <DataTableSkeleton columns={7} rows={10} />
    </div>
  );
}
