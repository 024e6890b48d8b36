/**
 * Recognises which Keap export a file is from its header row alone (never its file name),
 * and which column holds each field. When two kinds fit equally, or two columns could be the
 * same field, it does not guess: it reports the ambiguity so the user can map the columns.
 */
import type { ColumnMap } from '../profile/types.ts';
import type { FileKind } from './model.ts';
import { FILE_KINDS, FILE_SCHEMAS, headerKey, normalizeHeader, type KindSchema } from './schemas.ts';

export interface Detection {
  kind: FileKind | null;
  /** field -> column index */
  columns: Record<string, number>;
  reason: string;
  /** Required fields of the chosen kind that no column provides. */
  missing: string[];
  /** Fields that two columns could equally provide (with their headers). */
  ambiguous: { field: string; headers: string[] }[];
  /** Other kinds that fitted as well as the chosen one. */
  alsoFits: FileKind[];
  fromUserMap: boolean;
}

interface KindMatch {
  schema: KindSchema;
  columns: Record<string, number>;
  ambiguous: { field: string; headers: string[] }[];
  missing: string[];
  matched: number;
  markerOk: boolean;
  excluded: boolean;
}

function matchKind(schema: KindSchema, normalized: string[], headers: readonly string[]): KindMatch {
  const columns: Record<string, number> = {};
  const used = new Set<number>();
  const ambiguous: { field: string; headers: string[] }[] = [];
  for (const spec of schema.fields) {
    for (const syn of spec.synonyms) {
      const hits: number[] = [];
      normalized.forEach((h, i) => {
        if (h === syn && !used.has(i)) hits.push(i);
      });
      if (hits.length === 0) continue;
      if (hits.length > 1) ambiguous.push({ field: spec.field, headers: hits.map((i) => headers[i] ?? '') });
      columns[spec.field] = hits[0]!;
      used.add(hits[0]!);
      break;
    }
  }
  const missing = schema.fields.filter((s) => s.required && columns[s.field] === undefined).map((s) => s.field);
  const markerOk = schema.markers.every((group) => group.some((field) => columns[field] !== undefined));
  const excluded = schema.excludes.some((x) => normalized.includes(x));
  return { schema, columns, ambiguous, missing, matched: Object.keys(columns).length, markerOk, excluded };
}

function describeColumns(schema: KindSchema, columns: Record<string, number>, headers: readonly string[]): string {
  const shown = schema.fields
    .filter((s) => columns[s.field] !== undefined)
    .slice(0, 4)
    .map((s) => `"${headers[columns[s.field]!]}"`);
  return shown.join(', ');
}

/** Applies a saved user map whose header row matches exactly (after normalisation). */
function fromUserMap(map: ColumnMap, headers: readonly string[]): Detection {
  const columns: Record<string, number> = {};
  const normalized = headers.map(normalizeHeader);
  for (const [field, header] of Object.entries(map.columns)) {
    const i = normalized.indexOf(normalizeHeader(header));
    if (i >= 0) columns[field] = i;
  }
  const schema = FILE_SCHEMAS[map.kind];
  const missing = schema.fields.filter((s) => s.required && columns[s.field] === undefined).map((s) => s.field);
  return {
    kind: map.kind,
    columns,
    reason: `Taken as ${schema.label} using the column mapping you saved for this header row.`,
    missing,
    ambiguous: [],
    alsoFits: [],
    fromUserMap: true,
  };
}

/** Decides the kind of an export from its headers, honouring the user's saved column maps. */
export function detectKind(headers: readonly string[], columnMaps: readonly ColumnMap[] = []): Detection {
  const key = headerKey(headers);
  const saved = columnMaps.find((m) => m.headerKey === key);
  if (saved) return fromUserMap(saved, headers);

  const normalized = headers.map(normalizeHeader);
  const matches = FILE_KINDS.map((k) => matchKind(FILE_SCHEMAS[k], normalized, headers)).filter(
    (m) => m.markerOk && !m.excluded,
  );
  // Complete kinds beat incomplete ones; then the kind explaining most columns wins.
  matches.sort((a, b) => a.missing.length - b.missing.length || b.matched - a.matched);
  const best = matches[0];
  if (!best) {
    return {
      kind: null,
      columns: {},
      reason: 'None of the column names match a Keap export we know (order items, orders, invoices, payments, payment plans, contacts, products, Keap Payments deposits and the deposits list).',
      missing: [],
      ambiguous: [],
      alsoFits: [],
      fromUserMap: false,
    };
  }
  const ties = matches.filter(
    (m) => m !== best && m.missing.length === best.missing.length && m.matched === best.matched,
  );
  const label = best.schema.label;
  if (ties.length > 0) {
    return {
      kind: null,
      columns: {},
      reason: `The columns fit both ${label} and ${ties.map((t) => t.schema.label).join(' and ')}; choose the kind and map the columns.`,
      missing: [],
      ambiguous: [],
      alsoFits: [best.schema.kind, ...ties.map((t) => t.schema.kind)],
      fromUserMap: false,
    };
  }
  return {
    kind: best.schema.kind,
    columns: best.columns,
    reason: `Taken as ${label} because it has the columns ${describeColumns(best.schema, best.columns, headers)}.`,
    missing: best.missing,
    ambiguous: best.ambiguous,
    alsoFits: [],
    fromUserMap: false,
  };
}
