/** The product families a quote's lines sell, vehicles first (what the deal is mainly about), each once. */
export function familiesOf(lines: readonly { family: string | null; category: string }[]): string[] {
  const ordered = [...lines].sort((a, b) => Number(b.category === 'VEHICLE') - Number(a.category === 'VEHICLE'));
  return [...new Set(ordered.flatMap((line) => (line.family ? [line.family] : [])))];
}
