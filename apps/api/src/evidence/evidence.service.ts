import { Inject, Injectable } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { HttpRequest } from '../common/http';
import type { Readable } from 'node:stream';
import { APP_CONFIG } from '../../../../libs/config/config.module';
import type { AppConfig } from '../../../../libs/config/config';
import { EvidenceKind, canCandidateEdit } from '../../../../libs/domain';
import { EvidenceStore, StorageError, storageKeyFor } from '../../../../libs/storage/evidence-store';
import { attachmentDisposition, sanitiseFileName } from '../../../../libs/storage/filename';
import {
  ACCEPTED_TYPES_SENTENCE,
  MEDIA_TYPE_LABEL,
  declaredTypeAgrees,
  describeDeclared,
  sniffMediaType,
} from '../../../../libs/storage/media-type';
import { CaseAccessService } from '../cases/case-access.service';
import { CaseError } from '../cases/cases.errors';
import type { Actor } from '../common/decorators';
import { validationMessages } from '../common/validation';
import type { CreateEvidenceDto } from './dto/evidence.dto';
import { UploadEvidenceFieldsDto } from './dto/evidence.dto';
import type { EvidenceResponse } from './dto/evidence.response';
import { toEvidenceResponse } from './dto/evidence.response';
import { EvidenceError } from './evidence.errors';
import { EvidenceRepository } from './evidence.repository';
import { isMultipart, receiveUpload } from './multipart-upload';

export interface EvidenceDownload {
  stream: Readable;
  mediaType: string;
  sizeBytes: number;
  disposition: string;
}

