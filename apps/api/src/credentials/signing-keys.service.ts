import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '../../../../libs/config/config.module';
import type { AppConfig } from '../../../../libs/config/config';
import { rotateSigningKey } from '../../../../libs/issuance';
import { AwardingBodyKeyEntity } from '../../../../libs/persistence/entities';
import { AuditRepository } from '../common/audit.repository';
import type { Actor } from '../common/decorators';
import { toSigningKey } from './dto/signing-key.response';
import type { SigningKeyResponse, SigningKeysResponse } from './dto/signing-key.response';

/** A body's signing keys as its admins manage them; every rotation audited. */
@Injectable()
export class SigningKeysService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async list(actor: Actor): Promise<SigningKeysResponse> {
    const keys = await this.dataSource.getRepository(AwardingBodyKeyEntity).find({ where: { awardingBodyId: bodyOf(actor) }, order: { createdAt: 'ASC', id: 'ASC' } });
    return { items: keys.map(toSigningKey) };
  }

  rotate(actor: Actor): Promise<SigningKeyResponse> {
    const bodyId = bodyOf(actor);
    return this.dataSource.transaction(async (em) => {
      // the body's row lock orders a rotation with issuances and other rotations
      await em.query(`SELECT id FROM awarding_body WHERE id = $1 FOR UPDATE`, [bodyId]);
      const key = await rotateSigningKey(em, bodyId, { publicUrl: this.config.http.publicUrl, keyring: this.config.credentials.secretKeys, now: new Date() });
      await this.audit.record({ actorId: actor.id, action: 'signing_key.rotated', subjectType: 'awarding_body', subjectId: bodyId, data: { verificationMethod: key.verificationMethod } }, em);
      return toSigningKey(key);
    });
  }
}

/** A body admin always has a body (the roles guard let only them in). */
function bodyOf(actor: Actor): string {
  if (!actor.awardingBodyId) throw new Error(`the body admin ${actor.id} has no awarding body`);
  return actor.awardingBodyId;
}
