/**
 * How far an invoice run is, in percent: invoicing is the first half and posting the second when the run posts its
 * invoices, invoicing is all of it otherwise. 100 only once the run has completed.
 */
export function runPercent(run: { status: string; auto_post: boolean; lines_due: number; lines_invoiced: number; invoices_created: number; invoices_posted: number }): number {
  if (run.status === 'COMPLETED') return 100;
  const invoiced = run.lines_due === 0 ? 0 : run.lines_invoiced / run.lines_due;
  const posted = run.invoices_created === 0 ? 0 : run.invoices_posted / run.invoices_created;
  const share = run.auto_post ? invoiced * 0.5 + posted * 0.5 : invoiced;
  return Math.min(99, Math.floor(share * 100));
}
