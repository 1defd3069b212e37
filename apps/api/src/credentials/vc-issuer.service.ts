import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '../../../../libs/config/config.module';
import type { AppConfig } from '../../../../libs/config/config';
import { asProofSet, compactFormProblems, createDocumentLoader, CredentialKeyError, isObject, signDataIntegrity, VC_V2_CONTEXT } from '../../../../libs/credentials';
import type { Credential } from '../../../../libs/credentials';
import { bodyDid, credentialUrls, currentSigningKey } from '../../../../libs/issuance';
import { RequestValidationError } from '../common/api-error';
import { AuditRepository } from '../common/audit.repository';
import type { Actor } from '../common/decorators';

/**
 * The W3C VC API's issuer endpoint for an awarding body: signs any VC Data Model 2.0 credential with the body's
 * current key (Data Integrity, eddsa-rdfc-2022). Such a credential is the body's own statement: it is not a
 * case's award: it takes no urn:uuid id (those are the awards') and no status entry (a copy of a revoked award
 * would verify again under its id and status), and is not kept here (only audited). Its id, when left out, is a
 * URL under the body's profile. A badge may be signed this way too; it can never be revoked.
 */
@Injectable()
export class VcIssuerService {
  private readonly documentLoader = createDocumentLoader();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Errors: 400 naming what makes the credential unsignable (shape, issuer, an unknown context or term). */
  issue(actor: Actor, credential: Record<string, unknown>): Promise<Credential> {
    const bodyId = actor.awardingBodyId;
    if (!bodyId) throw new RequestValidationError(['only an awarding body issues credentials']);
    const did = bodyDid(this.config.http.publicUrl, bodyId);
    const unsigned = this.prepare(credential, did, bodyId);
    return this.dataSource.transaction(async (em) => {
      const now = new Date();
      const { key } = await currentSigningKey(em, bodyId, { publicUrl: this.config.http.publicUrl, keyring: this.config.credentials.secretKeys, now });
      let signed: Credential;
      try {
        signed = asProofSet(await signDataIntegrity(unsigned, key, { documentLoader: this.documentLoader, now }));
      } catch (err) {
        // the key is ours and unlocked above: what fails now is the credential (an unknown context, a value
        // the data model or JSON-LD refuses), said back to the caller
        if (err instanceof Error && !(err instanceof CredentialKeyError)) throw new RequestValidationError([`the credential cannot be signed: ${err.message}`]);
        throw err;
      }
      await this.audit.record({ actorId: actor.id, action: 'credential.issued_via_vc_api', subjectType: 'awarding_body', subjectId: bodyId, data: { credentialId: signed.id } }, em);
      return signed;
    });
  }

  private prepare(credential: Record<string, unknown>, did: string, bodyId: string): Credential {
    const problems: string[] = [];
    const contexts = credential['@context'];
    if (!Array.isArray(contexts) || contexts[0] !== VC_V2_CONTEXT) problems.push(`credential.@context must be an array starting with ${VC_V2_CONTEXT}`);
    const types = credential.type;
    if (!Array.isArray(types) || !types.includes('VerifiableCredential')) problems.push('credential.type must be an array holding VerifiableCredential');
    const subject = credential.credentialSubject;
    if (!isObject(subject) && !(Array.isArray(subject) && subject.length > 0 && subject.every(isObject))) problems.push('credential.credentialSubject must be an object (or a list of them)');
    if ('proof' in credential) problems.push('credential must not carry a proof: send it unsigned');
    if ('credentialStatus' in credential) problems.push('credential must not carry a credentialStatus: credentials signed here have none (they cannot be revoked), and a status entry of ours would be a false one');
    const issuer = credential.issuer;
    const issuerId = typeof issuer === 'string' ? issuer : isObject(issuer) ? issuer.id : undefined;
    if (issuer !== undefined && issuerId !== did) problems.push(`credential.issuer must be your awarding body (${did}) or left out`);
    if (credential.id !== undefined && typeof credential.id !== 'string') problems.push('credential.id must be a URL or URN');
    // the ids of credentials issued on awards are ours: another credential must not take one
    if (typeof credential.id === 'string' && /^urn:uuid:/i.test(credential.id)) problems.push('credential.id must not be a urn:uuid: this service gives those to the credentials it awards; leave id out, or use a URL of your own');
    if (typeof credential.id === 'string' && credential.id.startsWith(this.config.http.publicUrl)) problems.push(`credential.id must not be an address of this service (${this.config.http.publicUrl}): leave id out, or use a URL of your own`);
    if (Array.isArray(contexts) && contexts.some((c) => typeof c !== 'string')) problems.push('credential.@context must name its contexts by URL (an inline context is not accepted)');
    const from = typeof credential.validFrom === 'string' ? Date.parse(credential.validFrom) : NaN;
    const until = typeof credential.validUntil === 'string' ? Date.parse(credential.validUntil) : NaN;
    if (!Number.isNaN(from) && !Number.isNaN(until) && until <= from) problems.push('credential.validUntil must come after its validFrom');
    // a status entry (or any property) written by its full IRI would be signed, then escape every check that reads terms
    problems.push(...compactFormProblems(credential).map((p) => `credential: ${p}`));
    if (problems.length) throw new RequestValidationError(problems);
    return {
      ...credential,
      id: credential.id ?? `${credentialUrls(this.config.http.publicUrl).body(bodyId)}/statements/${randomUUID()}`,
      issuer: issuer ?? did,
      validFrom: credential.validFrom ?? new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
    };
  }
}
