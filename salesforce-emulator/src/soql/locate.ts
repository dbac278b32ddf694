/**
 * Finds where things are in the query text, for the `ERROR at Row:r:Column:c` part of Salesforce's messages. The
 * parser's tree carries no positions, so errors found after parsing (an unknown field, a bad literal) are located by
 * scanning the text: a small tokenizer, then a search for the name within the clause (and subquery) it came from.
 * When a name occurs twice in the same clause the first occurrence is reported.
 */

export interface Token {
  /** As written. */
  text: string;
  /** Upper-cased, for keyword and name comparisons. */
  upper: string;
  /** 0-based offset of the first character. */
  start: number;
  kind: 'word' | 'string' | 'punct';
}

export type Clause = 'SELECT' | 'FROM' | 'WHERE' | 'GROUP' | 'HAVING' | 'ORDER' | 'LIMIT' | 'OFFSET';

/** Splits SOQL into words (names, keywords, numbers, dates), quoted strings and punctuation. */
export function tokenize(soql: string): Token[] {
  const tokens: Token[] = [];
  const n = soql.length;
  let i = 0;
  while (i < n) {
    const c = soql[i]!;
    if (c === ' ' || c === '\n' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    const start = i;
    if (c === "'") {
      i++;
      while (i < n && soql[i] !== "'") i += soql[i] === '\\' ? 2 : 1;
      i = Math.min(n, i + 1);
      const text = soql.slice(start, i);
      tokens.push({ text, upper: text.toUpperCase(), start, kind: 'string' });
      continue;
    }
    if (/[A-Za-z0-9_]/.test(c)) {
      // Words include date and datetime literals (2020-01-01T10:00:00+01:00) and LAST_N_DAYS:5.
      while (i < n && /[A-Za-z0-9_:\-+.]/.test(soql[i]!) && !(soql[i] === '.' && !/[0-9]/.test(soql[i - 1]!))) i++;
      const text = soql.slice(start, i);
      tokens.push({ text, upper: text.toUpperCase(), start, kind: 'word' });
      continue;
    }
    const two = soql.slice(i, i + 2);
    const text = two === '!=' || two === '<=' || two === '>=' || two === '<>' ? two : c;
    i += text.length;
    tokens.push({ text, upper: text, start, kind: 'punct' });
  }
  return tokens;
}

/** A region of the query (the whole query, or one parenthesised subquery) in which names are searched for. */
export class Locator {
  private constructor(
    private readonly tokens: readonly Token[],
    /** First token of the region. */
    private readonly from: number,
    /** One past the last token of the region. */
    private readonly to: number,
    readonly textLength: number,
  ) {}

  static of(soql: string): Locator {
    const tokens = tokenize(soql);
    return new Locator(tokens, 0, tokens.length, soql.length);
  }

  /** Offset of the clause keyword at this region's own depth, or undefined. */
  clause(clause: Clause): number | undefined {
    const index = this.clauseIndex(clause);
    return index === undefined ? undefined : this.tokens[index]!.start;
  }

  /** Offset of the first occurrence of a dotted name (`Account.Owner.Name`) in a clause (default: anywhere in the region). */
  path(path: string, clause?: Clause): number | undefined {
    const parts = path.toUpperCase().split('.');
    const begin = clause ? (this.clauseIndex(clause) ?? this.from) : this.from;
    for (let i = begin; i < this.to; i++) {
      if (this.matchesPath(i, parts)) return this.tokens[i]!.start;
    }
    return this.fallback(clause);
  }

  /** Offset of the first word token equal to `word` (any case) in a clause. */
  word(word: string, clause?: Clause): number | undefined {
    const upper = word.toUpperCase();
    const begin = clause ? (this.clauseIndex(clause) ?? this.from) : this.from;
    for (let i = begin; i < this.to; i++) if (this.tokens[i]!.upper === upper) return this.tokens[i]!.start;
    return this.fallback(clause);
  }

  /** Offset of the `n`-th (from 0) occurrence of any of `words` in a clause. */
  nthWord(words: readonly string[], n: number, clause?: Clause): number | undefined {
    const begin = clause ? (this.clauseIndex(clause) ?? this.from) : this.from;
    let seen = 0;
    for (let i = begin; i < this.to; i++) {
      const token = this.tokens[i]!;
      if (token.kind === 'word' && words.includes(token.upper) && seen++ === n) return token.start;
    }
    return this.fallback(clause);
  }

  /** Offset of the first token written exactly as `text` (any case), e.g. the token a syntax error names. */
  token(text: string): number | undefined {
    const upper = text.toUpperCase();
    for (let i = this.from; i < this.to; i++) if (this.tokens[i]!.upper === upper) return this.tokens[i]!.start;
    return undefined;
  }

  /** The region of the `k`-th parenthesised `SELECT` inside a clause of this region (child subqueries, semi-joins). */
  subquery(clause: Clause, k: number): Locator {
    const begin = this.clauseIndex(clause) ?? this.from;
    let seen = 0;
    let depth = 0;
    for (let i = begin; i < this.to; i++) {
      const token = this.tokens[i]!;
      if (token.text === '(') {
        if (depth === 0 && this.tokens[i + 1]?.upper === 'SELECT') {
          if (seen === k) return new Locator(this.tokens, i + 1, this.closing(i), this.textLength);
          seen++;
        }
        depth++;
      } else if (token.text === ')') depth--;
    }
    return this;
  }

  /** Offset just past the end of the region (where Salesforce reports `<EOF>`). */
  end(): number {
    const last = this.tokens[this.to - 1];
    return last ? last.start + last.text.length : 0;
  }

  private closing(open: number): number {
    let depth = 0;
    for (let i = open; i < this.to; i++) {
      const text = this.tokens[i]!.text;
      if (text === '(') depth++;
      else if (text === ')' && --depth === 0) return i;
    }
    return this.to;
  }

  private clauseIndex(clause: Clause): number | undefined {
    let depth = 0;
    for (let i = this.from; i < this.to; i++) {
      const token = this.tokens[i]!;
      if (token.text === '(') depth++;
      else if (token.text === ')') depth--;
      else if (depth === 0 && token.upper === clause && token.kind === 'word') return i;
    }
    return undefined;
  }

  private matchesPath(i: number, parts: readonly string[]): boolean {
    for (let p = 0; p < parts.length; p++) {
      const token = this.tokens[i + p * 2];
      if (!token || token.kind !== 'word' || token.upper !== parts[p]) return false;
      if (p < parts.length - 1 && this.tokens[i + p * 2 + 1]?.text !== '.') return false;
    }
    return true;
  }

  private fallback(clause?: Clause): number | undefined {
    if (clause) return this.clause(clause);
    return this.tokens[this.from]?.start;
  }
}
