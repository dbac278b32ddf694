import type { Writable } from 'node:stream';
import type { Queryable, Scope } from '@l2c/shared';
import { ATTRIBUTE_TYPES, type AttributeName } from '../domain/logEntry.ts';
import type { CaseFilter } from '../store/cases.ts';
import { sinkOf } from './sink.ts';
import { casesWithEvents } from './source.ts';
import { xmlAttribute } from './xml.ts';

/** The XES attribute element for each attribute type of the log. */
const ELEMENT = { string: 'string', float: 'float', integer: 'int', boolean: 'boolean' } as const;

/**
 * The flattened log as XES (IEEE 1849-2016): one trace per opportunity case with the case's attributes, its events
 * with concept:name (the activity), time:timestamp, lifecycle:transition and org:resource (the sales rep), and the
 * event's attributes typed. Valid against the standard's XML schema; streamed case by case.
 */
export async function writeXes(db: Queryable, scope: Scope, filter: CaseFilter, out: Writable): Promise<void> {
  const sink = sinkOf(out);
  await sink.write(
    [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<log xes.version="1849.2016" xes.features="nested-attributes">',
      '  <extension name="Concept" prefix="concept" uri="http://www.xes-standard.org/concept.xesext"/>',
      '  <extension name="Time" prefix="time" uri="http://www.xes-standard.org/time.xesext"/>',
      '  <extension name="Lifecycle" prefix="lifecycle" uri="http://www.xes-standard.org/lifecycle.xesext"/>',
      '  <extension name="Organizational" prefix="org" uri="http://www.xes-standard.org/org.xesext"/>',
      '  <extension name="Identity" prefix="identity" uri="http://www.xes-standard.org/identity.xesext"/>',
      '  <global scope="trace">',
      '    <string key="concept:name" value="__INVALID__"/>',
      '  </global>',
      '  <global scope="event">',
      '    <string key="concept:name" value="__INVALID__"/>',
      '    <date key="time:timestamp" value="1970-01-01T00:00:00.000Z"/>',
      '    <string key="lifecycle:transition" value="complete"/>',
      '  </global>',
      '  <classifier name="Activity" keys="concept:name"/>',
      '  <string key="concept:name" value="Lead to cash"/>',
      '',
    ].join('\n'),
  );
  for await (const { row, events } of casesWithEvents(db, scope, filter)) {
    const lines = ['  <trace>', `    <string key="concept:name" value="${xmlAttribute(row.case_id)}"/>`];
    const traceAttribute = (element: string, key: string, value: string | null) => {
      if (value !== null && value !== '') lines.push(`    <${element} key="${key}" value="${xmlAttribute(value)}"/>`);
    };
    traceAttribute('string', 'dealer', row.dealer_id);
    traceAttribute('string', 'salesRep', row.sales_rep);
    traceAttribute('string', 'segment', row.segment);
    traceAttribute('string', 'productFamily', row.product_family);
    traceAttribute('string', 'region', row.region);
    traceAttribute('string', 'stage', row.stage);
    traceAttribute('float', 'amount', row.amount);
    traceAttribute('float', 'discountPercent', row.discount_percent);
    traceAttribute('boolean', 'isWon', row.is_won === null ? null : String(row.is_won));
    for (const event of events) {
      lines.push(
        '    <event>',
        `      <string key="concept:name" value="${xmlAttribute(event.activity)}"/>`,
        `      <date key="time:timestamp" value="${event.occurred_at.toISOString()}"/>`,
        '      <string key="lifecycle:transition" value="complete"/>',
        `      <id key="identity:id" value="${xmlAttribute(event.id)}"/>`,
      );
      const resource = event.attributes.salesRep ?? row.sales_rep;
      if (resource !== null && resource !== undefined) lines.push(`      <string key="org:resource" value="${xmlAttribute(String(resource))}"/>`);
      if (event.qualifier) lines.push(`      <string key="qualifier" value="${xmlAttribute(event.qualifier)}"/>`);
      for (const [name, value] of Object.entries(event.attributes)) {
        if (name === 'salesRep') continue;
        const type = ATTRIBUTE_TYPES[name as AttributeName] ?? 'string';
        lines.push(`      <${ELEMENT[type]} key="${xmlAttribute(name)}" value="${xmlAttribute(String(value))}"/>`);
      }
      lines.push('    </event>');
    }
    lines.push('  </trace>', '');
    await sink.write(lines.join('\n'));
  }
  await sink.write('</log>\n');
  await sink.end();
}
