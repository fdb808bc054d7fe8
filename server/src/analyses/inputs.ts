/**
 * Checks an execute request's `inputs` against the process description before anything runs: unknown inputs,
 * missing required ones and values outside their schema are answered 422 with one entry per offending input.
 */
import type { ErrorObject, ValidateFunction } from 'ajv';
import { invalidInput, type FieldProblem } from '../lib/errors.js';
import { createSchemaValidator } from '../lib/json-schema.js';
import type { ProcessDescription } from './process.js';

const ajv = createSchemaValidator();
const compiled = new WeakMap<ProcessDescription, Map<string, ValidateFunction>>();

function validatorsOf(description: ProcessDescription): Map<string, ValidateFunction> {
  let validators = compiled.get(description);
  if (!validators) {
    validators = new Map(Object.entries(description.inputs).map(([id, input]) => [id, ajv.compile(input.schema)]));
    compiled.set(description, validators);
  }
  return validators;
}

/** Returns the inputs when they fit the description; throws a 422 problem naming each bad input otherwise. */
export function validateInputs(description: ProcessDescription, inputs: unknown): Record<string, unknown> {
  if (inputs === undefined || inputs === null) inputs = {};
  if (typeof inputs !== 'object' || Array.isArray(inputs)) {
    throw invalidInput('`inputs` must be an object of input values keyed by input id.', [{ field: 'inputs', message: 'not an object' }]);
  }
  const given = inputs as Record<string, unknown>;
  const problems: FieldProblem[] = [];
  const validators = validatorsOf(description);
  for (const id of Object.keys(given)) {
    if (!validators.has(id)) {
      problems.push({ field: `inputs.${id}`, message: `is not an input of ${description.id} (known: ${Object.keys(description.inputs).join(', ') || 'none'})` });
    }
  }
  for (const [id, input] of Object.entries(description.inputs)) {
    if (given[id] === undefined) {
      if ((input.minOccurs ?? 1) > 0) problems.push({ field: `inputs.${id}`, message: 'is required' });
      continue;
    }
    const validate = validators.get(id)!;
    if (!validate(given[id])) problems.push(...(validate.errors ?? []).map((e) => inputProblem(id, e)));
  }
  if (problems.length) throw invalidInput(`The inputs of ${description.id} are not valid; see errors.`, problems);
  return given;
}

function inputProblem(id: string, e: ErrorObject): FieldProblem {
  const field = `inputs.${id}${e.instancePath.replace(/\//g, '.')}`;
  if (e.keyword === 'enum') return { field, message: `must be one of ${(e.params.allowedValues as unknown[]).join(', ')}` };
  if (e.keyword === 'required') return { field: `${field}.${e.params.missingProperty}`, message: 'is required' };
  return { field, message: e.message ?? 'is not valid' };
}
