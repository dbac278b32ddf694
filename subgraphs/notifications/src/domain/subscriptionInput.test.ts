import { describe, expect, it } from 'vitest';
import { DomainError } from '@l2c/shared';
import { eventTypesValue, previousSecretMinutes, webhookUrl } from './subscriptionInput.ts';

function refusal(run: () => unknown): DomainError {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('webhook URLs', () => {
  it('accept https anywhere and plain http to localhost or 127.0.0.1 only', () => {
    expect(webhookUrl('input.url', ' https://dealer.example.com/l2c ')).toBe('https://dealer.example.com/l2c');
    expect(webhookUrl('input.url', 'http://localhost:8080/hooks')).toBe('http://localhost:8080/hooks');
    expect(webhookUrl('input.url', 'http://127.0.0.1:9000/')).toBe('http://127.0.0.1:9000/');
  });

  it('refuse other plain http with BAD_USER_INPUT naming the field', () => {
    const error = refusal(() => webhookUrl('input.url', 'http://dealer.example.com/hooks'));
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.details).toMatchObject({ field: 'input.url', value: 'http://dealer.example.com/hooks' });
    expect(error.message).toBe('input.url: must use https; plain http is accepted only for localhost and 127.0.0.1 (development) (got "http://dealer.example.com/hooks")');
    expect(refusal(() => webhookUrl('input.url', 'http://10.0.0.5/')).message).toMatch(/must use https/);
  });

  it('refuse what is not an http(s) URL, credentials in the URL and fragments', () => {
    expect(refusal(() => webhookUrl('input.url', 'dealer.example.com/hooks')).message).toMatch(/^input.url: must be an absolute URL/);
    expect(refusal(() => webhookUrl('input.url', 'ftp://dealer.example.com/')).message).toMatch(/must be an https URL/);
    expect(refusal(() => webhookUrl('input.url', 'https://user:pw@dealer.example.com/')).message).toMatch(/user name or password/);
    expect(refusal(() => webhookUrl('input.url', 'https://dealer.example.com/#x')).message).toMatch(/fragment/);
    expect(refusal(() => webhookUrl('input.url', `https://dealer.example.com/${'a'.repeat(2048)}`)).message).toMatch(/at most 2048/);
  });
});

describe('event types', () => {
  it('are known types, at least one, deduplicated and sorted', () => {
    expect(eventTypesValue('input.eventTypes', ['OpportunityWon', 'LeadAssigned', 'OpportunityWon'])).toEqual(['LeadAssigned', 'OpportunityWon']);
    expect(refusal(() => eventTypesValue('input.eventTypes', [])).message).toMatch(/^input.eventTypes: must name at least one event type/);
    const unknown = refusal(() => eventTypesValue('input.eventTypes', ['LeadAssigned', 'LeadExploded']));
    expect(unknown.details).toMatchObject({ field: 'input.eventTypes[1]', value: 'LeadExploded' });
    expect(unknown.message).toMatch(/is not an event type; known types are LeadArchived, LeadAssigned/);
  });
});

describe('grace period of a rotated-out secret', () => {
  it('is 0 by default and at most a week', () => {
    expect(previousSecretMinutes('previousSecretValidForMinutes', undefined)).toBe(0);
    expect(previousSecretMinutes('previousSecretValidForMinutes', 60)).toBe(60);
    expect(refusal(() => previousSecretMinutes('previousSecretValidForMinutes', 10_081)).details).toMatchObject({ field: 'previousSecretValidForMinutes' });
    expect(refusal(() => previousSecretMinutes('previousSecretValidForMinutes', -1)).code).toBe('BAD_USER_INPUT');
  });
});
