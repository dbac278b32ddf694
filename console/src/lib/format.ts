/** How the console writes numbers, times and durations: the way an operator reads them at a glance. */

const numbers = new Intl.NumberFormat('en-GB');

export const count = (n: number | null | undefined): string => (n === null || n === undefined ? '—' : numbers.format(n));

/** `3 min ago`, `in 7 min`, `just now`. */
export function relative(iso: string | null | undefined, now = Date.now()): string {
  if (!iso) return '—';
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
  const abs = Math.abs(seconds);
  if (abs < 10) return 'just now';
  const text = abs < 90 ? `${abs} s` : abs < 5400 ? `${Math.round(abs / 60)} min` : abs < 129_600 ? `${Math.round(abs / 3600)} h` : `${Math.round(abs / 86_400)} d`;
  return seconds < 0 ? `${text} ago` : `in ${text}`;
}

/** `2026-03-04 09:30:12` in the browser's time zone. */
export function stamp(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

export function duration(fromIso: string | null | undefined, toIso: string | null | undefined): string {
  if (!fromIso) return '—';
  const ms = (toIso ? new Date(toIso).getTime() : Date.now()) - new Date(fromIso).getTime();
  if (ms < 1000) return `${ms} ms`;
  if (ms < 90_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

export function seconds(s: number | null | undefined): string {
  if (s === null || s === undefined) return '—';
  if (s < 90) return `${Math.round(s)} s`;
  if (s < 5400) return `${Math.round(s / 60)} min`;
  return `${(s / 3600).toFixed(1)} h`;
}

/** Badge colours by status, the same everywhere. */
export function statusColor(status: string): string {
  switch (status.toUpperCase()) {
    case 'COMPLETED':
    case 'SUCCEEDED':
    case 'RESOLVED':
    case 'ACTIVE':
      return 'teal';
    case 'RUNNING':
    case 'PENDING':
    case 'QUEUED':
      return 'blue';
    case 'PAUSED':
    case 'RETRYING':
    case 'HELD':
    case 'OPEN':
      return 'yellow';
    case 'FAILED':
    case 'DEAD_LETTERED':
      return 'red';
    case 'CANCELLED':
    case 'SKIPPED':
      return 'gray';
    default:
      return 'gray';
  }
}

export const humanize = (value: string): string => value.charAt(0) + value.slice(1).toLowerCase().replace(/_/g, ' ');
