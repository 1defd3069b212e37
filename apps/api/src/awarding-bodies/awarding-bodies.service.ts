import { Injectable } from '@nestjs/common';
import { listWords, settingsInputProblems } from '../../../../libs/domain';
import type { ProcessSettingsOverrides } from '../../../../libs/domain';
import type { AwardingBodyEntity } from '../../../../libs/persistence/entities';
import { AuditRepository } from '../common/audit.repository';
import type { Actor } from '../common/decorators';
import { AwardingBodyError } from './awarding-bodies.errors';
import { AwardingBodiesRepository } from './awarding-bodies.repository';
import type { UpdateAwardingBodyDto } from './dto/awarding-body.dto';
import type { AwardingBodyResponse } from './dto/awarding-body.response';
import { toAwardingBodyResponse } from './dto/awarding-body.response';

type EditableField = 'timeZone' | 'settings' | 'microCredentialMaxEcts' | 'microCredentialMaxHours';
const EDITABLE: readonly EditableField[] = ['timeZone', 'settings', 'microCredentialMaxEcts', 'microCredentialMaxHours'];

/** A body admin's own awarding body: read it, change its time zone, process settings and micro-credential workload ceiling. */
@Injectable()
export class AwardingBodiesService {
  constructor(
    private readonly repo: AwardingBodiesRepository,
    private readonly audit: AuditRepository,
  ) {}

  async get(actor: Actor): Promise<AwardingBodyResponse> {
    return toAwardingBodyResponse(await this.own(actor));
  }

  /**
   * Changes the fields given; settings replace the body's settings as a whole. Cases already running keep the
   * settings and zone they started with. Every change is audited with the values before and after.
   */
  async update(actor: Actor, dto: UpdateAwardingBodyDto): Promise<AwardingBodyResponse> {
    const body = await this.own(actor);
    const changed = EDITABLE.filter((field) => dto[field] !== undefined);
    if (!changed.length) throw AwardingBodyError.invalid([`send at least one field to change: ${listWords(EDITABLE, 'or')}`]);
    const problems = dto.settings ? settingsInputProblems(dto.settings) : [];
    if (problems.length) throw AwardingBodyError.invalid(problems);

    const fields: Partial<Pick<AwardingBodyEntity, EditableField>> = {};
    if (dto.timeZone !== undefined) fields.timeZone = dto.timeZone;
    if (dto.settings !== undefined) fields.settings = dto.settings as ProcessSettingsOverrides;
    if (dto.microCredentialMaxEcts !== undefined) fields.microCredentialMaxEcts = dto.microCredentialMaxEcts;
    if (dto.microCredentialMaxHours !== undefined) fields.microCredentialMaxHours = dto.microCredentialMaxHours;
    const before = Object.fromEntries(changed.map((field) => [field, field === 'microCredentialMaxEcts' ? Number(body[field]) : body[field]]));
    await this.repo.transaction(async (manager) => {
      await this.repo.updateFields(manager, body.id, fields);
      await this.audit.record(
        { actorId: actor.id, action: 'awarding_body.updated', subjectType: 'awarding_body', subjectId: body.id, data: { fields: changed, before, after: fields } },
        manager,
      );
    });
    return this.get(actor);
  }

  private async own(actor: Actor): Promise<AwardingBodyEntity> {
    if (!actor.awardingBodyId) throw AwardingBodyError.noBody();
    const body = await this.repo.findById(actor.awardingBodyId);
    if (!body) throw AwardingBodyError.notFound();
    return body;
  }
}
