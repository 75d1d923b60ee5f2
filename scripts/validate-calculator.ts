// `npm run validate-calculator`: prints the calculator's residuals against ML.ENERGY v3 per model family and
// writes docs/calculator-validation.md (see scripts/calculator-validation.ts).
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { readCoefficients, readRuns, summaryText, validateCalculator, validationDoc, validationMarkdown } from './calculator-validation';

const validation = validateCalculator(readRuns(), readCoefficients());
const out = path.resolve(__dirname, '..', validationDoc);
mkdirSync(path.dirname(out), { recursive: true });
writeFileSync(out, validationMarkdown(validation));
console.log(summaryText(validation));
console.log(`wrote ${validationDoc}`);
