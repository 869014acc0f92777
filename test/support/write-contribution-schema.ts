/**
 * Writes src/contribution/contribution.schema.json from the file's table definitions: run it after
 * changing src/contribution/document.ts or schema.ts (test/unit/contribution-schema.test.ts fails until then).
 * Run: npx tsx test/support/write-contribution-schema.ts
 */
import { writeFileSync } from 'node:fs';
import { contributionJsonSchema } from '../../src/contribution/schema';

writeFileSync(
  new URL('../../src/contribution/contribution.schema.json', import.meta.url),
  `${JSON.stringify(contributionJsonSchema(), null, 2)}\n`,
);
