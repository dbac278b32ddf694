import type { TaskInput } from '../domain/templateContent.ts';

/**
 * The demo's action plan templates, in the shape a manager sends them through the graph (and checked the same way).
 * "Dealer performance assessment" is the quarterly assessment of the source material: front office, training and
 * back office, with a customer-feedback question about a vehicle (a CPQ product), a promotion-banner check, trained
 * agents (at least 20) and defective spare parts (at most 10 %). Version 2 adds the test-drive fleet (3 to 6 cars).
 */

export interface DemoTemplate {
  key: string;
  name: string;
  description: string;
  versions: { note: string | null; tasks: TaskInput[] }[];
}

/** The vehicle the feedback question is about, by CPQ product code (its id is asked of CPQ when the demo loads). */
export const FEEDBACK_PRODUCT_CODE = 'V-SOL-PERFORMANCE';
export const PROMOTION = { id: 'PROMO-EXT-WARRANTY', label: 'Extended warranty offer' } as const;

function performanceTasks(productId: string | null, withFleet: boolean): TaskInput[] {
  return [
    {
      name: 'Front office inspection',
      indicators: [
        {
          key: 'new-model-feedback',
          question: 'What feedback have customers given on the new vehicle model?',
          dataType: 'TEXT',
          ...(productId ? { context: { kind: 'PRODUCT' as const, id: productId, label: 'Solen e Performance' } } : {}),
        },
        { key: 'promotion-banners', question: 'Are all promotion banners placed correctly?', dataType: 'BOOLEAN', isRequired: true, context: { kind: 'PROMOTION', ...PROMOTION }, expected: { boolean: true } },
        ...(withFleet ? [{ key: 'test-drive-fleet', question: 'How many test-drive vehicles are ready in the showroom?', dataType: 'NUMBER' as const, unit: 'vehicles', isRequired: true, expected: { comparison: 'BETWEEN' as const, number: '3', maxNumber: '6' } }] : []),
      ],
    },
    {
      name: 'Dealer training and onboarding',
      indicators: [
        { key: 'last-product-training', question: 'When was the last product training?', dataType: 'DATE' },
        { key: 'agents-trained', question: 'How many agents attended the training?', dataType: 'NUMBER', unit: 'agents', isRequired: true, expected: { comparison: 'AT_LEAST', number: '20' } },
      ],
    },
    {
      name: 'Back office inspection',
      indicators: [
        { key: 'defective-spare-parts', question: 'What percentage of spare parts in stock are defective?', dataType: 'PERCENTAGE', isRequired: true, expected: { comparison: 'AT_MOST', number: '10' } },
        { key: 'new-contract-discussed', question: 'Were the terms of the new dealer contract discussed?', dataType: 'BOOLEAN', expected: { boolean: true } },
      ],
    },
  ];
}

export function demoTemplates(productId: string | null): DemoTemplate[] {
  return [
    {
      key: 'performance',
      name: 'Dealer performance assessment',
      description: 'Quarterly assessment of a dealership: front office, training and back office.',
      versions: [
        { note: null, tasks: performanceTasks(productId, false) },
        { note: 'Adds the test-drive fleet check.', tasks: performanceTasks(productId, true) },
      ],
    },
    {
      key: 'onboarding',
      name: 'Dealer onboarding audit',
      description: 'Checks a new dealership before it opens for business.',
      versions: [
        {
          note: null,
          tasks: [
            {
              name: 'Facilities',
              indicators: [
                { key: 'brand-signage', question: 'Is the brand signage installed?', dataType: 'BOOLEAN', isRequired: true, expected: { boolean: true } },
                { key: 'service-bays', question: 'How many service bays are ready?', dataType: 'NUMBER', unit: 'bays', expected: { comparison: 'AT_LEAST', number: '4' } },
              ],
            },
            {
              name: 'Systems',
              indicators: [
                { key: 'dms-connected', question: 'Is the dealer management system connected?', dataType: 'BOOLEAN', isRequired: true, expected: { boolean: true } },
                { key: 'go-live-date', question: 'Planned go-live date', dataType: 'DATE' },
              ],
            },
          ],
        },
      ],
    },
  ];
}

/** The demo assessors; the first is the development assessor token's subject (`npm run token -- assessor`). */
export const DEMO_ASSESSORS = [
  { key: 'herrera', subject: 'dev-assessor', name: 'Tomás Herrera', email: 'tomas.herrera@oem.example' },
  { key: 'falk', subject: 'dev-assessor-falk', name: 'Ingrid Falk', email: 'ingrid.falk@oem.example' },
  { key: 'raman', subject: 'dev-assessor-raman', name: 'Priya Raman', email: 'priya.raman@oem.example' },
] as const;
