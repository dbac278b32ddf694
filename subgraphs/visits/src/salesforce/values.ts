/**
 * How the visits' values read in Salesforce. Pure converters; each says which local values share a Salesforce value
 * and what a Salesforce value without a local twin reads as.
 */
import { convert, UnmappableValueError, type FieldConverter, type SfValue } from '@l2c/shared';
import { fromUnits, toUnits, VALUE_SCALE } from '../domain/decimal.ts';

/** Visit.Status ↔ visits.status. A visit on nobody's calendar yet is `Unscheduled`; one with assessors `Planned`. */
export const visitStatus = convert.picklist({ PLANNED: 'Unscheduled', SCHEDULED: 'Planned', IN_PROGRESS: 'InProgress', COMPLETED: 'Completed', CANCELLED: 'Abandoned' });

export const visitPriority = convert.picklist({ HIGH: 'High', MEDIUM: 'Medium', LOW: 'Low' }, { nullInbound: 'MEDIUM' });

/** AssessmentTask.Status ↔ visit_tasks.status. */
export const taskStatus = convert.picklist({ NOT_STARTED: 'NotStarted', IN_PROGRESS: 'InProgress', COMPLETED: 'Completed' }, { nullInbound: 'NOT_STARTED' });

/** Location.LocationType ↔ dealer_locations.location_type; vans and virtual places read as sites. */
export const locationType = convert.picklist({ SITE: 'Site', WAREHOUSE: 'Warehouse', PLANT: 'Plant' }, { unknownInbound: { value: 'SITE' }, nullInbound: 'SITE' });

/** ActionPlanTemplateVersion.Status ↔ template_versions.status. */
export const versionStatus = convert.picklist({ DRAFT: 'Draft', PUBLISHED: 'Published', OBSOLETE: 'Obsolete' });

/**
 * AssessmentIndicatorDefinition.DataType ↔ indicator_definitions.data_type. Salesforce has no date type: a date
 * indicator is a `DateTime` one; `Decimal` reads as a number.
 */
export const dataType = convert.picklist({ NUMBER: 'Number', PERCENTAGE: 'Percentage', BOOLEAN: 'Boolean', TEXT: 'String', DATE: 'DateTime' }, { inbound: { Decimal: 'NUMBER' } });

/** RetailVisitKpi's `…BooleanValue` fields are a `True`/`False` picklist, not a checkbox. */
export const booleanPicklist: FieldConverter = {
  sfTypes: ['picklist'],
  toSalesforce: (local) => (local === null || local === undefined ? null : local ? 'True' : 'False'),
  fromSalesforce: (value) => {
    if (value === null || value === '') return null;
    if (value === 'True') return true;
    if (value === 'False') return false;
    throw new UnmappableValueError(value, 'must be True or False');
  },
};

/**
 * A date indicator's value in a `…DateTimeValue` field: pushed as midnight UTC; read as the nearest midnight UTC, so a
 * date entered at local midnight anywhere from UTC−12 to UTC+12 reads as that date.
 */
export const dateAsDateTime: FieldConverter = {
  sfTypes: ['datetime'],
  toSalesforce: (local) => {
    if (local === null || local === undefined || local === '') return null;
    const text = local instanceof Date ? local.toISOString().slice(0, 10) : String(local);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) throw new UnmappableValueError(local, 'must be a date YYYY-MM-DD');
    return `${text}T00:00:00.000Z`;
  },
  fromSalesforce: (value) => {
    if (value === null || value === '') return null;
    const at = Date.parse(String(value));
    if (Number.isNaN(at)) throw new UnmappableValueError(value, 'must be a datetime');
    return new Date(Math.round(at / 86_400_000) * 86_400_000).toISOString().slice(0, 10);
  },
};

/** An indicator's number: exact decimal text locally, at most 4 decimal places; Salesforce's double must fit that. */
export const indicatorNumber: FieldConverter = {
  sfTypes: ['double', 'percent', 'currency'],
  toSalesforce: (local) => {
    if (local === null || local === undefined || local === '') return null;
    const n = Number(local);
    if (!Number.isFinite(n)) throw new UnmappableValueError(local, 'must be a finite number');
    return n;
  },
  fromSalesforce: (value: SfValue) => {
    if (value === null || value === '') return null;
    const n = typeof value === 'number' ? value : Number(value);
    const units = Number.isFinite(n) ? toUnits(n.toFixed(VALUE_SCALE)) : null;
    if (units === null || Number(fromUnits(units)) !== n) throw new UnmappableValueError(value, `an indicator value has at most ${VALUE_SCALE} decimal places`);
    return fromUnits(units);
  },
};
