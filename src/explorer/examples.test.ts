import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { getVariableValues, type GraphQLSchema, Kind, type OperationDefinitionNode, parse, validate } from 'graphql';

import { buildHubSchema } from '../graphql/schema';

import { loadExamples, readExamples, README } from './examples';

describe("the README's example operations", () => {
  let schema: GraphQLSchema;
  const examples = loadExamples(README);

  beforeAll(async () => {
    schema = await buildHubSchema();
  });

  it('are found: every ```graphql block of the README', () => {
    const fences = fs.readFileSync(README, 'utf8').match(/^```graphql$/gm) ?? [];
    expect(examples.length).toBeGreaterThanOrEqual(8);
    expect(examples).toHaveLength(fences.length);
  });

  it.each(examples.map((e) => [e.title, e] as const))('%s parses and validates against the schema', (_title, e) => {
    const document = parse(e.query);
    expect(validate(schema, document).map((error) => error.message)).toEqual([]);
  });

  it.each(examples.map((e) => [e.title, e] as const))(
    '%s is one named operation, so the explorer titles its tab with the name',
    (title, e) => {
      const operations = parse(e.query).definitions.filter(
        (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
      );
      expect(operations).toHaveLength(1);
      expect(operations[0].name?.value).toBe(title);
    },
  );

  it('have different names', () => {
    const titles = examples.map((e) => e.title);
    expect(new Set(titles).size).toBe(titles.length);
  });

  it('give values of the right types to the variables they declare, and declare those they are given', () => {
    for (const e of examples) {
      const operation = parse(e.query).definitions[0] as OperationDefinitionNode;
      const declared = operation.variableDefinitions ?? [];
      const given = e.variables === null ? {} : (JSON.parse(e.variables) as Record<string, unknown>);
      expect(Object.keys(given).sort()).toEqual(declared.map((d) => d.variable.name.value).sort());
      expect(getVariableValues(schema, declared, given).errors ?? []).toEqual([]);
    }
    expect(examples.some((e) => e.variables !== null)).toBe(true);
  });
});

describe('readExamples', () => {
  it('takes each ```graphql block, with the ```json block right after it as its variables', () => {
    const markdown = [
      'Text.',
      '```graphql',
      'query One($code: String!) {',
      '  ward(code: $code) { name }',
      '}',
      '```',
      '',
      '```json',
      '{ "code": "E05015511" }',
      '```',
      '',
      '```sh',
      'npm start',
      '```',
      '',
      '```graphql',
      '{ wards { name } locate(lon: 0, lat: 0) { ward { name } } }',
      '```',
      '',
      'More text.',
      '```json',
      '{ "not": "variables" }',
      '```',
      '',
    ].join('\r\n');
    expect(readExamples(markdown)).toEqual([
      {
        title: 'One',
        query: 'query One($code: String!) {\n  ward(code: $code) { name }\n}\n',
        variables: '{ "code": "E05015511" }',
      },
      {
        title: 'wards, locate',
        query: '{ wards { name } locate(lon: 0, lat: 0) { ward { name } } }\n',
        variables: null,
      },
    ]);
  });

  it('finds nothing in a README without GraphQL, and nothing (with a log line) when there is no README', () => {
    expect(readExamples('# Title\n\n```sh\nnpm start\n```\n')).toEqual([]);
    expect(loadExamples(path.join(os.tmpdir(), 'no-such-dir', 'README.md'))).toEqual([]);
  });
});
