import { describe, expect, it } from 'vitest';
import { executeQuery } from './engine.ts';
import { SoqlError } from './errors.ts';
import { seededOrg } from './testing/seed.ts';

const { org } = seededOrg();

function failure(soql: string): { errorCode: string; message: string; status: number } {
  try {
    executeQuery(org, soql, { apiVersion: '60.0' });
  } catch (error) {
    if (error instanceof SoqlError) return { errorCode: error.errorCode, message: error.message, status: error.status };
    throw error;
  }
  throw new Error(`expected ${soql} to fail`);
}

const caret = (soql: string, column: number, detail: string) => `\n${soql}\n${' '.repeat(column - 1)}^\nERROR at Row:1:Column:${column}\n${detail}`;
const NO_SUCH_COLUMN = (field: string, entity: string) =>
  `No such column '${field}' on entity '${entity}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`;

describe('MALFORMED_QUERY', () => {
  it('reports the end of the query as <EOF>, as Salesforce does', () => {
    expect(failure('SELECT Id FROM Account WHERE')).toEqual({
      errorCode: 'MALFORMED_QUERY',
      status: 400,
      message: "\nSELECT Id FROM Account WHERE\n                            ^\nERROR at Row:1:Column:29\nunexpected token: '<EOF>'",
    });
  });

  it('names the unexpected token and points at it', () => {
    expect(failure('SELECT Id, FROM Account').message).toBe(caret('SELECT Id, FROM Account', 12, "unexpected token: 'FROM'"));
    expect(failure('SELECT Id FORM Account').message).toBe(caret('SELECT Id FORM Account', 16, "unexpected token: 'Account'"));
    expect(failure("SELECT Id FROM Account WHERE Name 'x'").message).toBe(caret("SELECT Id FROM Account WHERE Name 'x'", 35, "unexpected token: ''x''"));
    expect(failure('  ')).toEqual({ errorCode: 'MALFORMED_QUERY', status: 400, message: 'SOQL statements cannot be empty or null' });
  });

  it('refuses AND and OR mixed without parentheses', () => {
    const soql = "SELECT Id FROM Account WHERE Name = 'a' AND Type = 'b' OR Type = 'c'";
    expect(failure(soql).message).toBe(caret(soql, 56, "unexpected token: 'OR'"));
  });

  it('reports a character the lexer cannot read with its line and 0-based column', () => {
    expect(failure('SELECT Id from $casecomment').message).toBe(caret('SELECT Id from $casecomment', 16, "line 1:15 unexpected token: '$'"));
  });

  it('refuses duplicate fields, ungrouped fields, unsupported aggregates and impossible datetimes', () => {
    expect(failure('SELECT Id, Name, id FROM Account').message).toBe(caret('SELECT Id, Name, id FROM Account', 8, 'duplicate field selected: id'));
    expect(failure('SELECT Name, COUNT(Id) FROM Account').message).toBe(caret('SELECT Name, COUNT(Id) FROM Account', 8, 'Field must be grouped or aggregated: Name'));
    expect(failure('SELECT SUM(Name) FROM Account')).toMatchObject({ errorCode: 'MALFORMED_QUERY', message: expect.stringMatching(/field Name does not support aggregate operator SUM$/) });
    expect(failure('SELECT COUNT(IsWon) FROM Opportunity').message).toMatch(/field IsWon does not support aggregate operator COUNT$/);
    expect(failure('SELECT Id FROM Account WHERE CreatedDate > 2020-52-12T12:12:00-05:00').message).toMatch(/\nInvalid datetime: 2020-52-12T12:12:00-05:00$/);
  });

  it('asks for a LIMIT with FIELDS(ALL)', () => {
    expect(failure('SELECT FIELDS(ALL) FROM Account').message).toMatch(/The SOQL FIELDS function must have a LIMIT of at most 200$/);
  });
});

