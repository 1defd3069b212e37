import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Between, DataSource, Not, IsNull } from 'typeorm';
import type { EntityManager } from 'typeorm';
import { APP_CONFIG } from '../../../../libs/config/config.module';
import type { AppConfig } from '../../../../libs/config/config';
import { createDocumentLoader, signDataIntegrity, STATUS_LIST_LENGTH, statusListCredential } from '../../../../libs/credentials';
import type { Credential, StatusPurpose } from '../../../../libs/credentials';
import { bodyDid, credentialUrls, currentSigningKey } from '../../../../libs/issuance';
import { AwardingBodyEntity, CredentialEntity } from '../../../../libs/persistence/entities';
import { CredentialError } from './credentials.errors';

/** How far behind ours a verifier's clock may run. */
const CLOCK_SKEW_MS = 5 * 60_000;

/**
 * The awarding bodies' status lists (W3C Bitstring Status List v1.0), one for revocation and one for suspension
 * per 131,072 credentials, built from the credential rows when asked, so a revocation shows in the next answer.
 * Signed by the body's current key (Data Integrity, eddsa-rdfc-2022).
 */
@Injectable()
export class StatusListsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * `at`: the time the list is valid from (now by default); a verification passes its own start, so a list built a
   * moment later is not "not yet valid" to it. Errors: 404 when the body does not exist or has issued nothing in
   * that list's range.
   */
  signedList(bodyId: string, purpose: StatusPurpose, list: number, at: Date = new Date()): Promise<Credential> {
    return this.dataSource.transaction(async (em) => {
      const body = await em.findOneBy(AwardingBodyEntity, { id: bodyId });
      if (!body) throw CredentialError.bodyNotFound(bodyId);
      if (list * STATUS_LIST_LENGTH >= body.nextStatusPosition) throw CredentialError.statusListNotFound(bodyId, purpose, list);
      const now = at;
      const unsigned = await statusListCredential({
        id: credentialUrls(this.config.http.publicUrl).statusList(bodyId, purpose, list),
        issuer: bodyDid(this.config.http.publicUrl, bodyId),
        purpose,
        setIndexes: await this.setIndexes(em, bodyId, purpose, list),
        // dated a little back: a verifier whose clock runs behind ours must not find a fresh list "not yet valid"
        validFrom: new Date(now.getTime() - CLOCK_SKEW_MS),
      });
      const { key } = await currentSigningKey(em, bodyId, { publicUrl: this.config.http.publicUrl, keyring: this.config.credentials.secretKeys, now });
      return signDataIntegrity(unsigned, key, { documentLoader: createDocumentLoader(), now });
    });
  }

  /**
   * The list a status entry points to, when it is one of ours (by its URL under PUBLIC_URL); undefined for any
   * other URL: nothing is ever fetched.
   */
  async byUrl(url: string, at?: Date): Promise<Credential | undefined> {
    const prefix = `${this.config.http.publicUrl}/bodies/`;
    if (!url.startsWith(prefix)) return undefined;
    const match = /^([0-9a-f-]{36})\/status\/(revocation|suspension)\/(0|[1-9][0-9]{0,8})$/.exec(url.slice(prefix.length));
    if (!match) return undefined;
    try {
      return await this.signedList(match[1]!, match[2] as StatusPurpose, Number(match[3]), at);
    } catch (err) {
      if (err instanceof CredentialError) return undefined;
      throw err;
    }
  }

  private async setIndexes(em: EntityManager, bodyId: string, purpose: StatusPurpose, list: number): Promise<number[]> {
    const first = list * STATUS_LIST_LENGTH;
    const rows = await em.find(CredentialEntity, {
      select: { statusPosition: true },
      where: {
        awardingBodyId: bodyId,
        statusPosition: Between(first, first + STATUS_LIST_LENGTH - 1),
        ...(purpose === 'revocation' ? { revokedAt: Not(IsNull()) } : { suspendedAt: Not(IsNull()) }),
      },
    });
    return rows.map((r) => r.statusPosition! - first);
  }
}
