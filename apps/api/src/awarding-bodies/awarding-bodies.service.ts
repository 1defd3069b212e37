import { Injectable } from '@nestjs/common';
import { DEFAULT_PROCESS_SETTINGS, listWords, settingsInputProblems } from '../../../../libs/domain';
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
   * Changes the fields given; the settings sent are merged into the body's (null: back to the default). Cases
   * already running keep the settings and zone they started with. Every change is audited with the values before and after.
   */
  async update(actor: Actor, dto: UpdateAwardingBodyDto): Promise<AwardingBodyResponse> {
    const body = await this.own(actor);
    const changed = EDITABLE.filter((field) => dto[field] !== undefined);
    if (!changed.length) throw AwardingBodyError.invalid([`send at least one field to change: ${listWords(EDITABLE, 'or')}`]);
    const merged = dto.settings ? mergeSettings(body.settings, dto.settings) : null;
    if (merged && 'problems' in merged) throw AwardingBodyError.invalid(merged.problems);

    const fields: Partial<Pick<AwardingBodyEntity, EditableField>> = {};
    if (dto.timeZone !== undefined) fields.timeZone = dto.timeZone;
    if (merged) fields.settings = merged.settings;
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

/**
 * The body's settings with those sent merged in: a value sets a setting, null takes it back to the default. The
 * values sent are checked for their names and types, and the rules between settings (a reminder before its
 * deadline) on the result, so a change that only makes sense with a setting already stored is taken.
 */
export function mergeSettings(current: ProcessSettingsOverrides, sent: Record<string, unknown>): { settings: ProcessSettingsOverrides } | { problems: string[] } {
  const known = Object.keys(DEFAULT_PROCESS_SETTINGS);
  const values = Object.fromEntries(Object.entries(sent).filter(([key, value]) => value !== null || !known.includes(key)));
  // names and types of what was sent first (a null for an unknown name is told as unknown), then the whole
  const problems = settingsInputProblems(values).filter((p) => !p.startsWith('settings: '));
  if (problems.length) return { problems };
  const result: Record<string, unknown> = Object.fromEntries(Object.entries(current ?? {}).filter(([key]) => known.includes(key)));
  for (const key of Object.keys(sent)) if (sent[key] === null) delete result[key];
  Object.assign(result, values);
  const whole = settingsInputProblems(result);
  return whole.length ? { problems: whole } : { settings: result as ProcessSettingsOverrides };
}
