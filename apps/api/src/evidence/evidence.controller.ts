import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Post, Req, Res, StreamableFile } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiProduces,
  ApiTags,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import type { HttpRequest, HttpResponse } from '../common/http';
import { Role } from '../../../../libs/domain';
import { CurrentActor, MultipartBody, Roles } from '../common/decorators';
import type { Actor } from '../common/decorators';
import { UuidParam } from '../common/uuid-param';
import { CreateEvidenceDto, UploadEvidenceSchema } from './dto/evidence.dto';
import { EvidenceResponse } from './dto/evidence.response';
import { EvidenceService } from './evidence.service';

@ApiTags('evidence')
@ApiBearerAuth()
@Controller('cases/:id/evidence')
export class EvidenceController {
  constructor(private readonly evidence: EvidenceService) {}

  @Post('files')
  @Roles(Role.Candidate)
  @ApiOperation({ summary: 'Upload a file as evidence (streamed, checked by its bytes, stored by sha256)' })
  @MultipartBody()
  @ApiBody({ type: UploadEvidenceSchema })
  @ApiCreatedResponse({ type: EvidenceResponse })
  @ApiPayloadTooLargeResponse({ description: 'the file is larger than the limit' })
  @ApiUnsupportedMediaTypeResponse({ description: 'unknown or mislabelled content' })
  upload(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Req() req: HttpRequest): Promise<EvidenceResponse> {
    return this.evidence.uploadFile(actor, id, req);
  }

  @Post()
  @Roles(Role.Candidate)
  @ApiOperation({ summary: 'Add a link or a third-party attestation as evidence' })
  @ApiCreatedResponse({ type: EvidenceResponse })
  add(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() dto: CreateEvidenceDto): Promise<EvidenceResponse> {
    return this.evidence.add(actor, id, dto);
  }

  @Delete(':evidenceId')
  @Roles(Role.Candidate)
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'removed from the portfolio (kept for the record)' })
  remove(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @UuidParam('evidenceId') evidenceId: string): Promise<void> {
    return this.evidence.remove(actor, id, evidenceId);
  }

  @Get(':evidenceId/file')
  @ApiOperation({ summary: "Download an evidence file (the case's candidate, assessors and body admins only)" })
  @ApiProduces('application/octet-stream')
  async download(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @UuidParam('evidenceId') evidenceId: string,
    @Res({ passthrough: true }) res: HttpResponse,
  ): Promise<StreamableFile> {
    const file = await this.evidence.download(actor, id, evidenceId);
    res.set({
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': "default-src 'none'; sandbox",
      'Cache-Control': 'private, no-store',
    });
    return new StreamableFile(file.stream, { type: file.mediaType, length: file.sizeBytes, disposition: file.disposition });
  }
}
