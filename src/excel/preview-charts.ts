/**
 * Charts of the preview's Dashboard, drawn as plain SVG (no chart library): columns, lines or horizontal
 * bars from a block's table. Every label is set through textContent, so no text can become markup.
 */
import type { ChartBlock } from "../core/sheets/chart-sheet";
import type { CellValue } from "../core/sheets/table";

const SVG = "http://www.w3.org/2000/svg";
export const SERIES_COLOURS = ["#107c41", "#0f6cbd", "#c239b3", "#ca5010", "#8764b8", "#038387"];
const WIDTH = 560;
const HEIGHT = 240;
const MARGIN = { top: 12, right: 12, bottom: 48, left: 64 };

export interface ChartSeries {
  name: string;
  values: (number | null)[];
  /** No cell of the series holds a number: it is listed in the legend but not drawn. */
  empty: boolean;
}

export interface ChartData {
  categories: string[];
  series: ChartSeries[];
}

export function chartData(block: ChartBlock): ChartData {
  const { columns, rows } = block.table;
  const index = (name: string) => columns.findIndex((c) => c.name === name);
  const category = index(block.chart.category);
  const asNumber = (v: CellValue | undefined) => (typeof v === "number" && Number.isFinite(v) ? v : null);
  return {
    categories: rows.map((row) => String(row[category] ?? "")),
    series: block.chart.series.map((name) => {
      const values = rows.map((row) => asNumber(row[index(name)]));
      return { name, values, empty: values.every((v) => v === null) };
    }),
  };
}

/** A round top for the value axis: 1, 2, 2.5 or 5 times a power of ten, at least the largest value. */
export function niceMaximum(largest: number): number {
  if (!(largest > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(largest));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * power >= largest) return step * power;
  return 10 * power;
}

function axisLabel(value: number): string {
  if (Number.isInteger(value)) return String(value).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return value.toFixed(2);
}

function element<K extends keyof SVGElementTagNameMap>(
  doc: Document,
  name: K,
  attributes: Record<string, string | number>,
  text?: string,
): SVGElementTagNameMap[K] {
  const node = doc.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, String(value));
  if (text !== undefined) node.textContent = text;
  return node;
}

/** One sentence a screen reader can say instead of the picture. */
export function describeChart(block: ChartBlock, data: ChartData): string {
  if (data.categories.length === 0) return `${block.title}: no data yet.`;
  const parts = data.series.map((s) => {
    if (s.empty) return `${s.name}: none yet`;
    const total = s.values.reduce<number>((a, v) => a + (v ?? 0), 0);
    const [whole, fraction] = Math.abs(total).toFixed(2).split(".");
    return `${s.name} total ${total < 0 ? "-" : ""}${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",")}.${fraction}`;
  });
  return `${block.title}, ${data.categories.length} points: ${parts.join("; ")}.`;
}

