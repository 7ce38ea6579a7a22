import type Database from 'better-sqlite3';
import { getTableColumns } from 'drizzle-orm';
import { getTableConfig, type SQLiteTable } from 'drizzle-orm/sqlite-core';

/**
 * Insert and versioned update of whole rows, as prepared statements built once from the Drizzle
 * schema. Every command writes through here, so the per-command cost is a bind and a step
 * instead of building SQL each time (measured: the query builder was half of a command's time).
 * Values are encoded by each column's own Drizzle mapping (json, boolean modes).
 */
export interface PreparedWriter {
  insert(row: Record<string, unknown>): void;
  /** Updates the row with `row.id` only if its version is still `expectedVersion`; returns rows changed. */
  update(row: Record<string, unknown>, expectedVersion: number): number;
}

export function preparedWriter(sqlite: Database.Database, table: SQLiteTable): PreparedWriter {
  const { name } = getTableConfig(table);
  const columns = Object.entries(getTableColumns(table));
  const quoted = (s: string) => `"${s.replaceAll('"', '""')}"`;
  // Positional parameters in the columns' order: binding by position skips a name look-up per column.
  const insert = sqlite.prepare(
    `INSERT INTO ${quoted(name)} (${columns.map(([, c]) => quoted(c.name)).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
  );
  const update = sqlite.prepare(`UPDATE ${quoted(name)} SET ${columns.map(([, c]) => `${quoted(c.name)} = ?`).join(', ')} WHERE "id" = ? AND "version" = ?`);
  const encode = (row: Record<string, unknown>) => {
    const values: unknown[] = new Array(columns.length);
    for (let i = 0; i < columns.length; i++) {
      const [key, column] = columns[i];
      const value = row[key];
      values[i] = value === null || value === undefined ? null : column.mapToDriverValue(value);
    }
    return values;
  };
  return {
    insert: (row) => void insert.run(encode(row)),
    update: (row, expectedVersion) => {
      const values = encode(row);
      values.push(row.id, expectedVersion);
      return update.run(values).changes;
    },
  };
}
