/**
 * SOQL LIKE: case-insensitive, `%` any run of characters, `_` one character, `\%` and `\_` literal. Compiled once
 * per query; the common shapes (exact, prefix, suffix, contains) avoid regular expressions per row.
 */

/** A matcher for a pattern written with LIKE escapes still in place (see `unquote(…, true)`). */
export function likeMatcher(pattern: string): (value: string) => boolean {
  const parts: { text: string; wildcard?: '%' | '_' }[] = [];
  let text = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\' && (pattern[i + 1] === '%' || pattern[i + 1] === '_')) {
      text += pattern[++i];
    } else if (c === '%' || c === '_') {
      if (text) parts.push({ text });
      text = '';
      parts.push({ text: '', wildcard: c });
    } else {
      text += c;
    }
  }
  if (text) parts.push({ text });

  const literal = (index: number) => parts[index]?.text.toLowerCase() ?? '';
  const shape = parts.map((part) => part.wildcard ?? 't').join('');
  switch (shape) {
    case '':
      return (value) => value.length === 0;
    case 't': {
      const needle = literal(0);
      return (value) => value.length === needle.length && value.toLowerCase() === needle;
    }
    case 't%': {
      const needle = literal(0);
      return (value) => value.length >= needle.length && value.slice(0, needle.length).toLowerCase() === needle;
    }
    case '%t': {
      const needle = literal(1);
      return (value) => value.length >= needle.length && value.slice(value.length - needle.length).toLowerCase() === needle;
    }
    case '%t%': {
      const needle = literal(1);
      return (value) => value.toLowerCase().includes(needle);
    }
    case '%':
    case '%%':
      return () => true;
  }
  const source = parts.map((part) => (part.wildcard === '%' ? '.*' : part.wildcard === '_' ? '.' : escapeRegExp(part.text))).join('');
  const regex = new RegExp(`^${source}$`, 'is');
  return (value) => regex.test(value);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
