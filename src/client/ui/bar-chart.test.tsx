import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { BarChart, niceMax } from "./bar-chart.tsx";

const heights = (html: string) =>
  [...html.matchAll(/<rect class="bar[^"]*"[^>]*height="([\d.]+)"/g)].map((m) => Number(m[1]));

describe("the SVG bar chart", () => {
  it("a scale just above the largest bar, with a whole middle tick", () => {
    expect([0, 3, 7, 11, 32, 35, 130, 568, 800].map(niceMax)).toEqual([2, 4, 8, 12, 32, 36, 140, 580, 800]);
  });

  it("grouped bars are as tall as their values; every number is also in a table", () => {
    const html = renderToStaticMarkup(
      <BarChart
        title="巡查完成情况"
        categories={["早查", "午查"]}
        series={[
          { name: "应查", values: [40, 40] },
          { name: "已查", values: [40, 10] },
        ]}
        max={40}
      />,
    );
    const [due1, done1, due2, done2] = heights(html);
    expect(due1).toBeCloseTo(done1 as number);
    expect(done2).toBeCloseTo((due2 as number) / 4);
    expect(html).toContain('aria-label="巡查完成情况"');
    expect(html).toContain('<th scope="row">午查</th><td>40</td><td>10</td>');
  });

  it("stacked bars add up to the category's total; an empty month is zero high", () => {
    const html = renderToStaticMarkup(
      <BarChart
        title="各月隐患数"
        categories={["10月", "11月"]}
        series={[
          { name: "教室", values: [0, 8] },
          { name: "校园", values: [0, 15] },
          { name: "周边", values: [0, 9] },
        ]}
        isStacked
      />,
    );
    const [a, b, c, d, e, f] = heights(html);
    expect([a, b, c]).toEqual([0, 0, 0]);
    // Scale 32: the November stack fills the plot exactly.
    expect((d as number) + (e as number) + (f as number)).toBeCloseTo(130);
    expect(e).toBeCloseTo((130 * 15) / 32);
  });
});
