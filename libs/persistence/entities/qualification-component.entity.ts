import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import { QualificationEntity } from './qualification.entity';
import { StandardEntity } from './standard.entity';

/** One standard (of the qualification's own body) whose micro-credential counts toward the qualification. */
@Entity('qualification_component')
@Index('uq_qualification_component', ['qualificationId', 'standardId'], { unique: true })
@Index('ix_qualification_component_standard', ['standardId'])
export class QualificationComponentEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_qualification_component' })
  id: string;

  @Column({ type: 'uuid' })
  qualificationId: string;

  @ManyToOne(() => QualificationEntity, (q) => q.components, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'qualification_id', foreignKeyConstraintName: 'fk_qualification_component_qualification' })
  qualification?: Relation<QualificationEntity>;

  @Column({ type: 'uuid' })
  standardId: string;

  @ManyToOne(() => StandardEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'standard_id', foreignKeyConstraintName: 'fk_qualification_component_standard' })
  standard?: Relation<StandardEntity>;
}
