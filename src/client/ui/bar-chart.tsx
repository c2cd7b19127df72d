// A small bar chart drawn as SVG (issue #7 §2: charts readable on a phone, printable on A4):
// grouped or stacked vertical bars, each bar's value written on it, a legend, and the numbers
// again in a table for screen readers (and for anyone who wants to read them exactly). Hand
// written: three charts do not justify a chart library in the budget, and SVG prints sharply.
import "./bar-chart.css";

export interface BarSeries {
  /** The legend's label. */
  name: string;
  /** One value per category. */
  values: readonly number[];
  /** A colour from the palette (0…5); default the series' position. */
  tone?: number;
}

export interface BarChartProps {
  /** What the chart shows, read by screen readers and printed above it. */
  title: string;
  /** The labels under the bars, e.g. weeks, months or rounds. */
  categories: readonly string[];
  series: readonly BarSeries[];
  /** Stack the series in one bar per category (else side by side). */
  isStacked?: boolean;
  /** The top of the scale; default the largest bar (at least 1). */
  max?: number;
  /** Appended to values in the table, e.g. "分". */
  unit?: string;
  testId?: string;
}

const WIDTH = 320;
const HEIGHT = 180;
const PAD = { top: 16, right: 4, bottom: 34, left: 28 };
const TONES = 6;

/** A top for the scale just above the largest bar whose half (the middle tick) is whole too. */
export function niceMax(value: number): number {
  if (value <= 10) return Math.max(2, Math.ceil(value / 2) * 2);
  // Steps of a fifth of the value's power of ten: 32 → 32, 130 → 140, 568 → 580.
  const unit = (2 * 10 ** Math.floor(Math.log10(value))) / 10;
  return Math.ceil(value / unit) * unit;
}

const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));

export function BarChart({
  title,
  categories,
  series,
  isStacked = false,
  max,
  unit = "",
  testId,
}: BarChartProps) {
  const totals = categories.map((_, i) => series.reduce((s, ser) => s + (ser.values[i] ?? 0), 0));
  const biggest = isStacked ? Math.max(0, ...totals) : Math.max(0, ...series.flatMap((s) => s.values));
  const top = max ?? niceMax(biggest);
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const band = categories.length > 0 ? plotW / categories.length : plotW;
  const groupW = band * 0.72;
  const barW = isStacked || series.length === 0 ? groupW : groupW / series.length;
  const y = (v: number) => PAD.top + plotH - (Math.min(v, top) / top) * plotH;
  const ticks = [0, top / 2, top];
  const toneOf = (s: BarSeries, i: number) => `tone-${(s.tone ?? i) % TONES}`;

  return (
    <figure className="bar-chart" data-testid={testId}>
      <figcaption className="bar-chart-title">{title}</figcaption>
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-label={title}
        preserveAspectRatio="xMidYMid meet"
      >
        {ticks.map((t) => (
          <g key={t} className="bar-chart-tick">
            <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(t)} y2={y(t)} />
            <text x={PAD.left - 4} y={y(t) + 4} textAnchor="end">
              {fmt(t)}
            </text>
          </g>
        ))}
        {categories.map((category, ci) => {
          const x0 = PAD.left + ci * band + (band - groupW) / 2;
          let stackedBase = 0;
          return (
            <g key={category} data-category={category}>
              {series.map((s, si) => {
                const value = s.values[ci] ?? 0;
                const x = isStacked ? x0 : x0 + si * barW;
                const from = isStacked ? stackedBase : 0;
                stackedBase += isStacked ? value : 0;
                const yTop = y(from + value);
                const h = y(from) - yTop;
                return (
                  <g key={s.name}>
                    <rect
                      className={`bar ${toneOf(s, si)}`}
                      x={x}
                      y={yTop}
                      width={Math.max(barW - 1, 1)}
                      height={h}
                    >
                      <title>{`${category} · ${s.name}: ${fmt(value)}${unit}`}</title>
                    </rect>
                    {value > 0 && (!isStacked || h >= 12) ? (
                      <text
                        className={isStacked ? "bar-value is-inside" : "bar-value"}
                        x={x + barW / 2}
                        y={isStacked ? yTop + h / 2 + 4 : yTop - 3}
                        textAnchor="middle"
                      >
                        {fmt(value)}
                      </text>
                    ) : null}
                  </g>
                );
              })}
              <text
                className="bar-chart-category"
                x={x0 + groupW / 2}
                y={HEIGHT - PAD.bottom + 16}
                textAnchor="middle"
              >
                {category}
              </text>
            </g>
          );
        })}
      </svg>
      {series.length > 1 ? (
        <ul className="bar-chart-legend" aria-hidden="true">
          {series.map((s, si) => (
            <li key={s.name}>
              <span className={`swatch ${toneOf(s, si)}`} />
              {s.name}
            </li>
          ))}
        </ul>
      ) : null}
      {/* Wrapped: a table keeps its full width under .visually-hidden and would widen the page. */}
      <div className="visually-hidden">
        <table>
          <caption>{title}</caption>
          <thead>
            <tr>
              <th />
              {series.map((s) => (
                <th key={s.name} scope="col">
                  {s.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {categories.map((category, ci) => (
              <tr key={category}>
                <th scope="row">{category}</th>
                {series.map((s) => (
                  <td key={s.name}>{`${fmt(s.values[ci] ?? 0)}${unit}`}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
