import { Injectable } from '@nestjs/common';
import { DataSource, In, IsNull, Not } from 'typeorm';
import type { EntityManager } from 'typeorm';
import { heldMicroCredentials } from '../../../../libs/issuance';
import type { HeldComponentCredential } from '../../../../libs/issuance';
import { CredentialEntity, QualificationComponentEntity, QualificationEntity, StandardEntity } from '../../../../libs/persistence/entities';

/** A qualification with its component standards, ordered by code. */
export interface QualificationWithStandards {
  qualification: QualificationEntity;
  standards: StandardEntity[];
}

/** Qualifications, their components, and the credentials that count toward them. */
@Injectable()
export class QualificationsRepository {
  constructor(private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  async listForBody(bodyId: string): Promise<QualificationWithStandards[]> {
    const rows = await this.dataSource.getRepository(QualificationEntity).find({ where: { awardingBodyId: bodyId }, order: { code: 'ASC', id: 'ASC' } });
    return this.withStandards(rows);
  }

  async find(id: string): Promise<QualificationWithStandards | null> {
    const row = await this.dataSource.getRepository(QualificationEntity).findOneBy({ id });
    return row ? (await this.withStandards([row]))[0]! : null;
  }

  standards(ids: readonly string[]): Promise<StandardEntity[]> {
    return ids.length ? this.dataSource.getRepository(StandardEntity).findBy({ id: In([...ids]) }) : Promise.resolve([]);
  }

  async codeTaken(bodyId: string, code: string, exceptId?: string): Promise<boolean> {
    return this.dataSource.getRepository(QualificationEntity).existsBy({ awardingBodyId: bodyId, code, ...(exceptId ? { id: Not(exceptId) } : {}) });
  }

  /** Credentials of each qualification in force (not revoked). */
  async issuedCounts(ids: readonly string[]): Promise<Map<string, number>> {
    if (!ids.length) return new Map();
    const rows = (await this.dataSource.query(
      `SELECT qualification_id AS id, count(*)::int AS n FROM credential WHERE qualification_id = ANY($1::uuid[]) AND revoked_at IS NULL GROUP BY qualification_id`,
      [ids],
    )) as { id: string; n: number }[];
    return new Map(rows.map((r) => [r.id, r.n]));
  }

  async insert(manager: EntityManager, fields: Partial<QualificationEntity>, standardIds: readonly string[]): Promise<string> {
    const result = await manager.insert(QualificationEntity, fields as never);
    const id = (result.identifiers[0] as { id: string }).id;
    await manager.insert(QualificationComponentEntity, standardIds.map((standardId) => ({ qualificationId: id, standardId })));
    return id;
  }

  /** Locks the qualification's row, as issuance does: no credential of it is issued until the transaction ends. */
  async lock(manager: EntityManager, id: string): Promise<void> {
    await manager.find(QualificationEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** Whether a credential of the qualification is in force (not revoked), as the transaction sees it. */
  issued(manager: EntityManager, id: string): Promise<boolean> {
    return manager.existsBy(CredentialEntity, { qualificationId: id, revokedAt: IsNull() });
  }

  /** Changes the fields; the components, when given, replace the set. */
  async update(manager: EntityManager, id: string, fields: Partial<QualificationEntity>, standardIds?: readonly string[]): Promise<void> {
    if (Object.keys(fields).length) await manager.update(QualificationEntity, { id }, fields as never);
    if (standardIds) {
      await manager.delete(QualificationComponentEntity, { qualificationId: id });
      await manager.insert(QualificationComponentEntity, standardIds.map((standardId) => ({ qualificationId: id, standardId })));
    }
    // the row's updated_at moves with its components too
    await manager.query(`UPDATE qualification SET updated_at = now() WHERE id = $1`, [id]);
  }

  /**
   * The published qualifications a candidate is on the way to: those with a component standard on which they hold a
   * micro-credential in force, and those they hold the credential of.
   */
  async publishedInProgress(candidateId: string, now: Date): Promise<QualificationWithStandards[]> {
    const ids = (await this.dataSource.query(
      `SELECT q.id FROM qualification q
        WHERE q.published AND (
          EXISTS (SELECT 1 FROM qualification_component qc
                    JOIN validation_case k ON k.standard_id = qc.standard_id
                    JOIN credential c ON c.case_id = k.id
                   WHERE qc.qualification_id = q.id AND c.candidate_id = $1 AND c.qualification_id IS NULL
                     AND c.revoked_at IS NULL AND c.suspended_at IS NULL AND (c.valid_until IS NULL OR c.valid_until > $2))
          OR EXISTS (SELECT 1 FROM credential c WHERE c.qualification_id = q.id AND c.candidate_id = $1 AND c.revoked_at IS NULL))
        ORDER BY q.title, q.id`,
      [candidateId, now],
    )) as { id: string }[];
    if (!ids.length) return [];
    const rows = await this.dataSource.getRepository(QualificationEntity).find({ where: { id: In(ids.map((r) => r.id)) }, relations: { awardingBody: true } });
    const byId = new Map(rows.map((r) => [r.id, r]));
    return this.withStandards(ids.map((r) => byId.get(r.id)!));
  }

  held(candidateId: string, standardIds: readonly string[], now: Date): Promise<HeldComponentCredential[]> {
    return heldMicroCredentials(this.dataSource.manager, candidateId, standardIds, now);
  }

  /** The candidate's qualification credentials in force, by qualification. */
  async qualificationCredentials(candidateId: string, qualificationIds: readonly string[]): Promise<Map<string, string>> {
    if (!qualificationIds.length) return new Map();
    const rows = await this.dataSource.getRepository(CredentialEntity).find({
      where: { candidateId, qualificationId: In([...qualificationIds]), revokedAt: IsNull() },
      select: { id: true, qualificationId: true },
    });
    return new Map(rows.map((r) => [r.qualificationId!, r.id]));
  }

  private async withStandards(rows: QualificationEntity[]): Promise<QualificationWithStandards[]> {
    if (!rows.length) return [];
    const components = await this.dataSource.getRepository(QualificationComponentEntity).find({
      where: { qualificationId: In(rows.map((r) => r.id)) },
      relations: { standard: true },
    });
    return rows.map((qualification) => ({
      qualification,
      standards: components
        .filter((c) => c.qualificationId === qualification.id)
        .map((c) => c.standard!)
        .sort((x, y) => x.code.localeCompare(y.code) || x.id.localeCompare(y.id)),
    }));
  }
}
