import { badInput, optionalText, requiredText } from '@l2c/shared';
import { COMPARISONS_BY_TYPE, NO_EXPECTATION, VALUE_FIELD, type Comparison, type ExpectationColumns, type IndicatorType } from './indicators.ts';
import { mustUnits } from './decimal.ts';
import { typedValue, type IndicatorLabel } from './values.ts';

/**
 * The content of a template version as a manager writes it: ordered tasks, each with ordered indicator definitions
 * (question, type, optional context record, optional expectation). Checked here as a whole, so a refused version
 * names the task and indicator at fault (`input.tasks[1].indicators[0].expected.number`), and nothing of it is stored.
 */

export type ContextKind = 'PRODUCT' | 'PROMOTION' | 'CONTRACT';

export interface ExpectationInput {
  comparison?: Comparison | null;
  number?: string | null;
  boolean?: boolean | null;
  text?: string | null;
  date?: string | null;
  maxNumber?: string | null;
  maxDate?: string | null;
}

export interface IndicatorInput {
  key?: string | null;
  question: string;
  description?: string | null;
  dataType: IndicatorType;
  unit?: string | null;
  isRequired?: boolean | null;
  context?: { kind: ContextKind; id: string; label?: string | null } | null;
  expected?: ExpectationInput | null;
}

export interface TaskInput {
  name: string;
  description?: string | null;
  isRequired?: boolean | null;
  indicators?: readonly IndicatorInput[] | null;
}

export interface IndicatorContent extends ExpectationColumns {
  position: number;
  key: string;
  question: string;
  description: string | null;
  data_type: IndicatorType;
  unit: string | null;
  is_required: boolean;
  context_kind: ContextKind | null;
  context_id: string | null;
  context_label: string | null;
}

export interface TaskContent {
  position: number;
  name: string;
  description: string | null;
  is_required: boolean;
  indicators: IndicatorContent[];
}

export const MAX_TASKS = 50;
export const MAX_INDICATORS_PER_TASK = 100;
const KEY = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** Checks and normalises a version's content; `field` is the input path of the task list. */
export function templateContent(field: string, tasks: readonly TaskInput[]): TaskContent[] {
  if (tasks.length === 0) throw badInput(field, tasks, 'a template version needs at least one task');
  if (tasks.length > MAX_TASKS) throw badInput(field, `${tasks.length} tasks`, `a template version has at most ${MAX_TASKS} tasks`);
  const names = new Set<string>();
  const keys = new Set<string>();
  return tasks.map((task, t) => {
    const at = `${field}[${t}]`;
    const name = requiredText(`${at}.name`, task.name, 255);
    if (names.has(name.toLowerCase())) throw badInput(`${at}.name`, task.name, 'task names must differ within a version');
    names.add(name.toLowerCase());
    const indicators = task.indicators ?? [];
    if (indicators.length > MAX_INDICATORS_PER_TASK) throw badInput(`${at}.indicators`, `${indicators.length} indicators`, `a task has at most ${MAX_INDICATORS_PER_TASK} indicators`);
    return {
      position: t + 1,
      name,
      description: optionalText(`${at}.description`, task.description, 2000) ?? null,
      is_required: task.isRequired ?? true,
      indicators: indicators.map((indicator, i) => indicatorContent(`${at}.indicators[${i}]`, indicator, i + 1, keys)),
    };
  });
}

function indicatorContent(at: string, input: IndicatorInput, position: number, keys: Set<string>): IndicatorContent {
  const question = requiredText(`${at}.question`, input.question, 255);
  const key = input.key == null ? uniqueKey(slug(question), keys) : checkedKey(`${at}.key`, input.key, keys);
  keys.add(key);
  const label: IndicatorLabel = { key, question, data_type: input.dataType };
  const context = input.context ?? null;
  return {
    position,
    key,
    question,
    description: optionalText(`${at}.description`, input.description, 2000) ?? null,
    data_type: input.dataType,
    unit: optionalText(`${at}.unit`, input.unit, 40) ?? null,
    is_required: input.isRequired ?? false,
    context_kind: context?.kind ?? null,
    context_id: context ? requiredText(`${at}.context.id`, context.id, 80) : null,
    context_label: context ? (optionalText(`${at}.context.label`, context.label, 255) ?? null) : null,
    ...expectation(`${at}.expected`, label, input.expected ?? null),
  };
}

