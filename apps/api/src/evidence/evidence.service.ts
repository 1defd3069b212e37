import { Inject, Injectable } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { HttpRequest } from '../common/http';
import type { Readable } from 'node:stream';
import { APP_CONFIG } from '../../../../libs/config/config.module';
import type { AppConfig } from '../../../../libs/config/config';
import { EvidenceKind, portfolioOpen } from '../../../../libs/domain';
import { parseRange, ifRangeHolds } from '../../../../libs/storage/byte-range';
import { EvidenceStore, StorageError, StorageErrorCode, storageKeyFor } from '../../../../libs/storage/evidence-store';
import type { StagedFile } from '../../../../libs/storage/evidence-store';
import type { CaseEntity } from '../../../../libs/persistence/entities';
import { attachmentDisposition, inlineDisposition, nameForContent } from '../../../../libs/storage/filename';
import { jpegRenditionOfHeic } from '../../../../libs/storage/heic-rendition';
import { EvidenceMediaType, MEDIA_TYPES, MediaClass, classifyContent, mediaClassOf, normaliseDeclaredType } from '../../../../libs/storage/media-type';
import { visibleAt } from '../cases/case-access.policy';
import { CaseAccessService } from '../cases/case-access.service';
import { CaseError } from '../cases/cases.errors';
import type { Actor } from '../common/decorators';
import { validationMessages } from '../common/validation';
import type { CreateEvidenceDto } from './dto/evidence.dto';
import { UploadEvidenceFieldsDto } from './dto/evidence.dto';
import type { EvidenceResponse } from './dto/evidence.response';
import { toEvidenceResponse } from './dto/evidence.response';
import { ApiMetrics } from '../metrics/metrics.service';
import { EvidenceError } from './evidence.errors';
import { EvidenceRepository } from './evidence.repository';
import { isMultipart, receiveUpload } from './multipart-upload';
import { PriorCredentialsService } from './prior-credentials.service';
import type { PriorCredentialInput } from './prior-credentials.service';

export interface EvidenceDownload {
  stream: Readable;
  mediaType: string;
  /** The whole file's size. */
  sizeBytes: number;
  /** The bytes sent, inclusive, when a range was asked for and can be served. */
  range: { start: number; end: number } | null;
  etag: string;
  disposition: string;
}

const HEIC_TYPES: readonly EvidenceMediaType[] = [EvidenceMediaType.Heic, EvidenceMediaType.Heif];

/** The 503 or 507 for the store's own faults; the candidate's mistakes are 4xx elsewhere. */
function storageAnswer(err: unknown): unknown {
  if (!(err instanceof StorageError)) return err;
  if (err.code === StorageErrorCode.Full) return EvidenceError.storageFull();
  if (err.code === StorageErrorCode.NotFound) return EvidenceError.fileMissing();
  return EvidenceError.storageUnavailable();
}

/** The candidate's portfolio: files stored by content, links and attestations, each mapped to learning outcomes. */
@Injectable()
export class EvidenceService {
  constructor(
    private readonly repo: EvidenceRepository,
    private readonly access: CaseAccessService,
    private readonly store: EvidenceStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly priorCredentials: PriorCredentialsService,
    private readonly metrics: ApiMetrics,
  ) {}

  private async editableCase(actor: Actor, caseId: string) {
    const { kase } = await this.access.act(actor, caseId);
    if (!portfolioOpen(kase.status, kase.evidenceDueAt, new Date())) throw CaseError.portfolioClosed(kase);
    return kase;
  }

  /** The upload limit of a class of files, and how a message names that class. */
  private limitFor(mediaClass: MediaClass | null): { maxBytes: number; what: string } {
    const { maxUploadBytes, maxRecordingBytes } = this.config.storage;
    if (mediaClass === MediaClass.Recording) return { maxBytes: maxRecordingBytes, what: 'video and audio recordings' };
    if (mediaClass === null) return { maxBytes: Math.max(maxUploadBytes, maxRecordingBytes), what: 'any file' };
    return { maxBytes: maxUploadBytes, what: 'documents and images' };
  }

