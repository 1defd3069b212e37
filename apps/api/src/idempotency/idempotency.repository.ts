import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { IdempotencyKeyEntity } from '../../../../libs/persistence/entities';
import type { IdempotencyKeyState } from '../../../../libs/persistence/entities';

export interface NewClaim {
  userId: string;
  key: string;
  method: string;
  path: string;
  fingerprint: string;
  claimedAt: Date;
  expiresAt: Date;
}

/** idempotency_key: requests sent with an Idempotency-Key and their final answers. */
@Injectable()
export class IdempotencyRepository {
  constructor(@InjectRepository(IdempotencyKeyEntity) private readonly repo: Repository<IdempotencyKeyEntity>) {}

  /**
   * Claims the key for a request about to run (state in_progress). Null when the user already has a row for the
   * key: the unique (user, key) index lets exactly one of two concurrent claims through.
   */
  async claim(claim: NewClaim): Promise<string | null> {
    const result = await this.repo
      .createQueryBuilder()
      .insert()
      .into(IdempotencyKeyEntity)
      .values({ ...claim, state: 'in_progress' })
      .orIgnore()
      .returning(['id'])
      .execute();
    const rows = result.raw as { id: string }[];
    return rows[0]?.id ?? null;
  }

  find(userId: string, key: string): Promise<IdempotencyKeyEntity | null> {
    return this.repo.findOne({ where: { userId, key } });
  }

  /** Removes a row that is dead (expired, or abandoned while in progress), unless it has moved on since it was read. */
  async removeDead(id: string, state: IdempotencyKeyState): Promise<void> {
    await this.repo.delete({ id, state });
  }

  /** Stores the final answer of the request (from in_progress, or from accepted once the step finished): its status and JSON text. */
  async complete(id: string, status: number, body: string | null): Promise<void> {
    await this.repo.update(
      { id, state: In(['in_progress', 'accepted']) },
      { state: 'completed', responseStatus: status, responseBody: body, completedAt: new Date() },
    );
  }

  /** The case's process accepted the step but its result is late: a retry asks for that step's result. */
  async accept(id: string, stepCaseId: string, stepUpdateId: string): Promise<void> {
    await this.repo.update({ id, state: In(['in_progress', 'accepted']) }, { state: 'accepted', stepCaseId, stepUpdateId });
  }

  /** Gives the key up without an answer (a 5xx): the next request with it runs again. */
  async release(id: string): Promise<void> {
    await this.repo.delete({ id, state: 'in_progress' });
  }
}
