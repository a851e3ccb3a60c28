import Link from "next/link";
import { Notice } from "@/components/notice";
import { Card, CardHeader } from "@/components/ui/card";
import type { Operator } from "@/lib/auth/operator";
import { type ActivityFigures, activityFigures } from "@/lib/features/activity/server";
import { formatCount } from "@/lib/format/format";
import { RateLimitedError } from "@/lib/limits/rate-limit";

/** A 30-day line as an inline SVG: a few hundred bytes, no chart library, no script. */
function Sparkline({ values, label }: { values: number[]; label: string }) {
  const max = Math.max(1, ...values);
  const step = values.length > 1 ? 100 / (values.length - 1) : 100;
  const points = values.map((value, i) => `${(i * step).toFixed(1)},${(28 - (value / max) * 26).toFixed(1)}`).join(" ");
  return (
    <svg viewBox="0 0 100 30" preserveAspectRatio="none" className="mt-2 h-8 w-full text-accent" role="img" aria-label={label}>
      <polyline points={points} fill="none" stroke="currentColor" strokeWidth="1.5" vectorEffect="non-scaling-stroke" strokeLinejoin="round" />
    </svg>
  );
}

interface Tile {
  id: string;
  label: string;
  value: string;
  note: string;
  values: number[];
}

function tiles(figures: ActivityFigures): Tile[] {
  const series = (name: string) => figures.days.map((d) => d.figures[name] ?? 0);
  const total = (name: string) => series(name).reduce((sum, value) => sum + value, 0);
  const dau = series("dau");
  const mau = figures.months.at(-1)?.mau ?? 0;
  const requested = total("linksRequested");
  const used = total("linksUsed");
  return [
    {
      id: "sign-ups",
      label: "Sign-ups",
      value: formatCount(total("signUps")),
      note: `${formatCount(series("signUps").at(-1) ?? 0)} today`,
      values: series("signUps"),
    },
    {
      id: "sign-ins",
      label: "Sign-ins",
      value: formatCount(total("signIns")),
      note: `${formatCount(series("signIns").at(-1) ?? 0)} today`,
      values: series("signIns"),
    },
    { id: "active", label: "Active users", value: `${formatCount(dau.at(-1) ?? 0)} / ${formatCount(mau)}`, note: "today / this month", values: dau },
    {
      id: "links",
      label: "Magic links used",
      value: requested ? `${Math.round((used / requested) * 100)}%` : "—",
      note: `${formatCount(used)} of ${formatCount(requested)} sent`,
      values: series("linksUsed"),
    },
  ];
}

/** The overview's activity tiles: the last 30 days' figures with sparklines, read with one Query. */
export async function ActivityTiles({ operator }: { operator: Operator }) {
  let figures: ActivityFigures;
  try {
    figures = await activityFigures(operator, {});
  } catch (error) {
    if (error instanceof RateLimitedError) {
      return (
        <Notice tone="warning" role="alert" title="Activity was not read">
          <p>{error.message}</p>
        </Notice>
      );
    }
    throw error;
  }
  return (
    <Card aria-labelledby="activity-tiles-heading">
      <CardHeader
        title={<span id="activity-tiles-heading">Activity, last 30 days</span>}
        description="From the product table's stream; one Query of the daily figures."
        actions={
          <Link href="/activity" className="shrink-0 text-sm font-medium text-accent hover:underline">
            Open Activity
          </Link>
        }
      />
      <ul className="grid grid-cols-2 gap-px bg-border lg:grid-cols-4">
        {tiles(figures).map((tile) => (
          <li key={tile.id} className="bg-surface px-5 py-4" data-testid={`tile-${tile.id}`}>
            <p className="text-xs font-medium text-fg-muted">{tile.label}</p>
            <p className="mt-1 text-2xl font-semibold tabular-nums" data-testid="tile-value">
              {tile.value}
            </p>
            <p className="text-xs text-fg-muted">{tile.note}</p>
            <Sparkline values={tile.values} label={`${tile.label} per day over 30 days`} />
          </li>
        ))}
      </ul>
    </Card>
  );
}
