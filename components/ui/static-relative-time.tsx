import { formatRelative } from "@/lib/format/relative-time";

/**
 * RelativeTime's text as it first renders ("2 d ago"), with no code in the browser: for tables
 * that send none (StaticDataTable). It does not tick, and its tooltip is in UTC, since the
 * server does not know the operator's zone.
 */
export function StaticRelativeTime({ epochMs, now }: { epochMs: number; now: number }) {
  if (!Number.isFinite(epochMs)) return <span>—</span>;
  const iso = new Date(epochMs).toISOString();
  return (
    <time dateTime={iso} title={`${iso.slice(0, 19).replace("T", " ")} UTC`}>
      {formatRelative(epochMs, now)}
    </time>
  );
}
