import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CaseEntity, CredentialEntity, DecisionEntity } from '../../../../libs/persistence/entities';
import type { Locale } from '../../../../libs/domain';
import { CasesRepository } from '../cases/cases.repository';
import { CasesService } from '../cases/cases.service';
import type { CaseDetailResponse } from '../cases/dto/case.response';
import type { Actor } from '../common/decorators';
import { EvidenceService } from '../evidence/evidence.service';
import { CredentialError } from './credentials.errors';
import { credentialState, CredentialState } from './dto/credential.response';

/**
 * Renewal of an expiring or expired credential by its holder: a new case on the same standard, opened through
 * the ordinary case creation (one open case per standard: 409 otherwise), with the credential as evidence of kind
 * credential offered for every learning outcome it recognised that the standard still has.
 */
/** How the renewed credential's evidence title names it, in the holder's language (the title is stored as written). */
const RENEWED_WORDS: Record<Locale, string> = { en: 'the credential to renew', fr: 'la certification à renouveler' };

@Injectable()
export class RenewalService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cases: CasesService,
    private readonly casesRepo: CasesRepository,
    private readonly evidence: EvidenceService,
  ) {}

  /** Errors: 404 not the caller's credential; 409 revoked, suspended, unsigned, or an open case on the standard. */
  async renew(actor: Actor, id: string): Promise<CaseDetailResponse> {
    const credential = await this.dataSource.getRepository(CredentialEntity).findOneBy({ id, candidateId: actor.id });
    if (!credential) throw CredentialError.notFound(id);
    const state = credentialState(credential, new Date());
    if (state === CredentialState.Revoked) throw CredentialError.revokedNotRenewable(id);
    if (state === CredentialState.Suspended) throw CredentialError.notRenewable(id, 'it is suspended by its issuer; ask the awarding body');
    if (!credential.openBadge) throw CredentialError.notRenewable(id, 'it was issued before credentials were signed');
    const kase = credential.caseId ? await this.dataSource.getRepository(CaseEntity).findOneBy({ id: credential.caseId }) : null;
    if (!kase) throw CredentialError.notRenewable(id, 'it was not awarded on a standard');
    const opened = await this.cases.create(actor, { standardId: kase.standardId });
    const outcomeIds = await this.recognisedOutcomes(credential, kase.standardId);
    // a retried renewal (same Idempotency-Key) finds its case: the credential is offered once
    if (outcomeIds.length && !(await this.alreadyOffered(opened.id, credential.id))) {
      await this.evidence.addCredential(actor, opened.id, {
        credential: credential.openBadge,
        title: `${credential.elements.title} (${RENEWED_WORDS[actor.locale ?? 'en']})`,
        learningOutcomeIds: outcomeIds,
      });
    }
    return this.cases.detail(actor, opened.id);
  }

  private async alreadyOffered(caseId: string, credentialId: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM evidence e JOIN evidence_credential c ON c.evidence_id = e.id WHERE e.case_id = $1 AND e.removed_at IS NULL AND c.credential_id = $2`,
      [caseId, `urn:uuid:${credentialId}`],
    );
    return rows.length > 0;
  }

  /** The learning outcomes the credential's decision recognised, as far as the standard still has them. */
  private async recognisedOutcomes(credential: CredentialEntity, standardId: string): Promise<string[]> {
    const decision = credential.decisionId ? await this.dataSource.getRepository(DecisionEntity).findOneBy({ id: credential.decisionId }) : null;
    const current = new Set((await this.casesRepo.outcomesOfStandard(standardId)).map((o) => o.id));
    return (decision?.recognisedOutcomeIds ?? []).filter((o) => current.has(o));
  }
}
