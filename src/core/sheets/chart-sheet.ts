/**
 * A sheet of charts (the Dashboard): titled blocks, each a small table and a chart drawn from its
 * columns. Pure data; each workbook draws it its own way (Excel charts, SVG in the preview).
 */
import type { SheetTable } from "./table";

export type ChartKind = "line" | "column" | "bar";

export interface ChartBlock {
  title: string;
  table: SheetTable;
  chart: {
    kind: ChartKind;
    /** The column naming each point (a date, a fee bucket, an age band). */
    category: string;
    /** Columns drawn as series; a series whose cells are all empty is drawn as absent, with its note. */
    series: string[];
  };
  /** A sentence under the title, e.g. why a series is empty. */
  note?: string;
}

export interface ChartSheet {
  title: string;
  /** e.g. "As of 2026-03-31". */
  subtitle?: string;
  blocks: ChartBlock[];
}