describe('INVALID_FIELD', () => {
  it("says No such column with Salesforce's full text", () => {
    expect(failure('SELECT Foo FROM Account')).toEqual({
      errorCode: 'INVALID_FIELD',
      status: 400,
      message:
        "\nSELECT Foo FROM Account\n       ^\nERROR at Row:1:Column:8\nNo such column 'Foo' on entity 'Account'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.",
    });
  });

  it('names the entity that lacks the field at the end of a path, and the clause it is in', () => {
    expect(failure('SELECT Id, Account.Nope FROM Contact').message).toBe(caret('SELECT Id, Account.Nope FROM Contact', 12, NO_SUCH_COLUMN('Nope', 'Account')));
    expect(failure("SELECT Id FROM Account WHERE Nope__c = 'x'").message).toBe(caret("SELECT Id FROM Account WHERE Nope__c = 'x'", 30, NO_SUCH_COLUMN('Nope__c', 'Account')));
    expect(failure('SELECT Id FROM Account ORDER BY Nope').message).toBe(caret('SELECT Id FROM Account ORDER BY Nope', 33, NO_SUCH_COLUMN('Nope', 'Account')));
  });

  it("reports a relationship it doesn't understand", () => {
    expect(failure('SELECT Acct.Name FROM Contact').message).toBe(
      caret(
        'SELECT Acct.Name FROM Contact',
        8,
        "Didn't understand relationship 'Acct' in field path. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.",
      ),
    );
  });

  it('refuses literals of the wrong type, pointing at the field', () => {
    const boolean = "SELECT Id FROM Account WHERE IsPartner__c = 'true'";
    expect(failure(boolean)).toMatchObject({
      errorCode: 'INVALID_FIELD',
      message: caret(boolean, 30, "value of filter criterion for field 'IsPartner__c' must be of type boolean and should not be enclosed in quotes"),
    });
    expect(failure('SELECT Id FROM Account WHERE Name = 3999').message).toMatch(
      /value of filter criterion for field 'Name' must be of type string and should be enclosed in quotes$/,
    );
    expect(failure("SELECT Id FROM Opportunity WHERE Amount > '5'").message).toMatch(/field 'Amount' must be of type double and should not be enclosed in quotes$/);
    expect(failure('SELECT Id FROM Account WHERE CreatedDate > 2020-01-01').message).toMatch(/field 'CreatedDate' must be of type dateTime and should not be enclosed in quotes$/);
    expect(failure('SELECT Id FROM Opportunity WHERE CloseDate > 2020-01-01T00:00:00Z').message).toMatch(/field 'CloseDate' must be of type date and should not be enclosed/);
  });

  it('refuses to filter or sort on long text', () => {
    expect(failure("SELECT Id FROM Account WHERE Description = 'x'").message).toMatch(/\nfield 'Description' can not be filtered in a query call$/);
    expect(failure('SELECT Id FROM Account ORDER BY Description').message).toMatch(/\nfield 'Description' can not be sorted in a query call$/);
  });
});

describe('INVALID_TYPE', () => {
  it('refuses an unknown object', () => {
    expect(failure('SELECT Id FROM Foo')).toEqual({
      errorCode: 'INVALID_TYPE',
      status: 400,
      message:
        "\nSELECT Id FROM Foo\n               ^\nERROR at Row:1:Column:16\nsObject type 'Foo' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.",
    });
  });

  it('refuses an unknown child relationship in a subquery', () => {
    expect(failure('SELECT Id, (SELECT Id FROM Contact) FROM Account')).toMatchObject({
      errorCode: 'INVALID_TYPE',
      message: caret(
        'SELECT Id, (SELECT Id FROM Contact) FROM Account',
        28,
        "Didn't understand relationship 'Contact' in FROM part of query call. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.",
      ),
    });
  });
});

describe('INVALID_QUERY_FILTER_OPERATOR', () => {
  it('refuses a value that is not an ID', () => {
    const soql = "SELECT Id FROM Account WHERE Id = 'abc'";
    expect(failure(soql)).toMatchObject({ errorCode: 'INVALID_QUERY_FILTER_OPERATOR', message: caret(soql, 30, 'invalid ID field: abc') });
  });

  it('refuses LIKE on IDs and multi-select picklists, and INCLUDES elsewhere', () => {
    expect(failure("SELECT Id FROM Account WHERE Id LIKE '001%'")).toMatchObject({ errorCode: 'INVALID_QUERY_FILTER_OPERATOR', message: expect.stringMatching(/invalid operator on id field$/) });
    expect(failure("SELECT Id FROM Account WHERE Brands__c LIKE 'A%'").message).toMatch(/invalid operator on multipicklist field$/);
    expect(failure("SELECT Id FROM Account WHERE Type INCLUDES ('Dealer')")).toMatchObject({
      errorCode: 'INVALID_QUERY_FILTER_OPERATOR',
      message: expect.stringMatching(/includes or excludes operator only valid on multipicklist field$/),
    });
  });
});

describe('limits and gaps', () => {
  it('caps OFFSET at 2000 with NUMBER_OUTSIDE_VALID_RANGE', () => {
    expect(failure('SELECT Id FROM Account LIMIT 10 OFFSET 2001')).toEqual({ errorCode: 'NUMBER_OUTSIDE_VALID_RANGE', status: 400, message: 'Maximum SOQL offset allowed is 2000' });
  });

  it('names emulator gaps as such instead of blaming the query', () => {
    expect(failure('SELECT TYPEOF Owner WHEN User THEN Name END FROM Account').errorCode).toBe('EMULATOR_UNSUPPORTED_QUERY');
    expect(failure('SELECT Id FROM Account WHERE CALENDAR_YEAR(CreatedDate) = 2026').errorCode).toBe('EMULATOR_UNSUPPORTED_QUERY');
  });

  it('points at the row of a multi-line query', () => {
    expect(failure("SELECT Id\nFROM Account\nWHERE Nope__c = 1").message).toBe(`\nWHERE Nope__c = 1\n      ^\nERROR at Row:3:Column:7\n${NO_SUCH_COLUMN('Nope__c', 'Account')}`);
  });
});
