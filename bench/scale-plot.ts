import { Resvg } from '@resvg/resvg-js';

/**
 * Small-multiple line charts of each `bench:scale` figure against page count, drawn as SVG here
 * and rendered to PNG by resvg (no browser, no system libraries). A dashed grey line is the
 * target where there is one, and a dotted one the linear growth from the smallest size.
 */
export interface Panel {
  title: string;
  unit: string;
  series: Array<{ label: string; values: Array<number | null>; color: string }>;
  target?: number;
}

const W = 360;
const H = 230;
const PAD = { left: 54, right: 12, top: 30, bottom: 40 };
const COLUMNS = 3;

export function renderScalePlot(pages: number[], panels: Panel[], caption: string): Buffer {
  const rows = Math.ceil(panels.length / COLUMNS);
  const width = W * COLUMNS;
  const height = H * rows + 40;
  const body = panels.map((panel, i) => panelSvg(pages, panel, (i % COLUMNS) * W, 30 + Math.floor(i / COLUMNS) * H)).join('\n');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="DejaVu Sans, sans-serif">
<rect width="100%" height="100%" fill="white"/>
<text x="12" y="20" font-size="13" fill="#222">${escapeXml(caption)}</text>
${body}
</svg>`;
  return new Resvg(svg, { font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' } }).render().asPng();
}

function panelSvg(pages: number[], panel: Panel, x0: number, y0: number): string {
  const all = panel.series.flatMap((s) => s.values).filter((v): v is number => v !== null);
  const top = niceCeiling(Math.max(panel.target ?? 0, ...all, 1e-9) * 1.1);
  const maxPages = Math.max(...pages);
  const px = (n: number) => x0 + PAD.left + (n / maxPages) * (W - PAD.left - PAD.right);
  const py = (v: number) => y0 + H - PAD.bottom - (v / top) * (H - PAD.top - PAD.bottom);
  const out: string[] = [`<text x="${x0 + PAD.left}" y="${y0 + 18}" font-size="12" font-weight="bold" fill="#222">${escapeXml(`${panel.title} (${panel.unit})`)}</text>`];
  for (let t = 0; t <= 4; t += 1) {
    const v = (top / 4) * t;
    out.push(`<line x1="${px(0)}" x2="${px(maxPages)}" y1="${py(v)}" y2="${py(v)}" stroke="#eee"/>`);
    out.push(`<text x="${px(0) - 5}" y="${py(v) + 4}" font-size="10" text-anchor="end" fill="#555">${formatNumber(v)}</text>`);
  }
  for (const n of pages) out.push(`<text x="${px(n)}" y="${y0 + H - PAD.bottom + 14}" font-size="10" text-anchor="middle" fill="#555">${n / 1000}k</text>`);
  out.push(`<text x="${px(maxPages / 2)}" y="${y0 + H - 8}" font-size="10" text-anchor="middle" fill="#555">pages</text>`);
  if (panel.target !== undefined) {
    out.push(`<line x1="${px(0)}" x2="${px(maxPages)}" y1="${py(panel.target)}" y2="${py(panel.target)}" stroke="#999" stroke-dasharray="5 4"/>`);
  }
  panel.series.forEach((series, i) => {
    const points = pages.map((n, j) => [n, series.values[j]] as const).filter((p): p is readonly [number, number] => p[1] !== null);
    if (points.length === 0) return;
    if (i === 0 && points.length > 1) {
      // Linear growth from the first size: the line a figure should stay under.
      const [n0, v0] = points[0]!;
      out.push(`<line x1="${px(n0)}" y1="${py(v0)}" x2="${px(maxPages)}" y2="${py(Math.min(top, (v0 * maxPages) / n0))}" stroke="${series.color}" stroke-opacity="0.35" stroke-dasharray="2 3"/>`);
    }
    out.push(`<polyline fill="none" stroke="${series.color}" stroke-width="2" points="${points.map(([n, v]) => `${px(n)},${py(v)}`).join(' ')}"/>`);
    for (const [n, v] of points) out.push(`<circle cx="${px(n)}" cy="${py(v)}" r="3" fill="${series.color}"/>`);
    out.push(`<text x="${x0 + W - PAD.right}" y="${y0 + 18 + 12 * (i + 1)}" font-size="10" text-anchor="end" fill="${series.color}">${escapeXml(series.label)}</text>`);
  });
  return out.join('\n');
}

function niceCeiling(value: number): number {
  const magnitude = 10 ** Math.floor(Math.log10(value));
  const step = [1, 2, 2.5, 5, 10].find((s) => s * magnitude >= value)!;
  return step * magnitude;
}

function formatNumber(value: number): string {
  return value >= 100 ? String(Math.round(value)) : String(Number(value.toPrecision(3)));
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
