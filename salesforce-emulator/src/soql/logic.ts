/**
 * Rebuilds the boolean structure of a WHERE or HAVING clause. The parser hands it over as a right-leaning chain of
 * conditions in which parentheses survive only as `openParen`/`closeParen` counts, so the chain is flattened back
 * into tokens and parsed again with SOQL's rules: NOT applies to the condition or parenthesised group after it, and
 * AND and OR may not be mixed at one level without parentheses (Salesforce answers `unexpected token: 'OR'`).
 */
import type { HavingClause, WhereClause } from '@jetstreamapp/soql-parser-js';

export type Predicate<T> = (row: T) => boolean;

/** A leaf condition as the parser gives it (field or function, operator, value). */
export type LeafCondition = Record<string, unknown> & { operator?: string };

type LogicToken = { t: '(' } | { t: ')' } | { t: 'NOT' } | { t: 'AND' | 'OR'; index: number } | { t: 'COND'; cond: LeafCondition };

/** Raised for AND/OR mixed without parentheses; `index` counts the AND/OR keywords of the clause from 0. */
export class MixedLogicError extends Error {
  constructor(
    readonly operator: 'AND' | 'OR',
    readonly index: number,
  ) {
    super(`unexpected token: '${operator}'`);
  }
}

/**
 * Compiles a clause into one predicate. `leaf` compiles each condition; it is called in the order the conditions
 * appear, so a caller can number semi-join subqueries.
 */
export function compileLogic<T>(clause: WhereClause | HavingClause, leaf: (cond: LeafCondition) => Predicate<T>): Predicate<T> {
  const tokens: LogicToken[] = [];
  flatten(clause as unknown as ChainNode, tokens, { operators: 0 });
  let pos = 0;
  const peek = () => tokens[pos];

  const parseExpression = (): Predicate<T> => {
    const operands = [parseUnary()];
    let operator: 'AND' | 'OR' | undefined;
    for (let token = peek(); token && (token.t === 'AND' || token.t === 'OR'); token = peek()) {
      if (operator && token.t !== operator) throw new MixedLogicError(token.t, token.index);
      operator = token.t;
      pos++;
      operands.push(parseUnary());
    }
    if (operands.length === 1) return operands[0]!;
    return operator === 'AND' ? all(operands) : any(operands);
  };

  const parseUnary = (): Predicate<T> => {
    const token = peek();
    if (token?.t === 'NOT') {
      pos++;
      const inner = parseUnary();
      return (row) => !inner(row);
    }
    if (token?.t === '(') {
      pos++;
      const inner = parseExpression();
      if (peek()?.t === ')') pos++;
      return inner;
    }
    if (token?.t === 'COND') {
      pos++;
      return leaf(token.cond);
    }
    throw new Error(`Unexpected ${token?.t ?? 'end'} in a parsed condition`);
  };

  return parseExpression();
}

interface ChainNode {
  left?: (LeafCondition & { openParen?: number; closeParen?: number }) | null;
  operator?: string;
  right?: ChainNode;
}

function flatten(node: ChainNode, out: LogicToken[], counter: { operators: number }): void {
  const left = node.left;
  const isNegation = left != null && !('operator' in left) && !('field' in left) && !('fn' in left);
  if (left != null && !isNegation) {
    for (let i = 0; i < (left.openParen ?? 0); i++) out.push({ t: '(' });
    out.push({ t: 'COND', cond: left });
    for (let i = 0; i < (left.closeParen ?? 0); i++) out.push({ t: ')' });
  } else if (isNegation) {
    for (let i = 0; i < (left.openParen ?? 0); i++) out.push({ t: '(' });
  }
  if (node.operator === 'NOT') out.push({ t: 'NOT' });
  else if (node.operator === 'AND' || node.operator === 'OR') out.push({ t: node.operator, index: counter.operators++ });
  if (node.right) flatten(node.right, out, counter);
}

function all<T>(predicates: Predicate<T>[]): Predicate<T> {
  if (predicates.length === 2) {
    const [a, b] = predicates as [Predicate<T>, Predicate<T>];
    return (row) => a(row) && b(row);
  }
  return (row) => {
    for (const p of predicates) if (!p(row)) return false;
    return true;
  };
}

function any<T>(predicates: Predicate<T>[]): Predicate<T> {
  if (predicates.length === 2) {
    const [a, b] = predicates as [Predicate<T>, Predicate<T>];
    return (row) => a(row) || b(row);
  }
  return (row) => {
    for (const p of predicates) if (p(row)) return true;
    return false;
  };
}
