import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '../../../../libs/config/config.module';
import type { AppConfig } from '../../../../libs/config/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  asProofSet,
  isObject,
  issuerIdOf,
  createDocumentLoader,
  CredentialInputError,
  readPresentedCredential,
  validateOpenBadgeSchema,
  verifyPresentationProof,
  verifyPresentedCredential,
} from '../../../../libs/credentials';
import type { AwardSource, Credential, DocumentLoader, PresentedCredentialVerification, VerificationCheck } from '../../../../libs/credentials';
import { companionStatusEntry, didDocument, keyStatusAt } from '../../../../libs/issuance';
import { AwardingBodyKeyEntity, CredentialEntity } from '../../../../libs/persistence/entities';
import { RequestValidationError } from '../common/api-error';
import type { VcApiVerifyPresentationDto } from './dto/verify.dto';
import type { VcApiPresentationVerificationResponse, VcApiVerificationResponse, VerificationCheckResponse, VerificationResponse } from './dto/verification.response';
import { CredentialError } from './credentials.errors';
import { StatusListsService } from './status-lists.service';
import { VerificationPage } from './verification-page';

/**
 * Verifies credentials offline: did:key from the key itself, our bodies' did:web documents and status lists from
 * the database, JSON-LD contexts from the shipped packages. Another host's did:web is not fetched: its key
 * check fails, naming the DID.
 */
@Injectable()
export class VerificationService {
  private readonly documentLoader: DocumentLoader;
  private readonly verificationPage = new VerificationPage();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly statusLists: StatusListsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.documentLoader = createDocumentLoader({
      resolveDidWeb: async (did) => {
        const keys = await this.dataSource.getRepository(AwardingBodyKeyEntity).find({ where: { controller: did }, order: { createdAt: 'ASC' } });
        const live = keys.filter((k) => !k.revokedAt);
        return keys.length ? didDocument(did, live) : undefined;
      },
    });
  }

  /** POST /verify: the checks, and what the credential names. Errors: 400 when the input is not a credential at all. */
  async verifyForPeople(input: unknown): Promise<VerificationResponse> {
    const answer = await this.verifyWithDetails(input);
    return { ...answer, checks: answer.checks.map(checkResponse) };
  }

  /** POST /verify's answer with each check's detail code and values, which the portal words in its reader's language. */
  async verifyWithDetails(input: unknown): Promise<Omit<VerificationResponse, 'checks'> & { checks: VerificationCheck[] }> {
    let verified: Awaited<ReturnType<VerificationService['verifyPresented']>>;
    try {
      verified = await this.verifyPresented(input);
    } catch (err) {
      if (err instanceof CredentialInputError) throw new RequestValidationError([err.message]);
      throw err;
    }
    const { result, names } = verified;
    const name = result.credential?.name;
    return {
      verified: result.verified,
      format: result.format,
      checks: result.checks,
      credentialId: names.credentialId,
      issuer: names.issuerId,
      name: typeof name === 'string' ? name : null,
    };
  }

  /**
   * A credential a candidate presents as evidence: the pipeline's result with what it names, and the input as
   * presented (an EnvelopedVerifiableCredential unwrapped to its VC-JWT). Errors: CredentialInputError when the input
   * is not a credential at all.
   */
  async verifyPresented(input: unknown): Promise<{ presented: Record<string, unknown> | string; result: PresentedCredentialVerification; names: PresentedNames }> {
    const presented = unwrapEnvelope(input);
    readPresentedCredential(presented);
    const result = await this.verify(presented);
    const asObject = typeof presented === 'string' ? presented : (presented as Record<string, unknown>);
    return { presented: asObject, result, names: presentedNames(result.credential) };
  }

  /** The VC API's result shape: the checks that passed, the errors of those that failed. */
  async verifyForVcApi(input: unknown): Promise<VcApiVerificationResponse> {
    const result = await this.verify(unwrapEnvelope(input));
    return {
      verified: result.verified,
      checks: result.checks.filter((c) => c.outcome === 'passed').map((c) => VC_API_CHECK[c.check] ?? c.check),
      warnings: result.checks.filter((c) => c.outcome === 'not_applicable').map((c) => `${c.check}: ${c.reason}`),
      errors: result.checks.filter((c) => c.outcome === 'failed').map((c) => ({ check: VC_API_CHECK[c.check] ?? c.check, message: c.reason })),
      details: result.checks.map(checkResponse),
    };
  }

  /**
   * A presentation: its own proof (needs options.challenge) unless sent as `presentation` without one, then
   * every credential in it through the same pipeline.
   */
  async verifyPresentation(dto: VcApiVerifyPresentationDto): Promise<VcApiPresentationVerificationResponse> {
    const signed = dto.verifiablePresentation;
    const presentation = signed ?? dto.presentation;
    if (!presentation || (dto.verifiablePresentation && dto.presentation)) {
      throw new RequestValidationError(['send either verifiablePresentation (with a proof) or presentation (without one)']);
    }
    const types = Array.isArray(presentation.type) ? presentation.type : [presentation.type];
    if (!types.includes('VerifiablePresentation')) throw new RequestValidationError(['the presentation must be of type VerifiablePresentation']);
    const errors: { check: string; message: string }[] = [];
    let presentationResult: VcApiVerificationResponse | null = null;
    if (signed) {
      const challenge = dto.options?.challenge;
      if (typeof challenge !== 'string' || !challenge) throw new RequestValidationError(["options.challenge is required to verify a presentation's proof"]);
      const domain = typeof dto.options?.domain === 'string' ? dto.options.domain : undefined;
      const proof = await verifyPresentationProof(signed, { challenge, domain, documentLoader: this.documentLoader });
      const failures = proof.errors.map((message) => ({ check: 'proof', message }));
      presentationResult = { verified: proof.verified, checks: proof.verified ? ['proof'] : [], warnings: [], errors: failures, details: [] };
      errors.push(...failures);
    }
    const contained = presentation.verifiableCredential;
    const credentials = contained === undefined ? [] : Array.isArray(contained) ? contained : [contained];
    if (credentials.length > 20) throw new RequestValidationError(['a presentation may hold at most 20 credentials here']);
    const credentialResults: VcApiVerificationResponse[] = [];
    for (const credential of credentials) credentialResults.push(await this.verifyForVcApi(credential));
    credentialResults.forEach((r, i) => errors.push(...r.errors.map((e) => ({ check: e.check, message: `credential ${i + 1}: ${e.message}` }))));
    const verified = (presentationResult?.verified ?? true) && credentialResults.every((r) => r.verified);
    return { verified, presentationResult, credentialResults, errors };
  }

  /** The public verification page of a credential issued here. Errors: 404 for an unknown or unsigned credential. */
  async page(id: string): Promise<string> {
    const { source, result, shared } = await this.checkIssued(id);
    return this.verificationPage.render(source, result, shared, new Date());
  }

  /**
   * A credential issued here, checked afresh as anyone would check it: what it is, the checks, and whether its
   * holder shared their name and its details. Errors: 404 for an unknown or unsigned credential.
   */
  async checkIssued(id: string): Promise<{ source: AwardSource; result: PresentedCredentialVerification; shared: boolean }> {
    const c = await this.dataSource.getRepository(CredentialEntity).findOneBy({ id });
    if (!c || !c.openBadge || !c.awardSource) throw CredentialError.notFound(id);
    return { source: c.awardSource, result: await this.verify(c.openBadge), shared: c.publicPage };
  }

  /** Every check with its outcome; never throws for what was presented (see verifyPresentedCredential). */
  verify(input: unknown): Promise<PresentedCredentialVerification> {
    // one instant for every check: our status lists are built as of it (a list made a moment later would not yet be valid)
    const now = new Date();
    return verifyPresentedCredential(input, {
      now,
      documentLoader: this.documentLoader,
      keyStatus: async (method, issuedAt) => {
        // did:key credentials are issued elsewhere: the key is the DID itself, there is no record to consult
        if (method.startsWith('did:key:')) {
          return { known: true, validAtIssuance: true, reason: 'the issuer is the did:key itself: the signature shows which key signed, not which organisation holds it' };
        }
        return keyStatusAt(this.dataSource.manager, method, issuedAt);
      },
      fetchStatusList: (url) => this.statusLists.byUrl(url, now),
      companionStatusEntries: (entry) => companionStatusEntry(this.config.http.publicUrl, entry),
      // a single proof object and a proof set of one say the same (VC 2.0); the OB 3.0 schema wants the set
      validateSchema: (credential: Credential) => (isOpenBadge(credential) ? validateOpenBadgeSchema(asProofSet(credential)) : []),
    });
  }
}

