/**
 * How `npm run sync` shows a run: a progress bar redrawn in place on a terminal, plain lines otherwise (CI, pipes),
 * one when the phase or status changes and at most one every `intervalMs` while records move.
 */
export interface RunView {
  id: string;
  status: string;
  phase: string | null;
  done: number;
  total: number | null;
  apiCalls: number;
  objects: string[];
  error: { code: string; message: string } | null;
  children: { objects: string[]; status: string; done: number; total: number | null; apiCalls: number; phase: string | null }[];
}

export interface ProgressOutput {
  write(text: string): void;
  isTTY: boolean;
  columns?: number;
}

export function createProgress(out: ProgressOutput, intervalMs = 2_000) {
  const started = Date.now();
  let lastLine = '';
  let lastPrinted = 0;
  let lastKey = '';
  return {
    show(run: RunView) {
      const { done, total, apiCalls, phase, label } = totals(run);
      const seconds = Math.max(0.001, (Date.now() - started) / 1000);
      const rate = Math.round(done / seconds);
      const count = total === null ? `${fmt(done)}` : `${fmt(done)}/${fmt(total)}`;
      const tail = `${label} ${run.status}${phase ? ` · ${phase}` : ''} · ${count} · ${fmt(rate)} records/s · ${fmt(apiCalls)} API calls`;
      if (out.isTTY) {
        const share = total ? Math.min(1, done / total) : run.status === 'completed' ? 1 : 0;
        const width = 24;
        const bar = `[${'#'.repeat(Math.round(share * width)).padEnd(width, '-')}] ${String(Math.round(share * 100)).padStart(3)}%`;
        const line = `${bar} ${tail}`.slice(0, Math.max(20, (out.columns ?? 120) - 1));
        if (line !== lastLine) out.write(`\r\x1b[2K${line}`);
        lastLine = line;
        return;
      }
      const key = `${run.status}|${phase}`;
      if (key === lastKey && Date.now() - lastPrinted < intervalMs) return;
      if (key === lastKey && tail === lastLine) return;
      out.write(`${new Date().toISOString()} ${tail}\n`);
      lastKey = key;
      lastLine = tail;
      lastPrinted = Date.now();
    },
    finish(run: RunView) {
      if (out.isTTY) out.write('\n');
      const { done, apiCalls } = totals(run);
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      const why = run.error ? `: ${run.error.code} ${run.error.message}` : '';
      out.write(`sync ${run.id} ${run.status} in ${seconds} s, ${fmt(done)} records, ${fmt(apiCalls)} API calls${why}\n`);
      for (const child of run.children) if (child.status !== 'completed') out.write(`  ${child.objects.join(', ')}: ${child.status}\n`);
    },
  };
}

/** A run's own numbers, or the sum of its per-object jobs' while the run itself only orchestrates. */
function totals(run: RunView) {
  const label = run.objects.length > 3 ? `${run.objects.length} objects` : run.objects.join(', ');
  if (run.children.length === 0 || run.done > 0) return { done: run.done, total: run.total, apiCalls: run.apiCalls, phase: run.phase, label };
  const active = run.children.find((c) => c.status === 'running') ?? null;
  const sum = (pick: (c: RunView['children'][number]) => number) => run.children.reduce((n, c) => n + pick(c), 0);
  const total = run.children.every((c) => c.total !== null) ? sum((c) => c.total ?? 0) : null;
  return { done: sum((c) => c.done), total, apiCalls: Math.max(run.apiCalls, sum((c) => c.apiCalls)), phase: active ? `${active.objects.join(', ')}: ${active.phase ?? 'running'}` : run.phase, label };
}

const fmt = (n: number) => n.toLocaleString('en-US');
