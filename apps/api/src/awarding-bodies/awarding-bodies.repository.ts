import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import type { EntityManager } from 'typeorm';
import { AwardingBodyEntity } from '../../../../libs/persistence/entities';

/** Awarding bodies: their own details, time zone and process settings. */
@Injectable()
export class AwardingBodiesRepository {
  constructor(
    private readonly dataSource: DataSource,
    @InjectRepository(AwardingBodyEntity) private readonly bodies: Repository<AwardingBodyEntity>,
  ) {}

  findById(id: string): Promise<AwardingBodyEntity | null> {
    return this.bodies.findOne({ where: { id } });
  }

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  async updateFields(manager: EntityManager, id: string, fields: Partial<Pick<AwardingBodyEntity, 'timeZone' | 'settings'>>): Promise<void> {
    await manager.getRepository(AwardingBodyEntity).update({ id }, fields);
  }
}
