import { readFile } from 'node:fs/promises';
import { categoryCodeEntry } from '../../shared/domain/category-codes';
import type { ReplayMapping } from './mapping';
import { boundsOf } from './placement';
import type { Parsed } from './replay';
import type { Row } from './rows';

/**
 * A GeoReport v2 `requests.json` (FixMyStreet, Bloomington, Chicago, … or another GridOps) as
 * replay rows, with the mapping that reads them. GeoReport has no "closed at" field: a closed
 * request's `updated_datetime` is the best time the source gives for its closing, so that is used.
 */
export interface Open311Source {
  rows: Parsed[];
  mapping: ReplayMapping;
  /** Where the rows came from, for messages ("file.json", "https://…"). */
  label: string;
}

const isUrl = (s: string) => /^https?:\/\//i.test(s);

export async function loadOpen311(source: string, idPrefix = 'O311'): Promise<Open311Source> {
  const text = isUrl(source) ? await fetchText(source) : await readFile(source, 'utf8');
  return parseOpen311(text, source, idPrefix);
}

async function fetchText(url: string): Promise<string> {
  const response = await fetch(url, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(30_000) });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status} ${response.statusText}`);
  return response.text();
}

export function parseOpen311(text: string, label: string, idPrefix = 'O311'): Open311Source {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new Error(`${label}: not JSON (${(error as Error).message})`);
  }
  if (!Array.isArray(data)) throw new Error(`${label}: a GeoReport v2 requests.json is a JSON array of requests; this is ${typeof data}`);
  const lines = elementLines(text);
  const rows: Parsed[] = data.map((item, i) => ({ line: lines[i] ?? 1, row: rowOf(item) }));
  const points = rows
    .map(({ row }) => ({ lat: Number(row.lat), lng: Number(row.long) }))
    .filter((p) => p.lat && p.lng && Number.isFinite(p.lat) && Number.isFinite(p.lng));
  const sourceBounds = boundsOf(points) ?? { south: -1, north: 1, west: -1, east: 1 };
  const mapping: ReplayMapping = {
    name: `GeoReport v2 requests (${label})`,
    idPrefix,
    columns: {
      id: 'service_request_id',
      createdAt: 'requested_datetime',
      closedAt: 'closed_datetime',
      category: 'service_code',
      subClass: 'service_name',
      title: ['service_name'],
      description: ['description'],
      address: 'address',
      lat: 'lat',
      lng: 'long',
      status: 'status',
      department: 'agency_responsible',
    },
    channels: {},
    defaultChannel: 'app',
    // A service code from the national table (another GridOps) keeps its category; others are "other".
    categories: [],
    defaultCategory: { kind: 'event', class: 'other' },
    urgent: [],
    statuses: { closed: ['closed'], inProgress: [] },
    defaultDepartment: '来源系统',
    sourceBounds,
    nationalCodes: true,
  };
  return { rows, mapping, label };
}

/** One request as a row of strings, as a CSV would give it; `closed_datetime` added for closed ones. */
function rowOf(item: unknown): Row {
  const row: Row = {};
  if (item && typeof item === 'object') {
    for (const [key, value] of Object.entries(item as Record<string, unknown>)) {
      // eslint-disable-next-line @typescript-eslint/no-base-to-string -- objects are JSON-encoded first: String() gets a primitive
      row[key] = value === null || value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);
    }
  }
  if ((row.status ?? '').toLowerCase() === 'closed') row.closed_datetime = row.updated_datetime ?? '';
  return row;
}

/** 1-based line on which each top-level array element starts (a small scanner that skips strings). */
export function elementLines(text: string): number[] {
  const starts: number[] = [];
  let line = 1;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') line++;
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') {
      inString = true;
      if (depth === 1) starts.push(line);
    } else if (c === '[' || c === '{') {
      if (depth === 1) starts.push(line);
      depth++;
    } else if (c === ']' || c === '}') depth--;
    else if (depth === 1 && /[0-9tfn-]/.test(c) && !/[0-9a-z.eE+-]/i.test(text[i - 1] ?? '')) starts.push(line);
  }
  return starts;
}

/** Whether a source category value is a national service code ("BJ0101"), for `nationalCodes`. */
export const isNationalCode = (value: string) => categoryCodeEntry(value) !== undefined;
