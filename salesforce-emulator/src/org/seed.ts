import type { FieldValue } from './types.ts';

/** The integration user the API logs in as. */
export interface SeedUser {
  /** Default: `integration@l2c.example`. */
  username?: string;
  /** Default: `Integration`. */
  firstName?: string;
  /** Default: `User`. */
  lastName?: string;
  /** Default: the username. */
  email?: string;
}

/**
 * The records every org has before anyone writes: the integration user, the lead statuses and opportunity stages
 * behind the Status and StageName picklists (with Salesforce's default values), and the standard price book.
 */
export function standardRecords(user: SeedUser = {}): { type: string; fields: Record<string, FieldValue> }[] {
  const username = user.username ?? 'integration@l2c.example';
  const firstName = user.firstName ?? 'Integration';
  const lastName = user.lastName ?? 'User';
  return [
    {
      type: 'User',
      fields: {
        Username: username,
        FirstName: firstName,
        LastName: lastName,
        Name: `${firstName} ${lastName}`,
        Alias: 'integ',
        Email: user.email ?? username,
        IsActive: true,
        TimeZoneSidKey: 'Europe/Berlin',
        LocaleSidKey: 'en_US',
        EmailEncodingKey: 'UTF-8',
        LanguageLocaleKey: 'en_US',
        UserType: 'Standard',
      },
    },
    ...LEAD_STATUSES.map(([label, isConverted, isDefault], index) => ({
      type: 'LeadStatus',
      fields: { MasterLabel: label, ApiName: label, SortOrder: index + 1, IsDefault: isDefault, IsConverted: isConverted },
    })),
    ...STAGES.map(([label, probability, forecast, forecastName, isClosed, isWon], index) => ({
      type: 'OpportunityStage',
      fields: {
        MasterLabel: label,
        ApiName: label,
        IsActive: true,
        SortOrder: index + 1,
        DefaultProbability: probability,
        ForecastCategory: forecast,
        ForecastCategoryName: forecastName,
        IsClosed: isClosed,
        IsWon: isWon,
      },
    })),
    { type: 'Pricebook2', fields: { Name: 'Standard Price Book', IsActive: true, IsStandard: true } },
  ];
}

const LEAD_STATUSES: [string, boolean, boolean][] = [
  ['Open - Not Contacted', false, true],
  ['Working - Contacted', false, false],
  ['Closed - Converted', true, false],
  ['Closed - Not Converted', false, false],
];

const STAGES: [string, number, string, string, boolean, boolean][] = [
  ['Prospecting', 10, 'Pipeline', 'Pipeline', false, false],
  ['Qualification', 10, 'Pipeline', 'Pipeline', false, false],
  ['Needs Analysis', 20, 'Pipeline', 'Pipeline', false, false],
  ['Value Proposition', 50, 'Pipeline', 'Pipeline', false, false],
  ['Id. Decision Makers', 60, 'Pipeline', 'Pipeline', false, false],
  ['Perception Analysis', 70, 'Pipeline', 'Pipeline', false, false],
  ['Proposal/Price Quote', 75, 'Pipeline', 'Pipeline', false, false],
  ['Negotiation/Review', 90, 'Pipeline', 'Pipeline', false, false],
  ['Closed Won', 100, 'Closed', 'Closed', true, true],
  ['Closed Lost', 0, 'Omitted', 'Omitted', true, false],
];
