import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import { UserEntity } from './user.entity';

/** An assessor's declared conflict with a candidate: that assessor is never put on the candidate's cases. */
@Entity('conflict_of_interest')
@Index('uq_conflict_of_interest_pair', ['assessorId', 'candidateId'], { unique: true })
export class ConflictOfInterestEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  assessorId: string;

  // 1764800000000: RESTRICT (was CASCADE): users are deactivated, never deleted, and a declaration explains reassignments.
  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'assessor_id', foreignKeyConstraintName: 'fk_conflict_of_interest_assessor' })
  assessor?: Relation<UserEntity>;

  @Column({ type: 'uuid' })
  candidateId: string;

  // 1764800000000: RESTRICT (was CASCADE), as above.
  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'candidate_id', foreignKeyConstraintName: 'fk_conflict_of_interest_candidate' })
  candidate?: Relation<UserEntity>;

  @Column({ type: 'text' })
  reason: string;

  @Column({ type: 'uuid' })
  declaredBy: string;

  // 1764800000000
  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'declared_by', foreignKeyConstraintName: 'fk_conflict_of_interest_declared_by' })
  declarer?: Relation<UserEntity>;

  @CreateDateColumn({ type: 'timestamptz' })
  declaredAt: Date;
}