/** A check as the JSON API answers it: its name, outcome and reason in English. */
function checkResponse({ check, outcome, reason }: VerificationCheck): VerificationCheckResponse {
  return { check, outcome, reason };
}

/** What a presented credential says about itself (unverified: shown beside the checks). */
export interface PresentedNames {
  credentialId: string | null;
  issuerId: string | null;
  issuerName: string | null;
  achievementName: string | null;
  validUntil: Date | null;
}

function presentedNames(credential: Credential | undefined): PresentedNames {
  const c = (credential ?? {}) as Record<string, unknown>;
  const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v : null);
  const issuerObject = isObject(c.issuer) ? c.issuer : null;
  const subjects = Array.isArray(c.credentialSubject) ? c.credentialSubject : [c.credentialSubject];
  const subject = subjects.find((x) => x && typeof x === 'object') as Record<string, unknown> | undefined;
  const achievement = subject?.achievement && typeof subject.achievement === 'object' ? (subject.achievement as Record<string, unknown>) : null;
  const until = text(c.validUntil) ?? text(c.expirationDate);
  const validUntil = until && !Number.isNaN(Date.parse(until)) ? new Date(until) : null;
  const issuerId = text(issuerIdOf(c));
  const statedName = text(issuerObject?.name);
  return {
    credentialId: text(c.id),
    issuerId,
    // a did:key vouches for no name: whoever holds a key can write any organisation's name beside it
    issuerName: statedName && issuerId?.startsWith('did:key:') ? `${statedName} (as the credential states it; its did:key issuer is not known here)` : statedName,
    achievementName: text(achievement?.name) ?? text(c.name),
    validUntil,
  };
}

const VC_API_CHECK: Record<string, string> = { signature: 'proof', status: 'status', expiry: 'expiration', schema: 'schema', issuer_key: 'issuer', format: 'format' };

/** The credential inside an EnvelopedVerifiableCredential (VC 2.0 §4.13): `data:application/vc+jwt,<jwt>`. */
function unwrapEnvelope(input: unknown): unknown {
  if (input && typeof input === 'object' && !Array.isArray(input)) {
    const o = input as Record<string, unknown>;
    const types = Array.isArray(o.type) ? o.type : [o.type];
    if (types.includes('EnvelopedVerifiableCredential') && typeof o.id === 'string' && o.id.startsWith('data:application/vc+jwt,')) {
      return o.id.slice('data:application/vc+jwt,'.length);
    }
  }
  return input;
}

function isOpenBadge(credential: Credential): boolean {
  return Array.isArray(credential.type) && credential.type.some((t) => t === 'OpenBadgeCredential' || t === 'AchievementCredential');
}
