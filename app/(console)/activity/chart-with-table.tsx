"use client";

import { useState } from "react";
import { formatCount } from "@/lib/format/format";
import { type ChartSeries, LineChart } from "./line-chart";

/** The figures behind a chart, as a table: what a screen reader or a keyboard reads instead of the canvas. */
function FigureTable({ caption, days, series }: { caption: string; days: string[]; series: ChartSeries[] }) {
  // Drawn once opened: thirty rows a chart are not worth sending in every page's HTML.
  const [open, setOpen] = useState(false);
  return (
    <details className="border-t border-border px-5 py-2 text-sm" onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary className="cursor-pointer py-1 text-fg-muted hover:text-fg">Show as table</summary>
      {open ? (
        // biome-ignore lint/a11y/noNoninteractiveTabindex: it scrolls, so it takes focus and the keyboard scrolls it as a mouse does (WCAG 2.1.1; axe's scrollable-region-focusable)
        <section className="max-h-72 overflow-auto" tabIndex={0} aria-label={`${caption}, by day`}>
          <table className="data-table mt-2">
            <caption className="sr-only">{caption}</caption>
            <thead>
              <tr>
                <th scope="col">Day</th>
                {series.map((s) => (
                  <th key={s.label} scope="col" className="text-right">
                    {s.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {days
                .map((day, i) => (
                  <tr key={day}>
                    <th scope="row" className="font-normal">
                      {day}
                    </th>
                    {series.map((s) => (
                      <td key={s.label} className="text-right tabular-nums">
                        {formatCount(s.values[i] ?? 0)}
                      </td>
                    ))}
                  </tr>
                ))
                .reverse()}
            </tbody>
          </table>
        </section>
      ) : null}
    </details>
  );
}

/**
 * A chart and its figures as a table, drawn in the browser from one copy of the figures: a
 * server-drawn table would reach it twice (its HTML and the page's RSC payload).
 */
export function ChartWithTable({ caption, days, series, summary }: { caption: string; days: string[]; series: ChartSeries[]; summary: string }) {
  return (
    <>
      <div className="px-3 pt-3 pb-1">
        <LineChart days={days} series={series} summary={summary} />
      </div>
      <FigureTable caption={caption} days={days} series={series} />
    </>
  );
}
