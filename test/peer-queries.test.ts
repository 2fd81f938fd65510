import fs from 'node:fs';
import path from 'node:path';

import { buildSchema, Kind, parse, type SelectionSetNode, validate } from 'graphql';

import { PEER_QUERIES } from '../bench/peer-queries';

// The peer benchmark compares like with like only if each pair asks for the same data: the hub's
// side must be valid against the hub's schema, and both sides must select the same number of
// leaf fields (PostGraphile's schema needs its database, so its side is only parsed here).
const hubSchema = buildSchema(fs.readFileSync(path.join(__dirname, '..', 'schema', 'schema.graphql'), 'utf8'));

/** The leaf field names of a query, in order (PostGraphile's `geom { geojson }` is one leaf, as is the hub's `geometry`). */
function leaves(set: SelectionSetNode | undefined): string[] {
  return (set?.selections ?? []).flatMap((s) => {
    if (s.kind !== Kind.FIELD) {
      return [];
    }
    if (s.selectionSet && s.selectionSet.selections.every((c) => c.kind === Kind.FIELD && c.name.value === 'geojson')) {
      return ['geojson'];
    }
    return s.selectionSet ? leaves(s.selectionSet) : [s.name.value];
  });
}

const operation = (query: string) => {
  const [definition] = parse(query).definitions;
  return definition.kind === Kind.OPERATION_DEFINITION ? definition.selectionSet : undefined;
};

describe('peer benchmark queries', () => {
  it.each(PEER_QUERIES.map((q) => [q.name, q] as const))(
    '%s: the hub side is valid against the hub schema',
    (_name, q) => {
      expect(validate(hubSchema, parse(q.hub))).toEqual([]);
    },
  );

  it.each(PEER_QUERIES.map((q) => [q.name, q] as const))('%s: both sides ask for the same leaf fields', (_name, q) => {
    const hub = leaves(operation(q.hub)).map((f) => (f === 'geometry' || f === 'point' ? 'geojson' : f));
    expect(leaves(operation(q.postgraphile))).toEqual(hub);
  });
});
