/** The values a generated YAML document holds: no anchors, no multi-line strings. */
export type YamlValue = string | number | boolean | YamlValue[] | { [key: string]: YamlValue };

/**
 * Prints a value as block-style YAML, keys in insertion order. Strings are quoted (as JSON, which is valid YAML)
 * unless they are plainly words or paths, so `4000:4000`, `yes` or `0.0.0.0` never change type on the way.
 */
export function toYaml(value: YamlValue): string {
  return `${lines(value, 0).join('\n')}\n`;
}

/** Lists of scalars that fit in this many columns are printed on one line, `[a, b]`. */
const MAX_FLOW_WIDTH = 100;
const PLAIN = /^[A-Za-z_/][A-Za-z0-9_./-]*$/;
const RESERVED = /^(true|false|yes|no|on|off|y|n|null|~)$/i;

function scalar(value: string | number | boolean): string {
  if (typeof value !== 'string') return String(value);
  return PLAIN.test(value) && !RESERVED.test(value) ? value : JSON.stringify(value);
}

function flowList(value: YamlValue): string | undefined {
  if (!Array.isArray(value) || value.some((item) => typeof item === 'object')) return undefined;
  return `[${value.map((item) => scalar(item as string | number | boolean)).join(', ')}]`;
}

function lines(value: YamlValue, depth: number): string[] {
  const indent = '  '.repeat(depth);
  if (Array.isArray(value)) {
    if (value.length === 0) return [`${indent}[]`];
    return value.flatMap((item) => {
      if (typeof item !== 'object') return [`${indent}- ${scalar(item)}`];
      const [first = '', ...rest] = lines(item, depth + 1);
      return [`${indent}- ${first.trimStart()}`, ...rest];
    });
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value);
    if (entries.length === 0) return [`${indent}{}`];
    return entries.flatMap(([key, item]) => {
      const name = scalar(key);
      if (typeof item !== 'object') return [`${indent}${name}: ${scalar(item)}`];
      const flow = flowList(item);
      if (flow !== undefined && indent.length + name.length + flow.length + 2 <= MAX_FLOW_WIDTH) return [`${indent}${name}: ${flow}`];
      if (Array.isArray(item) ? item.length === 0 : Object.keys(item).length === 0) return [`${indent}${name}: ${Array.isArray(item) ? '[]' : '{}'}`];
      return [`${indent}${name}:`, ...lines(item, depth + 1)];
    });
  }
  return [`${indent}${scalar(value)}`];
}
