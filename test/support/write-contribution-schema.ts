/**
 * Writes src/contribution/contribution.schema.json from the file's table definitions, and the validator
 * compiled from it (src/contribution/contribution-validator.js, Ajv's standalone code: plain functions,
 * which the app's Content Security Policy allows where compiling at run time would need eval). Run it
 * after changing src/contribution/document.ts or schema.ts; test/unit/contribution-schema.test.ts fails
 * until then. Run: npx tsx test/support/write-contribution-schema.ts
 */
import { writeFileSync } from 'node:fs';
import { contributionJsonSchema, standaloneValidatorCode } from './contribution-validator-code';

writeFileSync(
  new URL('../../src/contribution/contribution.schema.json', import.meta.url),
  `${JSON.stringify(contributionJsonSchema(), null, 2)}\n`,
);
writeFileSync(new URL('../../src/contribution/contribution-validator.js', import.meta.url), standaloneValidatorCode());
