import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CASE_IS_OPEN, CASE_NEXT_DUE } from '../cases/cases.repository';

/** What a scrape reads from PostgreSQL. */
export interface MetricsSnapshot {
  casesByStatus: { status: string; count: number }[];
  deadlinesDueNext24h: number;
  outboxPending: number;
}

/** A scrape's statements give up after this long, so a slow database cannot pile scrapes up. */
const SCRAPE_STATEMENT_TIMEOUT_MS = 2_000;


@Injectable()
export class MetricsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Three counts in one read-only transaction, each bounded by the statement timeout. */
  snapshot(): Promise<MetricsSnapshot> {
    return this.dataSource.transaction(async (m) => {
      await m.query(`SET TRANSACTION READ ONLY`);
      await m.query(`SET LOCAL statement_timeout = ${SCRAPE_STATEMENT_TIMEOUT_MS}`);
      const casesByStatus = await m.query<{ status: string; count: number }[]>(
        `SELECT status::text AS status, count(*)::int AS count FROM validation_case GROUP BY status`,
      );
      // what the admin dashboard calls the next deadline (CASE_NEXT_DUE), on open cases, falling within a day
      const due = await m.query<{ count: number }[]>(
        `SELECT count(*)::int AS count FROM validation_case c
          WHERE ${CASE_IS_OPEN} AND ${CASE_NEXT_DUE} >= now() AND ${CASE_NEXT_DUE} < now() + interval '24 hours'`,
      );
      // ix_notification_outbox leads with status
      const outbox = await m.query<{ count: number }[]>(`SELECT count(*)::int AS count FROM notification WHERE status = 'pending'`);
      return { casesByStatus, deadlinesDueNext24h: Number(due[0]?.count ?? 0), outboxPending: Number(outbox[0]?.count ?? 0) };
    });
  }
}
