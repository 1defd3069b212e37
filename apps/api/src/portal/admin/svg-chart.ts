/**
 * A horizontal bar chart's geometry for a server-rendered SVG: the template draws the rectangles and text, and
 * gives the chart its role, title and description (the same figures are in a table beside it). Pure arithmetic,
 * no client script.
 */
export interface BarInput {
  label: string;
  value: number;
  /** The value as the reader should see it ("2.5", "67 %"). */
  shown: string;
}

export interface Bar extends BarInput {
  y: number;
  width: number;
  textY: number;
  valueX: number;
}

export interface BarChart {
  width: number;
  height: number;
  labelWidth: number;
  barHeight: number;
  bars: Bar[];
}

const LABEL_WIDTH = 220;
const BAR_AREA = 300;
const ROW = 32;
const BAR = 22;

export function barChart(inputs: readonly BarInput[]): BarChart {
  const max = Math.max(0, ...inputs.map((b) => b.value));
  const bars = inputs.map((b, i) => {
    const width = max > 0 ? Math.round((Math.max(0, b.value) / max) * BAR_AREA) : 0;
    const y = i * ROW + (ROW - BAR) / 2;
    return { ...b, y, width, textY: y + BAR / 2 + 5, valueX: LABEL_WIDTH + width + 8 };
  });
  return { width: LABEL_WIDTH + BAR_AREA + 70, height: Math.max(ROW, inputs.length * ROW), labelWidth: LABEL_WIDTH, barHeight: BAR, bars };
}
