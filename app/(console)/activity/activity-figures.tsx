import { Card, CardHeader } from "@/components/ui/card";
import type { ActivityFigures } from "@/lib/features/activity/server";
import { formatCount } from "@/lib/format/format";
import { ChartWithTable } from "./chart-with-table";
import type { ChartSeries, SeriesColor } from "./line-chart";

const PROVIDER_COLORS: SeriesColor[] = ["accent", "success", "warning", "danger", "fg-muted"];

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
const share = (part: number, whole: number) => (whole ? Math.round((part / whole) * 100) : 0);

function ChartCard({
  id,
  title,
  headline,
  days,
  series,
  summary,
}: {
  id: string;
  title: string;
  headline: string;
  days: string[];
  series: ChartSeries[];
  summary: string;
}) {
  return (
    <Card aria-labelledby={`${id}-title`} data-testid={id}>
      <CardHeader title={<span id={`${id}-title`}>{title}</span>} description={headline} />
      <ChartWithTable caption={title} days={days} series={series} summary={summary} />
    </Card>
  );
}

/**
 * The daily figures as four charts, each with its table: sign-ups, sign-ins by provider, active
 * users, and magic links requested against used.
 */
export function ActivityFiguresView({ figures }: { figures: ActivityFigures }) {
  const days = figures.days.map((d) => d.day);
  const series = (name: string) => figures.days.map((d) => d.figures[name] ?? 0);
  const span = `${days.length} days`;

  const signUps = series("signUps");
  const providers = figures.providers.slice(0, PROVIDER_COLORS.length);
  const signIns: ChartSeries[] = providers.length
    ? providers.map((provider, i) => ({ label: provider, values: series(`signIns:${provider}`), color: PROVIDER_COLORS[i] ?? "fg-muted" }))
    : [{ label: "Sign-ins", values: series("signIns"), color: "accent" }];
  const dau = series("dau");
  const mau = figures.months.at(-1);
  const requested = series("linksRequested");
  const used = series("linksUsed");
  const expired = series("linksExpired");
  const todayRequested = requested.at(-1) ?? 0;
  const todayUsed = used.at(-1) ?? 0;
  const unusedToday = share(Math.max(0, todayRequested - todayUsed), todayRequested);

  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <ChartCard
        id="chart-sign-ups"
        title="Sign-ups per day"
        headline={`${formatCount(sum(signUps))} in the last ${span}; ${formatCount(signUps.at(-1) ?? 0)} today.`}
        days={days}
        series={[{ label: "Sign-ups", values: signUps, color: "accent" }]}
        summary={`Sign-ups per day over ${span}: ${formatCount(sum(signUps))} in all, at most ${formatCount(Math.max(0, ...signUps))} in a day.`}
      />
      <ChartCard
        id="chart-sign-ins"
        title="Sign-ins per day, by provider"
        headline={`${formatCount(sum(series("signIns")))} in the last ${span}${providers.length ? `: ${providers.map((p) => `${p} ${formatCount(sum(series(`signIns:${p}`)))}`).join(", ")}` : ""}.`}
        days={days}
        series={signIns}
        summary={`Sign-ins per day over ${span}, one line per provider: ${signIns.map((s) => `${s.label} ${formatCount(sum(s.values))}`).join(", ")}.`}
      />
      <ChartCard
        id="chart-active"
        title="Active users"
        headline={`${formatCount(dau.at(-1) ?? 0)} today${mau ? `; ${formatCount(mau.mau)} this month (${mau.month})` : ""}.`}
        days={days}
        series={[{ label: "Daily active", values: dau, color: "success" }]}
        summary={`Daily active users over ${span}: at most ${formatCount(Math.max(0, ...dau))}, ${formatCount(dau.at(-1) ?? 0)} today.`}
      />
      <ChartCard
        id="chart-links"
        title="Magic links: requested and used"
        headline={
          todayRequested
            ? `${unusedToday}% of links sent today were never used (${formatCount(todayRequested - Math.min(todayUsed, todayRequested))} of ${formatCount(todayRequested)}).`
            : `No links sent today; ${formatCount(sum(requested))} in the last ${span}, ${share(sum(used), sum(requested))}% used.`
        }
        days={days}
        series={[
          { label: "Requested", values: requested, color: "accent" },
          { label: "Used", values: used, color: "success" },
          { label: "Expired", values: expired, color: "warning" },
        ]}
        summary={`Magic links per day over ${span}: ${formatCount(sum(requested))} requested, ${formatCount(sum(used))} used, ${formatCount(sum(expired))} expired.`}
      />
    </div>
  );
}