export function drawChart(doc: Document, block: ChartBlock): SVGSVGElement {
  const data = chartData(block);
  const svg = element(doc, "svg", {
    viewBox: `0 0 ${WIDTH} ${HEIGHT}`,
    width: WIDTH,
    height: HEIGHT,
    role: "img",
    class: "sb-chart",
  });
  svg.setAttribute("aria-label", describeChart(block, data));
  svg.dataset.chart = block.title;
  const horizontal = block.chart.kind === "bar";
  // Horizontal bars carry their category names on the left: room for twelve characters.
  const left = horizontal ? 84 : MARGIN.left;
  const plot = {
    x: left,
    y: MARGIN.top,
    w: WIDTH - left - MARGIN.right,
    h: HEIGHT - MARGIN.top - MARGIN.bottom,
  };
  const drawn = data.series.filter((s) => !s.empty);
  const largest = Math.max(0, ...drawn.flatMap((s) => s.values.map((v) => v ?? 0)));
  const top = niceMaximum(largest);
  const count = Math.max(data.categories.length, 1);

  // Grid and value axis labels.
  for (let i = 0; i <= 4; i++) {
    const value = (top * i) / 4;
    if (horizontal) {
      const x = plot.x + (plot.w * i) / 4;
      svg.append(element(doc, "line", { x1: x, x2: x, y1: plot.y, y2: plot.y + plot.h, stroke: "#e0e0e0" }));
      svg.append(
        element(
          doc,
          "text",
          { x, y: plot.y + plot.h + 14, "text-anchor": "middle", "font-size": 10, fill: "#616161" },
          axisLabel(value),
        ),
      );
    } else {
      const y = plot.y + plot.h - (plot.h * i) / 4;
      svg.append(element(doc, "line", { x1: plot.x, x2: plot.x + plot.w, y1: y, y2: y, stroke: "#e0e0e0" }));
      svg.append(
        element(
          doc,
          "text",
          { x: plot.x - 6, y: y + 3, "text-anchor": "end", "font-size": 10, fill: "#616161" },
          axisLabel(value),
        ),
      );
    }
  }

  // Category labels, spread so they never overlap; dates of one chart show as month-day.
  const dates = data.categories.length > 0 && data.categories.every((c) => /^\d{4}-\d{2}-\d{2}$/.test(c));
  const labels = data.categories.map((c) => (dates ? c.slice(5) : c.length > 12 ? `${c.slice(0, 11)}…` : c));
  const widest = Math.max(1, ...labels.map((l) => l.length));
  const room = horizontal ? plot.h / 14 : plot.w / (widest * 6 + 10);
  const every = Math.max(1, Math.ceil(count / Math.max(1, Math.floor(room))));
  labels.forEach((short, i) => {
    if (i % every !== 0) return;
    if (horizontal) {
      const y = plot.y + (plot.h * (i + 0.5)) / count;
      svg.append(
        element(
          doc,
          "text",
          { x: plot.x - 6, y: y + 3, "text-anchor": "end", "font-size": 10, fill: "#424242" },
          short,
        ),
      );
    } else {
      const x = plot.x + (plot.w * (i + 0.5)) / count;
      svg.append(
        element(
          doc,
          "text",
          { x, y: plot.y + plot.h + 14, "text-anchor": "middle", "font-size": 10, fill: "#424242" },
          short,
        ),
      );
    }
  });

  const scale = (v: number) => (v / top) * (horizontal ? plot.w : plot.h);
  data.series.forEach((series, s) => {
    if (series.empty) return;
    const colour = SERIES_COLOURS[s % SERIES_COLOURS.length];
    const group = element(doc, "g", { fill: colour, stroke: colour, "data-series": series.name });
    if (block.chart.kind === "line") {
      const points = series.values
        .map((v, i) =>
          v === null ? null : `${plot.x + (plot.w * (i + 0.5)) / count},${plot.y + plot.h - scale(v)}`,
        )
        .filter((p): p is string => p !== null);
      group.append(element(doc, "polyline", { points: points.join(" "), fill: "none", "stroke-width": 2 }));
      for (const point of points) {
        const [cx, cy] = point.split(",");
        group.append(element(doc, "circle", { cx, cy, r: 2.5 }));
      }
    } else {
      const slot = (horizontal ? plot.h : plot.w) / count;
      const bar = (slot * 0.7) / drawn.length;
      const offset = drawn.indexOf(series);
      series.values.forEach((v, i) => {
        if (v === null) return;
        const length = Math.max(scale(Math.max(v, 0)), 0);
        const along = slot * i + slot * 0.15 + bar * offset;
        const rect = horizontal
          ? element(doc, "rect", { x: plot.x, y: plot.y + along, width: length, height: bar })
          : element(doc, "rect", {
              x: plot.x + along,
              y: plot.y + plot.h - length,
              width: bar,
              height: length,
            });
        rect.setAttribute("stroke", "none");
        rect.append(element(doc, "title", {}, `${data.categories[i]}: ${series.name} ${v}`));
        group.append(rect);
      });
    }
    svg.append(group);
  });

  if (drawn.length === 0 || data.categories.length === 0) {
    const x = plot.x + plot.w / 2;
    svg.append(
      element(
        doc,
        "text",
        { x, y: plot.y + plot.h / 2, "text-anchor": "middle", "font-size": 13, fill: "#616161" },
        "Nothing to draw yet",
      ),
    );
  }

  // Axes.
  svg.append(
    element(doc, "line", { x1: plot.x, x2: plot.x, y1: plot.y, y2: plot.y + plot.h, stroke: "#8a8a8a" }),
  );
  svg.append(
    element(doc, "line", {
      x1: plot.x,
      x2: plot.x + plot.w,
      y1: plot.y + plot.h,
      y2: plot.y + plot.h,
      stroke: "#8a8a8a",
    }),
  );

  // Legend.
  let x = plot.x;
  data.series.forEach((series, s) => {
    const colour = SERIES_COLOURS[s % SERIES_COLOURS.length];
    const label = series.empty ? `${series.name} (none yet)` : series.name;
    svg.append(
      element(doc, "rect", {
        x,
        y: HEIGHT - 16,
        width: 10,
        height: 10,
        fill: series.empty ? "none" : colour,
        stroke: colour,
      }),
    );
    svg.append(element(doc, "text", { x: x + 14, y: HEIGHT - 7, "font-size": 11, fill: "#242424" }, label));
    x += 24 + label.length * 6.5;
  });
  return svg;
}
