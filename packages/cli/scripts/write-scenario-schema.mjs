// Writes schemas/scenario.schema.json from the scenario definition (src/scenario/schema.ts); run after a build.
import { writeFileSync } from 'node:fs';
import { formatScenarioJsonSchema } from '../dist/scenario/schema-json.js';

writeFileSync(new URL('../schemas/scenario.schema.json', import.meta.url), formatScenarioJsonSchema());
