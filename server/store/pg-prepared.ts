import { getTableColumns, type Column } from 'drizzle-orm';
import { getTableConfig, type PgTable } from 'drizzle-orm/pg-core';
import type pg from 'pg';

/**
 * Raw SQL for the commit path on PostgreSQL, built once from the Drizzle schema: every command
 * writes through here, and building the statement with the query builder cost more CPU than the
 * database spent on it (a tenth of a node's time at 200 orders/s). Statements are named, so each
 * connection parses and plans one once. Values go through each column's own Drizzle mapping
 * (json, bigint) in both directions, so rows look exactly as the query builder would make them.
 */
export interface PgTableSql {
  /** INSERT of a whole row; a column left undefined takes its default (or NULL). */
  insert(client: pg.ClientBase, row: Record<string, unknown>): Promise<void>;
  /** UPDATE of the row with `row.id` only if its version is still `expectedVersion`; returns rows changed. */
  update(client: pg.ClientBase, row: Record<string, unknown>, expectedVersion: number): Promise<number>;
  /** A row as the driver returns it (column names) → the shape Drizzle's select gives (property keys). */
  fromRow(row: Record<string, unknown>): Record<string, unknown>;
  /** `SELECT *` with these columns, for hand-written reads that map through `fromRow`. */
  readonly selectList: string;
  readonly name: string;
}

const quoted = (s: string) => `"${s.replaceAll('"', '""')}"`;

export function pgTableSql(table: PgTable): PgTableSql {
  const { name } = getTableConfig(table);
  const columns = Object.entries(getTableColumns(table)) as Array<[string, Column]>;
  const statementName = (kind: string, signature: string) => `gridops_${kind}_${name}_${signature}`;
  const toDriver = (column: Column, value: unknown) => (value === null || value === undefined ? null : column.mapToDriverValue(value));
  // One statement per set of columns given (usually one: the mappers write every column).
  const inserts = new Map<string, string>();
  const insertText = (present: Array<[string, Column]>) =>
    `INSERT INTO ${quoted(name)} (${present.map(([, c]) => quoted(c.name)).join(', ')}) VALUES (${present.map((_, i) => `$${i + 1}`).join(', ')})`;
  const update = `UPDATE ${quoted(name)} SET ${columns.map(([, c], i) => `${quoted(c.name)} = $${i + 1}`).join(', ')} WHERE "id" = $${columns.length + 1} AND "version" = $${columns.length + 2}`;

  return {
    name,
    selectList: columns.map(([, c]) => quoted(c.name)).join(', '),
    async insert(client, row) {
      const present = columns.filter(([key, column]) => row[key] !== undefined || !column.hasDefault);
      const signature = present.length === columns.length ? 'all' : present.map(([key]) => columns.findIndex(([k]) => k === key)).join('_');
      let text = inserts.get(signature);
      if (!text) inserts.set(signature, (text = insertText(present)));
      await client.query({ name: statementName('insert', signature), text, values: present.map(([key, column]) => toDriver(column, row[key])) });
    },
    async update(client, row, expectedVersion) {
      const values = columns.map(([key, column]) => toDriver(column, row[key]));
      const result = await client.query({ name: statementName('update', 'all'), text: update, values: [...values, row.id, expectedVersion] });
      return result.rowCount ?? 0;
    },
    fromRow(row) {
      const mapped: Record<string, unknown> = {};
      for (const [key, column] of columns) {
        const value = row[column.name];
        mapped[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
      }
      return mapped;
    },
  };
}
