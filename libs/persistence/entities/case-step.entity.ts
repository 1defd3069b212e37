import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import { CaseEntity } from './case.entity';

/**
 * One recorded step of a case's process, by its key (`<workflow run id>/<n>`). Inserted first in the step's
 * transaction: a retried activity finds it and returns the first answer instead of writing again.
 */
@Entity('case_step')
export class CaseStepEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_case_step' })
  caseId: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_case_step' })
  key: string;

  @ManyToOne(() => CaseEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'fk_case_step_case' })
  case?: Relation<CaseEntity>;

  /** What the step answered the workflow (deadlines as stored, ids of the records it wrote). */
  @Column({ type: 'jsonb' })
  result: Record<string, unknown>;

  @Column({ type: 'timestamptz' })
  recordedAt: Date;
}
