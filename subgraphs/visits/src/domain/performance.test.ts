import { describe, expect, it } from 'vitest';
import { dealerPerformance, monthsBetween, type ResultFacts } from './performance.ts';
import { trendOf } from './trend.ts';

const at = (month: string, day = 10) => new Date(`${month}-${String(day).padStart(2, '0')}T10:00:00Z`);

describe('trend', () => {
  it('is the least-squares slope in points per month; under 1 either way is steady; fewer than three months say nothing', () => {
    expect(trendOf(['50.0', '60.0', '70.0'])).toEqual({ direction: 'IMPROVING', slope: '10.0', months: 3 });
    expect(trendOf(['80.0', null, '70.0', '60.0'])).toMatchObject({ direction: 'DECLINING', months: 3 });
    expect(trendOf(['70.0', '70.5', '69.8', '70.2'])).toMatchObject({ direction: 'STEADY' });
    expect(trendOf([null, '50.0', null, '90.0'])).toEqual({ direction: 'INSUFFICIENT_DATA', slope: null, months: 2 });
  });
});

describe('dealer performance', () => {
  it('lists every month of the range, pools each month’s visits and follows indicators by key across versions', () => {
    const visits = [
      { id: 'v1', completed_at: at('2025-07'), met_count: 2, evaluated_count: 4 },
      { id: 'v2', completed_at: at('2025-07', 20), met_count: 3, evaluated_count: 4 },
      { id: 'v3', completed_at: at('2025-09'), met_count: 4, evaluated_count: 4 },
      { id: 'v4', completed_at: at('2025-10'), met_count: 4, evaluated_count: 4 },
      { id: 'late', completed_at: at('2026-01'), met_count: 0, evaluated_count: 4 },
    ];
    const result = (visit_id: string, month: string, version: number, met: boolean | null, actual: string | null, deviation: string | null): ResultFacts => ({
      visit_id,
      completed_at: at(month),
      key: 'agents-trained',
      question: version === 2 ? 'How many agents were trained?' : 'Agents trained',
      data_type: 'NUMBER',
      version,
      met,
      actual_number: actual,
      deviation,
      recorded: actual !== null,
    });
    const results = [result('v1', '2025-07', 1, false, '12', '-8'), result('v2', '2025-07', 1, true, '21', '0'), result('v3', '2025-09', 2, true, '25', '0'), result('v4', '2025-10', 2, null, null, null)];
    const performance = dealerPerformance({ from: '2025-07-01', to: '2025-10-31' }, visits, results);
    expect(performance.months).toEqual([
      { month: '2025-07', visits: 2, met: 5, evaluated: 8, score: '62.5' },
      { month: '2025-08', visits: 0, met: 0, evaluated: 0, score: null },
      { month: '2025-09', visits: 1, met: 4, evaluated: 4, score: '100.0' },
      { month: '2025-10', visits: 1, met: 4, evaluated: 4, score: '100.0' },
    ]);
    expect(performance).toMatchObject({ visits: 4, met: 13, evaluated: 16, score: '81.3', trend: { direction: 'IMPROVING', months: 3 } });
    const [agents] = performance.indicators;
    expect(agents).toMatchObject({ key: 'agents-trained', question: 'How many agents were trained?', recorded: 3, met: 2, evaluated: 3, metRate: '66.7' });
    expect(agents!.months[0]).toEqual({ month: '2025-07', recorded: 2, met: 1, evaluated: 2, metRate: '50.0', average: '16.5', averageDeviation: '-4' });
    expect(agents!.months[3]).toMatchObject({ recorded: 0, evaluated: 0, metRate: null, average: null });
  });

  it('refuses a reversed or too long range', () => {
    expect(monthsBetween('2025-11-15', '2026-02-01')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(() => monthsBetween('2026-02-01', '2026-01-01')).toThrow('to: must not be before from (2026-02-01) (got "2026-01-01")');
    expect(() => monthsBetween('2020-01-01', '2026-01-01')).toThrow(/covers more than 36 months/);
  });
});