  async uploadFile(actor: Actor, caseId: string, req: HttpRequest): Promise<EvidenceResponse> {
    // access first: a stranger's upload is refused before a byte of it is stored
    const kase = await this.editableCase(actor, caseId);
    if (!isMultipart(req)) throw EvidenceError.notMultipart();
    // the type is known only once the bytes are in: stream up to the largest limit, then apply the type's own
    const streamLimit = this.limitFor(null).maxBytes;
    const upload = await receiveUpload(req, this.store, streamLimit);
    const staged = upload.file?.staged;
    let rendition: StagedFile | null = null;
    try {
      if (upload.storageFault) throw upload.storageFault;
      if (upload.problems.length) throw EvidenceError.invalid(upload.problems);
      if (upload.tooLarge) throw EvidenceError.tooLarge(streamLimit, 'any file');
      if (!upload.file || !staged) throw EvidenceError.invalid(['attach the file in a part named file']);
      if (upload.fields.kind === EvidenceKind.Credential) return await this.credentialFromUpload(actor, kase, upload.fields, staged);
      const classification = classifyContent(staged.sample);
      const limit = this.limitFor(classification.accepted ? mediaClassOf(classification.type) : null);
      if (upload.file.truncated || staged.sizeBytes > limit.maxBytes) throw EvidenceError.tooLarge(limit.maxBytes, limit.what);
      const fields = await this.uploadFields(upload.fields);
      if (fields.kind === EvidenceKind.Credential) throw EvidenceError.invalid(['kind credential is not accepted here']);
      if (staged.sizeBytes === 0) throw EvidenceError.empty(false);
      if (!classification.accepted) {
        if (classification.blank) throw EvidenceError.empty(true);
        throw EvidenceError.unsupportedType(classification.kind, classification.advice);
      }
      const detected = classification.type;
      const outcomeProblems = await this.access.outcomeProblems(kase.standardId, fields.learningOutcomeIds, 'learningOutcomeIds');
      if (outcomeProblems.length) throw EvidenceError.invalid(outcomeProblems);
      if (HEIC_TYPES.includes(detected)) rendition = await this.renderPhoto(staged, detected);

      // the content names the file's type: the declared type and the extension only ever lose
      const originalName = nameForContent(upload.file.clientName, detected);
      const declaredType = normaliseDeclaredType(upload.file.declaredType);
      const renditionToCommit = rendition;
      // The files move into place inside the row's transaction, after the portfolio is known to be editable and
      // the case's quota to hold them: an upload that finishes after submission is refused and leaves nothing behind.
      const saved = await this.repo.insert(
        {
          caseId,
          kind: EvidenceKind.File,
          title: fields.title!.trim(),
          description: fields.description?.trim() ?? '',
          storageKey: storageKeyFor(staged.sha256),
          sha256: staged.sha256,
          sizeBytes: staged.sizeBytes,
          mediaType: detected,
          originalName,
          renditionStorageKey: renditionToCommit ? storageKeyFor(renditionToCommit.sha256) : null,
          renditionMediaType: renditionToCommit ? EvidenceMediaType.Jpeg : null,
          addedBy: actor.id,
        },
        fields.learningOutcomeIds,
        (id) => ({
          actorId: actor.id,
          action: 'evidence.added',
          subjectType: 'evidence',
          subjectId: id,
          data: { caseId, kind: EvidenceKind.File, sha256: staged.sha256, mediaType: detected, declaredType },
        }),
        {
          quota: { quotaBytes: this.config.storage.caseQuotaBytes, addingBytes: staged.sizeBytes },
          beforeCommit: async () => {
            await this.store.commit(staged);
            if (renditionToCommit) await this.store.commit(renditionToCommit);
          },
        },
      );
      if (saved.kind === 'not_editable') throw await this.portfolioClosed(caseId);
      if (saved.kind === 'over_quota') throw EvidenceError.quotaExceeded(this.config.storage.caseQuotaBytes, saved.usedBytes, staged.sizeBytes);
      // stored: the file and its rendition were committed with the row
      this.metrics.addUploadBytes(staged.sizeBytes + (renditionToCommit?.sizeBytes ?? 0));
      return toEvidenceResponse(saved.evidence);
    } catch (err) {
      throw storageAnswer(err);
    } finally {
      // a committed file has left the temporary folder; anything else staged is dropped
      for (const file of [staged, rendition]) if (file) await this.store.discard(file).catch(() => undefined);
    }
  }

  private async uploadFields(fields: Record<string, unknown>): Promise<UploadEvidenceFieldsDto> {
    const dto = plainToInstance(UploadEvidenceFieldsDto, fields);
    const problems = validationMessages(await validate(dto, { whitelist: true, forbidNonWhitelisted: true }));
    if (problems.length) throw EvidenceError.invalid(problems);
    return dto;
  }

  /** An uploaded .json or .jwt credential: read, verified and kept as a credential, not as a file. */
  private async credentialFromUpload(actor: Actor, kase: CaseEntity, raw: Record<string, unknown>, staged: StagedFile): Promise<EvidenceResponse> {
    const fields = await this.uploadFields(raw);
    if (staged.sizeBytes === 0) throw EvidenceError.empty(false);
    if (staged.sizeBytes > PriorCredentialsService.MAX_FILE_BYTES) throw EvidenceError.tooLarge(PriorCredentialsService.MAX_FILE_BYTES, 'credential files');
    const credential = PriorCredentialsService.fromFile(await this.store.readStaged(staged));
    return this.priorCredentials.add(actor, kase, { credential, title: fields.title, description: fields.description, learningOutcomeIds: fields.learningOutcomeIds });
  }

