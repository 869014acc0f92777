/**
 * Writes test/golden/sample-results.json: results@1 of the sample for every golden case, as the CLI
 * writes it. The file is a regression check: refactors must leave it byte for byte; regenerate it only
 * for a change that is meant to move a number, and say so in the commit.
 */
import { writeFileSync } from 'node:fs';
import { sampleResultsText } from './sample-results';

writeFileSync(new URL('./sample-results.json', import.meta.url), await sampleResultsText({ aggregates: false }));
