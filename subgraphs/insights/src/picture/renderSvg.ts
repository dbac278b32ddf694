import type { Viz } from '@viz-js/viz';

let viz: Promise<Viz> | null = null;

/** Lays out DOT with Graphviz (compiled to WebAssembly inside the npm package: no binary, no download) into SVG. */
export async function renderSvg(dot: string): Promise<string> {
  viz ??= import('@viz-js/viz').then((module) => module.instance());
  const result = (await viz).render(dot, { format: 'svg' });
  if (result.status !== 'success') throw new Error(`Graphviz could not lay out the process map: ${result.errors.map((e) => e.message).join('; ')}`);
  return result.output;
}
