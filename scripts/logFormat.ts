const LEVELS: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO ', 40: 'WARN ', 50: 'ERROR', 60: 'FATAL' };
const OMIT = new Set(['level', 'time', 'msg', 'pid', 'hostname', 'name', 'component']);

/** Renders one JSON log line for a terminal: time, process, level, message, then the remaining fields. */
export function formatLogLine(process: string, line: string): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return `${process.padEnd(8)} ${line}`;
  }
  const time = typeof entry.time === 'string' ? entry.time.slice(11, 19) : '';
  const level = LEVELS[Number(entry.level)] ?? String(entry.level);
  const rest = Object.fromEntries(Object.entries(entry).filter(([key]) => !OMIT.has(key)));
  const extra = Object.keys(rest).length ? ` ${JSON.stringify(rest)}` : '';
  return `${time} ${process.padEnd(8)} ${level} ${String(entry.msg ?? '')}${extra}`;
}
