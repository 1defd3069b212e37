import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { credentialFromFile, CredentialInputError, holderCheck, MAX_CREDENTIAL_CHARS } from '../../../../libs/credentials';
import { EvidenceKind, RECOGNITION_STATUSES } from '../../../../libs/domain';
import type { CaseEntity } from '../../../../libs/persistence/entities';
import { PriorCredentialEntity, UserEntity } from '../../../../libs/persistence/entities';
import { showsAssessor, visibleAt } from '../cases/case-access.policy';
import { CaseAccessService } from '../cases/case-access.service';
import { CasesRepository } from '../cases/cases.repository';
import { CaseError } from '../cases/cases.errors';
import { inputProblems } from '../common/request-input';
import type { Actor } from '../common/decorators';
import { VerificationService } from '../credentials/verification.service';
import type { RecogniseCredentialDto } from './dto/evidence.dto';
import { toEvidenceResponse, toRecognitionResponse } from './dto/evidence.response';
import type { EvidenceResponse, RecognitionResponse } from './dto/evidence.response';
import { EvidenceError } from './evidence.errors';
import { EvidenceRepository } from './evidence.repository';

/** A credential to add to a portfolio: as presented, with the portfolio fields. */
export interface PriorCredentialInput {
  credential: unknown;
  title?: string;
  description?: string;
  learningOutcomeIds: string[];
}

/**
 * Recognition of prior credentials: a candidate adds a credential issued elsewhere as evidence, verified on the
 * way in with the public pipeline (offline: another host's did:web is never fetched, so its key check fails);
 * the assessor holding the case sees every check and records, per learning outcome it is offered for, that they
 * accept it.
 */
@Injectable()
export class PriorCredentialsService {
  constructor(
    private readonly repo: EvidenceRepository,
    private readonly cases: CasesRepository,
    private readonly access: CaseAccessService,
    private readonly verification: VerificationService,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
  ) {}

  /** The largest credential file read (a credential has at most MAX_CREDENTIAL_CHARS characters, of up to 4 bytes each in UTF-8). */
  static readonly MAX_FILE_BYTES = MAX_CREDENTIAL_CHARS * 4;

  /** The text of an uploaded .json or .jwt credential file, read as the JSON body would carry it. */
  static fromFile(bytes: Buffer): unknown {
    try {
      return credentialFromFile(bytes);
    } catch (err) {
      if (err instanceof CredentialInputError) throw EvidenceError.notACredential(err.message);
      throw err;
    }
  }

  /**
   * Verifies the credential, then stores it as presented with its verification and its outcome mappings, in the
   * portfolio's transaction. `kase` is a case whose portfolio the actor may edit (checked by the caller).
   * Errors: 422 not a credential; 400 outcomes not of the standard; 409 the portfolio closed meanwhile.
   */
  async add(actor: Actor, kase: CaseEntity, input: PriorCredentialInput): Promise<EvidenceResponse> {
    const problems = await this.access.outcomeProblems(kase.standardId, input.learningOutcomeIds, 'learningOutcomeIds');
    if (problems.length) throw EvidenceError.invalid(problems);
    let verified: Awaited<ReturnType<VerificationService['verifyPresented']>>;
    try {
      verified = await this.verification.verifyPresented(input.credential);
    } catch (err) {
      if (err instanceof CredentialInputError) throw EvidenceError.notACredential(err.message);
      throw err;
    }
    const { presented, result, names } = verified;
    // the request gate never saw a file's content or a JWT's claims: the same rule for what PostgreSQL cannot store
    const unstorable = [...inputProblems(presented, 'the credential: '), ...inputProblems(result.credential ?? {}, 'the credential: ')];
    if (unstorable.length) throw EvidenceError.notACredential(unstorable.join('; '));
    // what cannot be read as a credential at all (an unknown context, a malformed one) is not evidence
    const format = result.checks.find((c) => c.check === 'format');
    if (format?.outcome === 'failed') throw EvidenceError.notACredential(format.reason);
    // a credential that verifies but names someone else is not the candidate's evidence: shown as such
    const candidate = await this.users.findOneByOrFail({ id: kase.candidateId });
    const holder = holderCheck(result.credential, candidate.email);
    const title = input.title?.trim() || names.achievementName || 'Credential';
    const prior: Omit<PriorCredentialEntity, 'evidenceId' | 'evidence'> = {
      format: result.format,
      presentedJson: typeof presented === 'string' ? null : presented,
      presentedJwt: typeof presented === 'string' ? presented : null,
      verified: result.verified && holder.outcome !== 'failed',
      checks: [...result.checks.map((c) => ({ check: c.check, outcome: c.outcome, reason: c.reason })), holder],
      credentialId: names.credentialId,
      issuerId: names.issuerId,
      issuerName: names.issuerName,
      achievementName: names.achievementName,
      validUntil: names.validUntil,
      verifiedAt: new Date(),
    };
    const saved = await this.repo.insert(
      { caseId: kase.id, kind: EvidenceKind.Credential, title: title.slice(0, 300), description: input.description?.trim() ?? '', addedBy: actor.id },
      input.learningOutcomeIds,
      (id) => ({
        actorId: actor.id,
        action: 'evidence.added',
        subjectType: 'evidence',
        subjectId: id,
        data: { caseId: kase.id, kind: EvidenceKind.Credential, verified: result.verified, issuerId: names.issuerId, credentialId: names.credentialId },
      }),
      { withRow: (manager, evidenceId) => manager.getRepository(PriorCredentialEntity).insert({ ...prior, evidenceId } as never) },
    );
    if (saved.kind !== 'saved') throw CaseError.portfolioClosed(await this.repo.caseOf(kase.id));
    const priorCredentials = await this.cases.priorCredentialsOf([saved.evidence.id]);
    return toEvidenceResponse(saved.evidence, { priorCredentials, recognitions: [] });
  }

  /**
   * The assessor holding the case accepts a prior credential for one learning outcome it is offered for, while
   * the case is assessed. Errors: 404 not visible or not a credential; 400 an outcome the evidence is not linked
   * to; 409 not being assessed, or already recognised for that outcome.
   */
  async recognise(actor: Actor, caseId: string, evidenceId: string, dto: RecogniseCredentialDto): Promise<RecognitionResponse> {
    const { kase, viewer } = await this.access.step(actor, caseId);
    const evidence = await this.repo.findCurrent(caseId, evidenceId);
    if (!evidence || evidence.kind !== EvidenceKind.Credential || !visibleAt(viewer, evidence.createdAt)) throw EvidenceError.notFound();
    if (!RECOGNITION_STATUSES.includes(kase.status)) throw EvidenceError.notAssessing(kase.status);
    if (!(evidence.outcomes ?? []).some((o) => o.learningOutcomeId === dto.learningOutcomeId)) {
      throw EvidenceError.invalid([`learningOutcomeId ${dto.learningOutcomeId} is not one of the learning outcomes this credential is offered for`]);
    }
    const saved = await this.repo.insertRecognition(
      { evidenceId, learningOutcomeId: dto.learningOutcomeId, assessorId: actor.id, recognisedAt: new Date(), comment: dto.comment?.trim() ?? '' },
      (id) => ({ actorId: actor.id, action: 'evidence.recognised', subjectType: 'evidence', subjectId: evidenceId, data: { caseId, recognitionId: id, learningOutcomeId: dto.learningOutcomeId } }),
    );
    if (saved === 'exists') throw EvidenceError.alreadyRecognised();
    return toRecognitionResponse(saved, (id) => showsAssessor(viewer, id));
  }
}
