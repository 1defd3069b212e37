import { Column, Entity, Index, JoinColumn, ManyToOne, OneToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import type { MicroCredentialElements } from '../../domain';
import { CaseEntity } from './case.entity';
import { DecisionEntity } from './decision.entity';

/** The micro-credential awarded on a case: at most one per case, revocable. Signing comes with Open Badges 3.0. */
@Entity('credential')
@Index('uq_credential_case', ['caseId'], { unique: true })
export class CredentialEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  caseId: string;

  @OneToOne(() => CaseEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'fk_credential_case' })
  case?: Relation<CaseEntity>;

  @Column({ type: 'uuid' })
  decisionId: string;

  @ManyToOne(() => DecisionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'decision_id', foreignKeyConstraintName: 'fk_credential_decision' })
  decision?: Relation<DecisionEntity>;

  @Column({ type: 'uuid' })
  candidateId: string;

  /** The EU micro-credential elements as issued. */
  @Column({ type: 'jsonb' })
  elements: MicroCredentialElements;

  @Column({ type: 'timestamptz' })
  issuedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  validUntil: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  revocationReason: string | null;
}