/** An expectation's columns: the bound(s) in the columns of the indicator's type, checked like recorded values. */
export function expectation(at: string, indicator: IndicatorLabel, input: ExpectationInput | null): ExpectationColumns {
  if (!input) return NO_EXPECTATION;
  const type = indicator.data_type;
  const comparison = input.comparison ?? 'EQUALS';
  if (!COMPARISONS_BY_TYPE[type].includes(comparison)) {
    throw badInput(`${at}.comparison`, comparison, `a ${type} indicator compares with ${COMPARISONS_BY_TYPE[type].join(' or ')} only`);
  }
  const wanted = VALUE_FIELD[type];
  for (const other of ['number', 'boolean', 'text', 'date'] as const) {
    if (other !== wanted && input[other] != null) throw badInput(`${at}.${other}`, input[other], `a ${type} indicator's expected value is given as ${wanted}`);
  }
  const raw = input[wanted];
  if (raw == null) throw badInput(`${at}.${wanted}`, raw, `a ${type} indicator's expected value is given as ${wanted}`);
  const low = typedValue(`${at}.${wanted}`, indicator, raw);
  const maxField = type === 'DATE' ? 'maxDate' : 'maxNumber';
  const otherMax = type === 'DATE' ? 'maxNumber' : 'maxDate';
  if (input[otherMax] != null) throw badInput(`${at}.${otherMax}`, input[otherMax], `a ${type} indicator's upper bound is given as ${maxField}`);
  const rawMax = input[maxField];
  if (comparison === 'BETWEEN' && rawMax == null) throw badInput(`${at}.${maxField}`, rawMax, 'BETWEEN needs an upper bound');
  if (comparison !== 'BETWEEN' && rawMax != null) throw badInput(`${at}.${maxField}`, rawMax, `only BETWEEN takes an upper bound (comparison is ${comparison})`);
  const high = rawMax == null ? null : typedValue(`${at}.${maxField}`, indicator, rawMax);
  const columns: ExpectationColumns = {
    ...NO_EXPECTATION,
    comparison,
    expected_number: 'number' in low ? low.number : null,
    expected_boolean: 'boolean' in low ? low.boolean : null,
    expected_text: 'text' in low ? low.text : null,
    expected_date: 'date' in low ? low.date : null,
    expected_number_max: high && 'number' in high ? high.number : null,
    expected_date_max: high && 'date' in high ? high.date : null,
  };
  const inverted =
    (columns.expected_number_max !== null && mustUnits(columns.expected_number_max) < mustUnits(columns.expected_number!)) ||
    (columns.expected_date_max !== null && columns.expected_date_max < columns.expected_date!);
  if (inverted) throw badInput(`${at}.${maxField}`, rawMax, 'the upper bound must not be below the lower bound');
  return columns;
}

function checkedKey(field: string, raw: string, keys: Set<string>): string {
  const key = raw.trim();
  if (!KEY.test(key)) throw badInput(field, raw, 'a key is 1 to 63 lower-case letters, digits and hyphens, starting with a letter or digit');
  if (keys.has(key)) throw badInput(field, raw, 'indicator keys must differ within a version');
  return key;
}

/** `What share of parts is defective?` → `what-share-of-parts-is-defective`. */
export function slug(text: string): string {
  const base = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 56)
    .replace(/-+$/, '');
  return base === '' ? 'indicator' : base;
}

function uniqueKey(base: string, keys: Set<string>): string {
  if (!keys.has(base)) return base;
  for (let n = 2; ; n++) if (!keys.has(`${base}-${n}`)) return `${base}-${n}`;
}
