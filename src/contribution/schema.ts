import { SIZE_BANDS } from '../ingest/contract';
import { validate } from './contribution-validator.js';
import { CONTRIBUTION_SCHEMA, FILE_TABLES, type ColumnKind } from './document';

const KEY = '^[0-9a-f]{16}$';
const MAX_COUNT = Number.MAX_SAFE_INTEGER;
/** Far beyond any real sum of pay or costs (the contract caps one amount at 10^12). */
const MAX_MONEY = 1e21;

const COLUMN: Record<ColumnKind, object> = {
  employer: { type: 'string', pattern: KEY },
  'employer?': { type: ['string', 'null'], pattern: KEY },
  text: { type: 'string' },
  'text?': { type: ['string', 'null'] },
  'quarter?': { type: ['string', 'null'], pattern: '^[0-9]{4}(-Q[1-4])?$' },
  quarter: { type: 'string', pattern: '^[0-9]{4}-Q[1-4]$' },
  group: { enum: ['ler', 'non_ler'] },
  dim: { enum: ['all', 'program', 'credential_as_ler'] },
  part: { enum: ['lag', 'tenure', 'employer'] },
  day: { type: 'integer', minimum: 0, maximum: 1e6 },
  'day?': { type: ['integer', 'null'], minimum: 0, maximum: 1e6 },
  flag: { type: 'boolean' },
  'flag?': { type: ['boolean', 'null'] },
  count: { type: 'integer', minimum: 0, maximum: MAX_COUNT },
  money: { type: ['number', 'null'], minimum: 0, maximum: MAX_MONEY },
};

const nullableNumber = { type: ['number', 'null'], minimum: 0 };

/** The JSON Schema of contribution@1, built from the file's table definitions; contribution.schema.json is this, committed. */
export function contributionJsonSchema(): object {
  const tables = Object.fromEntries(
    Object.entries(FILE_TABLES).map(([name, columns]) => [
      name,
      {
        type: 'object',
        additionalProperties: false,
        required: ['columns', 'rows'],
        properties: {
          columns: {
            type: 'array',
            prefixItems: columns.map(([column]) => ({ const: column })),
            items: false,
            minItems: columns.length,
          },
          rows: {
            type: 'array',
            items: { type: 'array', prefixItems: columns.map(([, kind]) => COLUMN[kind]), items: false, minItems: columns.length },
          },
        },
      },
    ]),
  );
  const tableNames = Object.keys(FILE_TABLES);
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'urn:ler-outcomes:contribution@1',
    title: 'LER Outcomes contribution file: one employer group’s exact count tables for a pooled pilot (DESIGN §7)',
    type: 'object',
    additionalProperties: false,
    required: ['schema', 'id', 'created_at', 'as_of', 'k', 'producer', 'employers', 'tables', 'withheld', 'certificate'],
    properties: {
      schema: { const: CONTRIBUTION_SCHEMA },
      id: { type: 'string', pattern: '^[0-9a-f]{64}$' },
      created_at: { type: 'string', pattern: '^.{0,64}$' },
      as_of: { type: 'string', pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' },
      k: { type: 'integer', minimum: 1, maximum: 1e6 },
      producer: { type: 'string', pattern: '^.{0,200}$' },
      employers: {
        type: 'array',
        minItems: 1,
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['key', 'industry', 'size_band', 'region', 'adoption_quarter'],
          properties: {
            key: COLUMN.employer,
            industry: COLUMN['text?'],
            size_band: { enum: [...SIZE_BANDS, null] },
            region: COLUMN['text?'],
            adoption_quarter: { type: ['string', 'null'], pattern: '^[0-9]{4}-Q[1-4]$' },
          },
        },
      },
      tables: { type: 'object', additionalProperties: false, required: tableNames, properties: tables },
      withheld: {
        type: 'object',
        additionalProperties: false,
        required: tableNames,
        properties: Object.fromEntries(tableNames.map((name) => [name, COLUMN.count])),
      },
      certificate: {
        type: 'object',
        additionalProperties: false,
        required: ['median_time_to_fill', 'retention_365', 'pilot_att', 'pilot_att_retention', 'retention_adjusted', 'roi_pct'],
        properties: {
          median_time_to_fill: byGroup,
          retention_365: byGroup,
          pilot_att: nullableNumber,
          pilot_att_retention: nullableNumber,
          retention_adjusted: nullableNumber,
          roi_pct: nullableNumber,
        },
      },
    },
  };
}

const byGroup = {
  type: 'object',
  additionalProperties: false,
  required: ['ler', 'non_ler'],
  properties: { ler: nullableNumber, non_ler: nullableNumber },
};

/**
 * The first problem of a parsed document against the committed schema, as a readable line; empty when it
 * conforms. The check is Ajv's code compiled from contribution.schema.json ahead of time (the writer in
 * test/support regenerates both), since compiling at run time needs eval, which the app's policy forbids.
 */
export function schemaProblems(document: unknown): string[] {
  if (validate(document)) return [];
  return (validate.errors ?? [])
    .slice(0, 1)
    .map((e) => `${e.instancePath || '(the document)'}: ${e.message ?? 'does not match the schema'}`);
}
