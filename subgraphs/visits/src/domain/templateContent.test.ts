import { describe, expect, it } from 'vitest';
import { slug, templateContent, type TaskInput } from './templateContent.ts';

const task = (indicators: TaskInput['indicators'], name = 'Back office inspection'): TaskInput => ({ name, indicators });

describe('template content', () => {
  it('normalises tasks and indicators in their order, with keys from the questions', () => {
    const [first] = templateContent('input.tasks', [
      task([
        { question: 'What percentage of spare parts are defective?', dataType: 'PERCENTAGE', isRequired: true, expected: { comparison: 'AT_MOST', number: '10.0' } },
        { question: 'What percentage of spare parts are defective?', dataType: 'TEXT', context: { kind: 'CONTRACT', id: ' c-21 ', label: 'C-000021' } },
      ]),
    ]);
    expect(first).toMatchObject({ position: 1, name: 'Back office inspection', is_required: true });
    expect(first!.indicators.map((i) => [i.position, i.key, i.data_type])).toEqual([
      [1, 'what-percentage-of-spare-parts-are-defective', 'PERCENTAGE'],
      [2, 'what-percentage-of-spare-parts-are-defective-2', 'TEXT'],
    ]);
    expect(first!.indicators[0]).toMatchObject({ comparison: 'AT_MOST', expected_number: '10', expected_number_max: null, is_required: true });
    expect(first!.indicators[1]).toMatchObject({ comparison: null, context_kind: 'CONTRACT', context_id: 'c-21', context_label: 'C-000021' });
    expect(slug('Café – Öffnungszeiten?')).toBe('cafe-offnungszeiten');
  });

  it('expectations fit their type: the value field, the comparisons, BETWEEN’s upper bound', () => {
    const refuse = (expected: NonNullable<TaskInput['indicators']>[number]['expected'], dataType: 'NUMBER' | 'BOOLEAN' | 'DATE' | 'TEXT' = 'NUMBER') => () =>
      templateContent('input.tasks', [task([{ key: 'agents', question: 'Agents trained', dataType, expected }])]);
    expect(refuse({ boolean: true })).toThrow('input.tasks[0].indicators[0].expected.boolean: a NUMBER indicator\'s expected value is given as number (got true)');
    expect(refuse({ comparison: 'AT_LEAST', boolean: true }, 'BOOLEAN')).toThrow('input.tasks[0].indicators[0].expected.comparison: a BOOLEAN indicator compares with EQUALS only (got "AT_LEAST")');
    expect(refuse({ comparison: 'BETWEEN', number: '3' })).toThrow('expected.maxNumber: BETWEEN needs an upper bound');
    expect(refuse({ comparison: 'AT_LEAST', number: '3', maxNumber: '6' })).toThrow('expected.maxNumber: only BETWEEN takes an upper bound (comparison is AT_LEAST)');
    expect(refuse({ comparison: 'BETWEEN', number: '6', maxNumber: '3' })).toThrow('expected.maxNumber: the upper bound must not be below the lower bound');
    expect(refuse({ comparison: 'BETWEEN', date: '2026-03-01', maxNumber: '3' }, 'DATE')).toThrow("expected.maxNumber: a DATE indicator's upper bound is given as maxDate");
    expect(refuse({ number: 'twenty' })).toThrow(/expected\.number: indicator "Agents trained" \(agents, NUMBER\) takes a decimal number/);
    const [between] = templateContent('t', [task([{ key: 'fleet', question: 'Test-drive fleet', dataType: 'NUMBER', expected: { comparison: 'BETWEEN', number: '3', maxNumber: '6' } }])]);
    expect(between!.indicators[0]).toMatchObject({ comparison: 'BETWEEN', expected_number: '3', expected_number_max: '6' });
  });

  it('refuses empty versions, duplicate task names and keys, and bad keys', () => {
    expect(() => templateContent('input.tasks', [])).toThrow('input.tasks: a template version needs at least one task');
    expect(() => templateContent('input.tasks', [task([]), task([], 'back office INSPECTION')])).toThrow('input.tasks[1].name: task names must differ within a version');
    const twice = [task([{ key: 'agents', question: 'A', dataType: 'NUMBER' }]), task([{ key: 'agents', question: 'B', dataType: 'NUMBER' }], 'Other')];
    expect(() => templateContent('input.tasks', twice)).toThrow('input.tasks[1].indicators[0].key: indicator keys must differ within a version');
    expect(() => templateContent('input.tasks', [task([{ key: 'Agents Trained', question: 'A', dataType: 'NUMBER' }])])).toThrow(/key: a key is 1 to 63 lower-case letters/);
  });
});
