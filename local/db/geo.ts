/** `$nearSphere` for the store, since mingo has no geo operators. */
import { distanceMeters } from '../../core/geo';

export interface NearSphere {
  field: string;
  center: [number, number];
  maxDistance?: number;
  minDistance?: number;
}

type Doc = Record<string, unknown>;

/**
 * Takes a `$nearSphere` clause (what `_.geoNear` becomes) out of a query, so mingo can run the rest, and returns it.
 * MongoDB allows it at the top level or inside a top-level `$and`.
 */
export function extractNearSphere(query: Doc): { rest: Doc; near?: NearSphere } {
  let near: NearSphere | undefined;
  const strip = (q: Doc): Doc => {
    const out: Doc = {};
    for (const [key, value] of Object.entries(q)) {
      if (key === '$and' && Array.isArray(value)) {
        out.$and = value.map((clause) => strip(clause as Doc));
        continue;
      }
      const clause = value as Doc | null;
      if (clause && typeof clause === 'object' && '$nearSphere' in clause) {
        const spec = clause.$nearSphere as Doc;
        const geometry = (spec.$geometry ?? spec) as { coordinates: [number, number] };
        near = {
          field: key,
          center: geometry.coordinates,
          maxDistance: spec.$maxDistance as number | undefined,
          minDistance: spec.$minDistance as number | undefined,
        };
        const { $nearSphere: _, ...others } = clause;
        if (Object.keys(others).length > 0) out[key] = others;
        continue;
      }
      out[key] = value;
    }
    return out;
  };
  const rest = strip(query);
  return { rest, near };
}

const pointOf = (doc: Doc, path: string): [number, number] | undefined => {
  let value: unknown = doc;
  for (const part of path.split('.')) value = (value as Doc | undefined)?.[part];
  const coordinates = (value as { coordinates?: unknown } | undefined)?.coordinates;
  return Array.isArray(coordinates) && coordinates.length === 2 ? (coordinates as [number, number]) : undefined;
};

/** Filters by distance and orders nearest first, as `$nearSphere` does. */
export function applyNearSphere<T extends Doc>(docs: T[], near: NearSphere): T[] {
  return docs
    .map((doc) => {
      const at = pointOf(doc, near.field);
      return { doc, distance: at ? distanceMeters(near.center, at) : Number.POSITIVE_INFINITY };
    })
    .filter(
      ({ distance }) =>
        Number.isFinite(distance) &&
        (near.maxDistance === undefined || distance <= near.maxDistance) &&
        (near.minDistance === undefined || distance >= near.minDistance),
    )
    .sort((a, b) => a.distance - b.distance)
    .map(({ doc }) => doc);
}
