import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { AssessmentSessionEntity, AwardingBodyEntity, UserEntity } from '../../../../libs/persistence/entities';

/** Reads of a case's assessment sessions (only the case's process writes them). */
@Injectable()
export class SessionsRepository {
  constructor(
    @InjectRepository(AssessmentSessionEntity) private readonly sessions: Repository<AssessmentSessionEntity>,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    @InjectRepository(AwardingBodyEntity) private readonly bodies: Repository<AwardingBodyEntity>,
  ) {}

  ofCase(caseId: string): Promise<AssessmentSessionEntity[]> {
    return this.sessions.find({ where: { caseId }, order: { sequence: 'ASC' } });
  }

  one(caseId: string, id: string): Promise<AssessmentSessionEntity | null> {
    return this.sessions.findOneBy({ caseId, id });
  }

  user(id: string): Promise<UserEntity | null> {
    return this.users.findOneBy({ id });
  }

  body(id: string): Promise<AwardingBodyEntity | null> {
    return this.bodies.findOneBy({ id });
  }
}