/** The candidate's portfolio: files stored by content, links and attestations, each mapped to learning outcomes. */
@Injectable()
export class EvidenceService {
  constructor(
    private readonly repo: EvidenceRepository,
    private readonly access: CaseAccessService,
    private readonly store: EvidenceStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private async editableCase(actor: Actor, caseId: string) {
    const { kase } = await this.access.act(actor, caseId);
    if (!canCandidateEdit(kase.status)) throw CaseError.notEditable(kase.status);
    return kase;
  }

  async uploadFile(actor: Actor, caseId: string, req: HttpRequest): Promise<EvidenceResponse> {
    // access first: a stranger's upload is refused before a byte of it is stored
    const kase = await this.editableCase(actor, caseId);
    if (!isMultipart(req)) throw EvidenceError.notMultipart();
    const maxBytes = this.config.storage.maxUploadBytes;
    const upload = await receiveUpload(req, this.store, maxBytes);
    const staged = upload.file?.staged;
    try {
      if (upload.problems.length) throw EvidenceError.invalid(upload.problems);
      if (!upload.file || !staged) throw EvidenceError.invalid(['attach the file in a part named file']);
      if (upload.file.truncated) throw EvidenceError.tooLarge(maxBytes);
      const fields = plainToInstance(UploadEvidenceFieldsDto, upload.fields);
      const fieldProblems = validationMessages(await validate(fields, { whitelist: true, forbidNonWhitelisted: true }));
      if (fieldProblems.length) throw EvidenceError.invalid(fieldProblems);
      if (staged.sizeBytes === 0) throw EvidenceError.invalid(['the file is empty']);
      const detected = sniffMediaType(staged.sample);
      if (!detected) throw EvidenceError.unsupportedType(ACCEPTED_TYPES_SENTENCE);
      if (!declaredTypeAgrees(upload.file.declaredType, detected)) {
        throw EvidenceError.mislabelled(describeDeclared(upload.file.declaredType), MEDIA_TYPE_LABEL[detected]);
      }
      const outcomeProblems = await this.access.outcomeProblems(kase.standardId, fields.learningOutcomeIds, 'learningOutcomeIds');
      if (outcomeProblems.length) throw EvidenceError.invalid(outcomeProblems);

      const originalName = sanitiseFileName(upload.file.clientName);
      // The file moves into place inside the row's transaction, after the portfolio is known to be editable:
      // an upload that finishes after submission is refused and leaves nothing behind.
      const saved = await this.repo.insert(
        {
          caseId,
          kind: EvidenceKind.File,
          title: fields.title.trim(),
          description: fields.description?.trim() ?? '',
          storageKey: storageKeyFor(staged.sha256),
          sha256: staged.sha256,
          sizeBytes: staged.sizeBytes,
          mediaType: detected,
          originalName,
          addedBy: actor.id,
        },
        fields.learningOutcomeIds,
        (id) => ({ actorId: actor.id, action: 'evidence.added', subjectType: 'evidence', subjectId: id, data: { caseId, kind: EvidenceKind.File, sha256: staged.sha256 } }),
        () => this.store.commit(staged),
      );
      if (!saved) throw await this.notEditable(caseId);
      return toEvidenceResponse(saved);
    } finally {
      // a committed file has left the temporary folder; anything else staged is dropped
      if (staged) await this.store.discard(staged);
    }
  }

  async add(actor: Actor, caseId: string, dto: CreateEvidenceDto): Promise<EvidenceResponse> {
    const kase = await this.editableCase(actor, caseId);
    const problems: string[] = [];
    if (dto.kind === EvidenceKind.Url) {
      for (const field of ['attestorName', 'attestorEmail', 'attestorOrganisation', 'statement'] as const) {
        if (dto[field] !== undefined) problems.push(`${field} belongs to an attestation, not a url`);
      }
    } else if (dto.url !== undefined) {
      problems.push('url belongs to kind url, not an attestation');
    }
    problems.push(...(await this.access.outcomeProblems(kase.standardId, dto.learningOutcomeIds, 'learningOutcomeIds')));
    if (problems.length) throw EvidenceError.invalid(problems);
    const saved = await this.repo.insert(
      {
        caseId,
        kind: dto.kind,
        title: dto.title.trim(),
        description: dto.description?.trim() ?? '',
        url: dto.kind === EvidenceKind.Url ? dto.url! : null,
        attestorName: dto.attestorName?.trim() ?? null,
        attestorEmail: dto.attestorEmail?.toLowerCase() ?? null,
        attestorOrganisation: dto.attestorOrganisation?.trim() ?? null,
        statement: dto.statement?.trim() ?? null,
        addedBy: actor.id,
      },
      dto.learningOutcomeIds,
      (id) => ({ actorId: actor.id, action: 'evidence.added', subjectType: 'evidence', subjectId: id, data: { caseId, kind: dto.kind } }),
    );
    if (!saved) throw await this.notEditable(caseId);
    return toEvidenceResponse(saved);
  }

  async remove(actor: Actor, caseId: string, evidenceId: string): Promise<void> {
    await this.editableCase(actor, caseId);
    const removed = await this.repo.softRemove(caseId, evidenceId, { actorId: actor.id, action: 'evidence.removed', subjectType: 'evidence', subjectId: evidenceId, data: { caseId } });
    if (removed === 'not_editable') throw await this.notEditable(caseId);
    if (removed === 'not_found') throw EvidenceError.notFound();
  }

  /** The 409 for a portfolio that stopped being editable between the first check and the write (a submission won). */
  private async notEditable(caseId: string): Promise<CaseError> {
    return CaseError.notEditable((await this.repo.statusOf(caseId)) ?? 'gone');
  }

  /** The file, only for the case's candidate, its assessors (any assignment) and its body's admins. */
  async download(actor: Actor, caseId: string, evidenceId: string): Promise<EvidenceDownload> {
    await this.access.view(actor, caseId);
    const evidence = await this.repo.findCurrent(caseId, evidenceId);
    if (!evidence || evidence.kind !== EvidenceKind.File || !evidence.storageKey) throw EvidenceError.notFound();
    try {
      const { stream, sizeBytes } = await this.store.open(evidence.storageKey);
      return { stream, sizeBytes, mediaType: evidence.mediaType ?? 'application/octet-stream', disposition: attachmentDisposition(evidence.originalName ?? 'evidence') };
    } catch (err) {
      if (err instanceof StorageError) throw EvidenceError.fileMissing();
      throw err;
    }
  }
}