  /** A JPEG rendition of a phone's HEIC/HEIF photo, staged; a photo that cannot be decoded is refused with advice. */
  private async renderPhoto(staged: StagedFile, type: EvidenceMediaType): Promise<StagedFile> {
    const jpeg = await jpegRenditionOfHeic(await this.store.readStaged(staged));
    if (!jpeg) throw EvidenceError.unreadable(MEDIA_TYPES[type].label, "export the photo as JPEG from your phone's photo app (or set the camera to 'Most Compatible') and upload it again");
    return this.store.stageBuffer(jpeg);
  }

  async add(actor: Actor, caseId: string, dto: CreateEvidenceDto): Promise<EvidenceResponse> {
    const kase = await this.editableCase(actor, caseId);
    const problems: string[] = [];
    if (dto.kind === EvidenceKind.Credential) {
      for (const field of ['url', 'attestorName', 'attestorEmail', 'attestorOrganisation', 'statement'] as const) {
        if (dto[field] !== undefined) problems.push(`${field} does not belong to a credential`);
      }
      if (problems.length) throw EvidenceError.invalid(problems);
      return this.priorCredentials.add(actor, kase, { credential: dto.credential, title: dto.title, description: dto.description, learningOutcomeIds: dto.learningOutcomeIds });
    }
    if (dto.credential !== undefined) problems.push('credential belongs to kind credential');
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
        title: dto.title!.trim(),
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
    if (saved.kind !== 'saved') throw await this.portfolioClosed(caseId);
    return toEvidenceResponse(saved.evidence);
  }

  /** A credential added by the API on the candidate's behalf (renewal): the same checks and verification as add. */
  async addCredential(actor: Actor, caseId: string, input: PriorCredentialInput): Promise<EvidenceResponse> {
    const kase = await this.editableCase(actor, caseId);
    return this.priorCredentials.add(actor, kase, input);
  }

  async remove(actor: Actor, caseId: string, evidenceId: string): Promise<void> {
    await this.editableCase(actor, caseId);
    const removed = await this.repo.softRemove(caseId, evidenceId, { actorId: actor.id, action: 'evidence.removed', subjectType: 'evidence', subjectId: evidenceId, data: { caseId } });
    if (removed === 'not_editable') throw await this.portfolioClosed(caseId);
    if (removed === 'not_found') throw EvidenceError.notFound();
  }

  /** The 409 for a portfolio that stopped being editable between the first check and the write (a submission won). */
  private async portfolioClosed(caseId: string): Promise<CaseError> {
    return CaseError.portfolioClosed(await this.repo.caseOf(caseId));
  }

  /**
   * The file (or its viewing rendition), only for the case's candidate, its assessor (a past assessor: files added
   * before their assignment ended), never one who declared a conflict of interest, and its body's admins; one byte range of it when asked (Range), so recordings play and seek in a browser.
   */
  async download(
    actor: Actor,
    caseId: string,
    evidenceId: string,
    options: { rendition?: boolean; inline?: boolean; range?: string; ifRange?: string } = {},
  ): Promise<EvidenceDownload> {
    const { viewer } = await this.access.view(actor, caseId);
    const evidence = await this.repo.findCurrent(caseId, evidenceId);
    // a past assessor's view of the portfolio ends with their assignment: later files do not exist for them
    if (!evidence || !visibleAt(viewer, evidence.createdAt) || evidence.kind !== EvidenceKind.File || !evidence.storageKey) throw EvidenceError.notFound();
    const storageKey = options.rendition ? evidence.renditionStorageKey : evidence.storageKey;
    const mediaType = (options.rendition ? evidence.renditionMediaType : evidence.mediaType) ?? 'application/octet-stream';
    if (!storageKey) throw EvidenceError.notFound();
    // only a PDF is drawn in the page (a browser's own viewer); every other file stays an attachment
    if (options.inline && mediaType !== EvidenceMediaType.Pdf) throw EvidenceError.notFound();
    const known = Object.values(EvidenceMediaType).includes(mediaType as EvidenceMediaType);
    const name = known ? nameForContent(evidence.originalName, mediaType as EvidenceMediaType) : (evidence.originalName ?? 'evidence');
    const etag = `"${storageKey.slice(3)}"`;
    try {
      const sizeBytes = await this.store.sizeOf(storageKey);
      const asked = ifRangeHolds(options.ifRange, etag) ? parseRange(options.range, sizeBytes) : ({ kind: 'full' } as const);
      if (asked.kind === 'unsatisfiable') throw EvidenceError.rangeNotSatisfiable(sizeBytes);
      const range = asked.kind === 'partial' ? { start: asked.start, end: asked.end } : null;
      const { stream } = await this.store.open(storageKey, range ?? undefined);
      return { stream, sizeBytes, range, etag, mediaType, disposition: options.inline ? inlineDisposition(name) : attachmentDisposition(name) };
    } catch (err) {
      throw storageAnswer(err);
    }
  }
}
