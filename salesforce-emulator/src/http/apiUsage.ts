/**
 * The daily API request allowance. Every request under `/services/data/vXX.X` draws one unit and is told the
 * running count in `Sforce-Limit-Info: api-usage=N/M`; once the allowance is spent, requests are refused with
 * 403 REQUEST_LIMIT_EXCEEDED until the 24-hour window rolls over.
 */
const DAY_MS = 86_400_000;

export class ApiUsage {
  private used = 0;
  private windowStart: number;

  constructor(
    /** Requests allowed per 24 hours (Enterprise Edition starts at 15,000 per org plus per-licence extras). */
    private limit: number,
    private readonly now: () => number,
  ) {
    this.windowStart = now();
  }

  /** Draws one request; false when the allowance is spent (the request is refused and not counted). */
  draw(): boolean {
    this.roll();
    if (this.used >= this.limit) return false;
    this.used++;
    return true;
  }

  /** The `Sforce-Limit-Info` header value. */
  header(): string {
    return `api-usage=${this.used}/${this.limit}`;
  }

  snapshot(): { used: number; limit: number } {
    this.roll();
    return { used: this.used, limit: this.limit };
  }

  /** Sets the count (and optionally the allowance), e.g. to bring a test to the edge of the limit. */
  set(used: number, limit = this.limit): void {
    this.used = used;
    this.limit = limit;
    this.windowStart = this.now();
  }

  private roll(): void {
    if (this.now() - this.windowStart >= DAY_MS) {
      this.used = 0;
      this.windowStart = this.now();
    }
  }
}
