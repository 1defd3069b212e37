import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '../../../../libs/config/config.module';
import type { AppConfig } from '../../../../libs/config/config';
import { publicKeyJwk } from '../../../../libs/credentials';
import type { DidDocument } from '../../../../libs/credentials';
import { bodyDid, credentialUrls, didDocument, publishedKeys } from '../../../../libs/issuance';
import { AwardingBodyEntity } from '../../../../libs/persistence/entities';
import { CredentialError } from './credentials.errors';

/** An issuer's public profile (Open Badges 3.0 `Profile`). */
export interface IssuerProfile {
  '@context': string[];
  id: string;
  type: string[];
  name: string;
  url: string;
  address: { type: string[]; addressCountryCode: string };
}

/**
 * What an awarding body publishes so that anyone can verify its credentials without asking us: its profile, its
 * did:web document and JWKS with every key it signed with (retired ones included, so rotation breaks nothing).
 */
@Injectable()
export class IssuerService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async profile(bodyId: string): Promise<IssuerProfile> {
    const body = await this.body(bodyId);
    return {
      '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
      id: bodyDid(this.config.http.publicUrl, body.id),
      type: ['Profile'],
      name: body.name,
      url: credentialUrls(this.config.http.publicUrl).body(body.id),
      address: { type: ['Address'], addressCountryCode: body.country },
    };
  }

  async didDocument(bodyId: string): Promise<DidDocument> {
    const body = await this.body(bodyId);
    const did = bodyDid(this.config.http.publicUrl, body.id);
    // keys drawn under an earlier PUBLIC_URL belong to another DID: that document is served at that address
    const keys = (await publishedKeys(this.dataSource.manager, body.id)).filter((k) => k.controller === did);
    return didDocument(did, keys);
  }

  async jwks(bodyId: string): Promise<{ keys: Record<string, unknown>[] }> {
    const body = await this.body(bodyId);
    const keys = await publishedKeys(this.dataSource.manager, body.id);
    return {
      keys: await Promise.all(
        keys.map(async (k) => ({
          ...(await publicKeyJwk({ id: k.verificationMethod, controller: k.controller, publicKeyMultibase: k.publicKeyMultibase })),
          alg: 'EdDSA',
          use: 'sig',
        })),
      ),
    };
  }

  private async body(bodyId: string): Promise<AwardingBodyEntity> {
    const body = await this.dataSource.getRepository(AwardingBodyEntity).findOneBy({ id: bodyId });
    if (!body) throw CredentialError.bodyNotFound(bodyId);
    return body;
  }
}
