import { describe, expect, it } from 'vitest';
import type { CompiledField, CompiledMapping } from './compile.ts';
import { text } from './convert.ts';
import { editedValues } from './resolve.ts';

const field = (sf: string, sfType: string, inbound = true, outbound = true): CompiledField => ({ sf, column: sf.toLowerCase(), sfType, convert: text(), inbound, outbound, createable: true, updateable: true });
const mapping = {
  name: 'Lead',
  fields: [field('Email', 'email'), field('NumberOfEmployees', 'int'), field('HasOptedOutOfEmail', 'boolean'), field('ConvertedDate', 'date'), field('Rating', 'picklist', true, false)],
} as unknown as CompiledMapping;

describe('edited values of a conflict', () => {
  it('are canonical Salesforce values by field type; empty text is null', () => {
    expect(editedValues(mapping, { Email: ' a@example.com ', NumberOfEmployees: '120', HasOptedOutOfEmail: 'true', ConvertedDate: '2026-03-01' })).toEqual({
      Email: 'a@example.com',
      NumberOfEmployees: 120,
      HasOptedOutOfEmail: true,
      ConvertedDate: '2026-03-01',
    });
    expect(editedValues(mapping, { Email: '', NumberOfEmployees: null })).toEqual({ Email: null, NumberOfEmployees: null });
  });

  it('are refused naming the field, the value and the rule', () => {
    expect(() => editedValues(mapping, { Colour: 'red' })).toThrow('values.Colour: is not a field of the Lead mapping (Email, NumberOfEmployees, HasOptedOutOfEmail, ConvertedDate, Rating) (got "red")');
    expect(() => editedValues(mapping, { Rating: 'Hot' })).toThrow('values.Rating: does not travel both ways, so an edit could not be kept on both sides (got "Hot")');
    expect(() => editedValues(mapping, { NumberOfEmployees: 'many' })).toThrow('values.NumberOfEmployees: is not a valid int value (got "many")');
    expect(() => editedValues(mapping, { NumberOfEmployees: '12.5' })).toThrow('values.NumberOfEmployees: is not a valid int value (got "12.5")');
    expect(() => editedValues(mapping, { HasOptedOutOfEmail: 'yes' })).toThrow('values.HasOptedOutOfEmail: is not a valid boolean value (got "yes")');
    expect(() => editedValues(mapping, { ConvertedDate: '1 March' })).toThrow('values.ConvertedDate: is not a valid date value (got "1 March")');
  });
});
