"use client";

import type uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import { useEffect, useRef, useState } from "react";

/** The theme's colours a series may take, by the CSS variable that holds each. */
export type SeriesColor = "accent" | "success" | "warning" | "danger" | "fg-muted";

export interface ChartSeries {
  label: string;
  values: number[];
  color: SeriesColor;
}

export interface LineChartProps {
  /** Days as YYYY-MM-DD, oldest first. */
  days: string[];
  series: ChartSeries[];
  /** What the chart shows, in a sentence with its figures: the canvas's accessible name. */
  summary: string;
  height?: number;
}

const css = (name: string) => getComputedStyle(document.documentElement).getPropertyValue(`--${name}`).trim();

/**
 * A line chart of daily figures, drawn by uPlot (about 22 kB gzipped), which is loaded only when
 * the chart mounts so no route's first load carries it. The canvas is an image named by its
 * summary; the figures themselves are in the table beside it (Show as table). It redraws in the
 * theme's colours when the theme changes, and follows its container's width.
 */
export function LineChart({ days, series, summary, height = 180 }: LineChartProps) {
  const target = useRef<HTMLDivElement>(null);
  const [ready, setReady] = useState(false);
  const [failed, setFailed] = useState(false);

  // A refresh of the page sends equal figures as new arrays: redraw only when they change.
  const data = JSON.stringify([days, series]);

  useEffect(() => {
    const [days, series] = JSON.parse(data) as [string[], ChartSeries[]];
    const element = target.current;
    if (!element) return;
    let chart: uPlot | undefined;
    let cancelled = false;
    const xs = days.map((day) => Date.parse(`${day}T00:00:00Z`) / 1000);
    const draw = (UPlot: typeof uPlot) => {
      chart?.destroy();
      const grid = { stroke: css("border"), width: 1 };
      const axis = { stroke: css("fg-muted"), grid, ticks: grid, font: "11px system-ui, sans-serif" };
      chart = new UPlot(
        {
          width: element.clientWidth,
          height,
          scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, Math.max(4, Math.ceil(max * 1.15))] } },
          axes: [axis, { ...axis, size: 44 }],
          legend: { show: true, live: true },
          cursor: { drag: { x: false, y: false }, points: { size: 6 } },
          series: [
            // The legend names the series; a day's figures show beside them while the pointer is over it.
            { label: "Day", value: (_u, v) => (v == null ? "" : new Date(v * 1000).toISOString().slice(0, 10)) },
            ...series.map((s) => ({
              label: s.label,
              stroke: css(s.color),
              width: 2,
              points: { show: days.length <= 31 },
              value: (_u: uPlot, v: number | null) => (v == null ? "" : v.toLocaleString("en-US")),
            })),
          ],
        },
        [xs, ...series.map((s) => s.values)],
        element,
      );
    };
    import("uplot")
      .then(({ default: UPlot }) => {
        if (cancelled) return;
        draw(UPlot);
        setReady(true);
        const theme = new MutationObserver(() => draw(UPlot));
        theme.observe(document.documentElement, { attributes: true, attributeFilter: ["class"] });
        const size = new ResizeObserver(() => chart?.setSize({ width: element.clientWidth, height }));
        size.observe(element);
        cleanup = () => {
          theme.disconnect();
          size.disconnect();
        };
      })
      .catch(() => setFailed(true));
    let cleanup = () => {};
    return () => {
      cancelled = true;
      cleanup();
      chart?.destroy();
    };
  }, [data, height]);

  return (
    <div className="relative">
      <div ref={target} role="img" aria-label={summary} className="activity-chart" style={{ minHeight: height + 32 }} />
      {ready ? null : (
        <div className="absolute inset-0 flex items-center justify-center text-xs text-fg-muted" aria-hidden>
          {failed ? "The chart could not be drawn; its figures are in the table." : <span className="skeleton-bar w-1/2" />}
        </div>
      )}
    </div>
  );
}
