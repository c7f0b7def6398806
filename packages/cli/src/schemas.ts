import { fileURLToPath } from 'node:url';

/** JSON Schema (draft 2020-12) of scenario files; the trace schema refers to it as "scenario.schema.json". */
export const SCENARIO_SCHEMA_PATH = fileURLToPath(
  new URL('../schemas/scenario.schema.json', import.meta.url),
);

/** JSON Schema of trace files, both the CLI's and the reference implementations'. */
export const TRACE_SCHEMA_PATH = fileURLToPath(new URL('../schemas/trace.schema.json', import.meta.url));
