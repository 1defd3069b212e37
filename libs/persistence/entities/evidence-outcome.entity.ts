import { Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import { EvidenceEntity } from './evidence.entity';
import { LearningOutcomeEntity } from './learning-outcome.entity';

/** Which learning outcomes an evidence item is offered for. */
@Entity('evidence_outcome')
export class EvidenceOutcomeEntity {
  @PrimaryColumn({ type: 'uuid' })
  evidenceId: string;

  @PrimaryColumn({ type: 'uuid' })
  learningOutcomeId: string;

  @ManyToOne(() => EvidenceEntity, (e) => e.outcomes, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'evidence_id', foreignKeyConstraintName: 'fk_evidence_outcome_evidence' })
  evidence?: Relation<EvidenceEntity>;

  @ManyToOne(() => LearningOutcomeEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'learning_outcome_id', foreignKeyConstraintName: 'fk_evidence_outcome_learning_outcome' })
  learningOutcome?: Relation<LearningOutcomeEntity>;
}
