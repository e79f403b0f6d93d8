import { downloadBlob } from './download';

/**
 * A chart card as a PNG: the chart's SVG drawn on a canvas at twice its size, with the card's
 * title above and the legend (which MUI X Charts renders as HTML, outside the SVG) below.
 *
 * An SVG drawn as an image sees none of the page's CSS, so every element gets its computed style
 * inlined first — including font-family, without which Chinese labels would fall back to a font
 * with no CJK glyphs and come out as boxes.
 */

export interface LegendEntry {
  label: string;
  color: string;
}

const STYLE_PROPS = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-opacity',
  'stroke-dasharray',
  'opacity',
  'font-family',
  'font-size',
  'font-weight',
  'text-anchor',
  'dominant-baseline',
  'alignment-baseline',
  'visibility',
  'display',
] as const;

const SCALE = 2;
const PAD = 16;

/** The chart's drawing: the largest SVG in the card (legend markers are small SVGs too). */
export function chartSvg(container: HTMLElement): SVGSVGElement | null {
  let best: SVGSVGElement | null = null;
  let bestArea = -1;
  for (const svg of container.querySelectorAll('svg')) {
    const box = svg.getBoundingClientRect();
    const area = box.width * box.height;
    if (area > bestArea) {
      best = svg;
      bestArea = area;
    }
  }
  return best;
}

function inlineStyles(source: Element, target: Element): void {
  const computed = getComputedStyle(source);
  const style = STYLE_PROPS.map((p) => `${p}:${computed.getPropertyValue(p)}`).join(';');
  target.setAttribute('style', style);
  const sourceChildren = source.children;
  const targetChildren = target.children;
  for (let i = 0; i < sourceChildren.length; i += 1) {
    inlineStyles(sourceChildren[i]!, targetChildren[i]!);
  }
}

function loadImage(url: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const image = new Image();
    image.onload = () => resolve(image);
    image.onerror = () => reject(new Error('the chart could not be drawn'));
    image.src = url;
  });
}

export async function exportChartPng(
  container: HTMLElement,
  options: { fileName: string; title: string; legend: LegendEntry[] },
): Promise<void> {
  const svg = chartSvg(container);
  if (!svg) throw new Error('no chart to export');
  const { width, height } = svg.getBoundingClientRect();
  const clone = svg.cloneNode(true) as SVGSVGElement;
  inlineStyles(svg, clone);
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  clone.setAttribute('width', String(width));
  clone.setAttribute('height', String(height));
  const svgUrl = URL.createObjectURL(
    new Blob([new XMLSerializer().serializeToString(clone)], {
      type: 'image/svg+xml;charset=utf-8',
    }),
  );
  try {
    const image = await loadImage(svgUrl);
    const fontFamily = getComputedStyle(container).fontFamily;
    const titleHeight = 28;
    const legendHeight = options.legend.length > 0 ? 28 : 0;
    const canvas = document.createElement('canvas');
    canvas.width = (width + PAD * 2) * SCALE;
    canvas.height = (height + titleHeight + legendHeight + PAD * 2) * SCALE;
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no canvas');
    ctx.scale(SCALE, SCALE);
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.fillStyle = '#1f2937';
    ctx.font = `600 15px ${fontFamily}`;
    ctx.textBaseline = 'middle';
    ctx.fillText(options.title, PAD, PAD + titleHeight / 2 - 4);
    ctx.drawImage(image, PAD, PAD + titleHeight, width, height);
    let x = PAD;
    const y = PAD + titleHeight + height + legendHeight / 2;
    ctx.font = `12px ${fontFamily}`;
    for (const entry of options.legend) {
      ctx.fillStyle = entry.color;
      ctx.fillRect(x, y - 5, 10, 10);
      ctx.fillStyle = '#374151';
      ctx.fillText(entry.label, x + 14, y);
      x += 14 + ctx.measureText(entry.label).width + 16;
    }
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
    if (!blob) throw new Error('the image could not be encoded');
    downloadBlob(blob, `${options.fileName}.png`);
  } finally {
    URL.revokeObjectURL(svgUrl);
  }
}
