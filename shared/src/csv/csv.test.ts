import { describe, expect, it } from 'vitest';
import { CsvFormatError, CsvRecordReader, csvLines, parseCsv, parseCsvRows, toCsv } from './index.ts';

describe('CSV as Bulk API 2.0 speaks it', () => {
  it('parses quotes, escaped quotes, embedded delimiters and line breaks, LF and CRLF', () => {
    const text = 'Id,Name,Note\r\n1,"Smith, Jones","said ""hi""\nthen left"\r\n2,Plain;text|pipe,\n';
    expect(parseCsv(text)).toEqual({
      columns: ['Id', 'Name', 'Note'],
      rows: [
        { Id: '1', Name: 'Smith, Jones', Note: 'said "hi"\nthen left' },
        { Id: '2', Name: 'Plain;text|pipe', Note: '' },
      ],
    });
    expect(parseCsvRows('a,b')).toEqual([['a', 'b']]);
  });

  it('writes null as #N/A, an absent value as an empty cell, and quotes what needs it', () => {
    expect(toCsv(['A', 'B', 'C'], [{ A: null, B: 'x, "y"', C: undefined }, { A: 1, B: true, C: ' padded' }])).toBe('A,B,C\n#N/A,"x, ""y""",\n1,true," padded"\n');
    const round = parseCsv(toCsv(['A'], [{ A: 'line\nbreak' }]));
    expect(round.rows[0]!.A).toBe('line\nbreak');
  });

  it('reads a large text a slice at a time, in any of the six delimiters', () => {
    for (const delimiter of [',', '\t', '|', ';', '^', '`']) {
      const lines = [`Name${delimiter}Note`, ...Array.from({ length: 2_500 }, (_, i) => `n${i}${delimiter}"a ${delimiter} b\nline ""${i}"""`)];
      const reader = new CsvRecordReader(`${lines.join('\r\n')}\r\n`, { delimiter, lineEnding: 'CRLF' }, 1_000);
      const slices: number[] = [];
      for (let records = reader.read(1_000); records.length > 0; records = reader.read(1_000)) slices.push(records.length);
      expect(slices).toEqual([1_000, 1_000, 501]);
      expect(reader.done).toBe(true);
      expect(new CsvRecordReader(lines.join('\n'), { delimiter, lineEnding: 'LF' }).read(3)[2]).toEqual(['n1', `a ${delimiter} b\nline "1"`]);
    }
  });

  it('refuses data whose lines end otherwise than the dialect says, on the first line or a later one', () => {
    expect(() => new CsvRecordReader('Name\r\na\r\n', { lineEnding: 'LF' })).toThrow(expect.objectContaining({ reason: 'lineEnding' }));
    expect(() => parseCsvRows('Name\na\n', { lineEnding: 'CRLF' })).toThrow(CsvFormatError);
    const reader = new CsvRecordReader('Name\na\nb\r\nc\n', { lineEnding: 'LF' });
    expect(() => reader.read(10)).toThrow(/record 3 ends in CRLF, not LF/);
  });

  it('refuses text that is not CSV, saying where', () => {
    expect(() => parseCsvRows('a,b\n"unclosed,2\n')).toThrow(expect.objectContaining({ name: 'CsvFormatError', reason: 'syntax' }));
    expect(() => new CsvRecordReader('a,b\n"x"y,2\n').read(5)).toThrow(/Invalid Closing Quote/);
  });

  it('writes result lines with every value quoted, or only what needs it', () => {
    expect(csvLines([['a', '', 'say "hi"']], { delimiter: '|', lineEnding: 'CRLF', quote: 'all' })).toBe('"a"|""|"say ""hi"""\r\n');
    expect(csvLines([['plain', 'a|b', 'two\nlines']], { delimiter: '|', quote: 'needed' })).toBe('plain|"a|b"|"two\nlines"\n');
  });
});
