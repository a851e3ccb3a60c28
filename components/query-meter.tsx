import { type MeterEntry, mergeMeters } from "@/lib/dynamo/meter";
import { formatCount } from "@/lib/format/format";

/** What this view asked of DynamoDB: operations, calls, consumed read capacity and time. */
/** `part`: the meter of one section of a page (its own label and test id), not of the whole view. */
export function QueryMeter({ entries: all, note, part }: { entries: MeterEntry[]; note?: string; part?: string }) {
  const entries = mergeMeters(all);
  const units = entries.reduce((sum, e) => sum + e.readUnits, 0);
  const ms = entries.reduce((sum, e) => sum + e.ms, 0);
  return (
    <section
      aria-label={part ? `DynamoDB cost of the ${part.toLowerCase()}` : "DynamoDB cost of this view"}
      data-testid={part ? `${part.toLowerCase()}-query-meter` : "query-meter"}
      className="mt-4 flex flex-wrap items-center gap-x-4 gap-y-1 rounded-md border border-dashed border-border px-3 py-2 font-mono text-[11px] text-fg-muted"
    >
      <span className="inline-flex items-center gap-1.5 font-sans font-medium text-fg">
        <span className="icon icon-activity size-3.5" aria-hidden />
        DynamoDB
      </span>
      {entries.length === 0 ? <span>no requests</span> : null}
      {entries.map((e) => (
        <span key={e.operation} data-operation={e.operation}>
          {e.operation} ×{e.calls} · {e.readUnits} RCU · {e.ms} ms
          {e.itemsRead ? ` · ${formatCount(e.itemsRead)} ${e.itemsRead === 1 ? "item" : "items"} read` : ""}
        </span>
      ))}
      {entries.length > 1 ? (
        <span className="font-medium text-fg">
          total {Math.round(units * 10) / 10} RCU · {Math.round(ms)} ms
        </span>
      ) : null}
      {note ? <span className="font-sans">{note}</span> : null}
    </section>
  );
}
