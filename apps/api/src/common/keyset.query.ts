import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { afterCondition, decodeCursor, keyAlias, keyText, orderTerms, pageOf } from './keyset';
import type { KeysetSort, PageRequest } from './keyset';

/**
 * The query of one page of a list: `qb` holds the list's FROM, scope and filters; this adds the cursor's
 * condition, the sort and `limit + 1`, and selects only the sort keys (as k0…). A cursor that this sort did not
 * give out throws CursorError before any SQL runs.
 */
export function keysetPageQuery<E extends ObjectLiteral>(qb: SelectQueryBuilder<E>, sort: KeysetSort, page: PageRequest): SelectQueryBuilder<E> {
  const query = qb.clone();
  query.select(keyText(sort.keys[0]!), keyAlias(0));
  sort.keys.slice(1).forEach((key, i) => query.addSelect(keyText(key), keyAlias(i + 1)));
  if (page.cursor !== undefined) {
    const after = afterCondition(sort, decodeCursor(sort, page.cursor));
    query.andWhere(after.sql, after.params);
  }
  const [first, ...rest] = orderTerms(sort);
  query.orderBy(first!.sql, first!.direction);
  for (const term of rest) query.addOrderBy(term.sql, term.direction);
  return query.limit(page.limit + 1);
}

/**
 * Runs one page of a list (see keysetPageQuery). Returns each row's unique key (the sort's last key, the id to
 * load the row by) in order, and the next page's cursor. Repositories call it; nothing else sees SQL.
 */
export async function fetchKeysetPage<E extends ObjectLiteral>(
  qb: SelectQueryBuilder<E>,
  sort: KeysetSort,
  page: PageRequest,
): Promise<{ ids: string[]; nextCursor: string | null }> {
  const rows: Record<string, string>[] = await keysetPageQuery(qb, sort, page).getRawMany();
  const last = sort.keys.length - 1;
  const { rows: pageRows, nextCursor } = pageOf(sort, rows, page.limit, (row) => sort.keys.map((_, i) => row[keyAlias(i)]!));
  return { ids: pageRows.map((row) => row[keyAlias(last)]!), nextCursor };
}

/** `rows` in the order of `ids` (a page's rows loaded by id come back in any order). */
export function inOrder<T>(ids: string[], rows: T[], idOf: (row: T) => string): T[] {
  const byId = new Map(rows.map((row) => [idOf(row), row]));
  return ids.map((id) => byId.get(id)).filter((row): row is T => row !== undefined);
}

/** A text search term as an ILIKE pattern matching it anywhere, its own %, _ and \ taken literally. */
export function containsPattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
