import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, OneToMany, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import { QualificationRule } from '../../domain';
import { AwardingBodyEntity } from './awarding-body.entity';
import { QualificationComponentEntity } from './qualification-component.entity';

/**
 * A qualification an awarding body defines over its micro-credentials (1765300000000): all of a set of standards,
 * or a credit total within the set. Its credential is a row of `credential` with qualification_id set.
 */
@Entity('qualification')
@Index('uq_qualification_body_code', ['awardingBodyId', 'code'], { unique: true })
@Check('ck_qualification_eqf_level', 'eqf_level BETWEEN 1 AND 8')
@Check('ck_qualification_credits', `(rule = 'credit_total') = (credits_required IS NOT NULL) AND (credits_required IS NULL OR credits_required > 0)`)
export class QualificationEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_qualification' })
  id: string;

  @Column({ type: 'uuid' })
  awardingBodyId: string;

  @ManyToOne(() => AwardingBodyEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'awarding_body_id', foreignKeyConstraintName: 'fk_qualification_awarding_body' })
  awardingBody?: Relation<AwardingBodyEntity>;

  @Column({ type: 'text' })
  code: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text', default: '' })
  description: string;

  @Column({ type: 'smallint' })
  eqfLevel: number;

  @Column({ type: 'enum', enum: QualificationRule, enumName: 'qualification_rule' })
  rule: QualificationRule;

  @Column({ type: 'numeric', precision: 6, scale: 2, nullable: true, transformer: { to: (v) => v, from: (v) => (v == null ? null : Number(v)) } })
  creditsRequired: number | null;

  /** Only a published qualification is issued and shown to learners. */
  @Column({ type: 'boolean', default: false })
  published: boolean;

  @OneToMany(() => QualificationComponentEntity, (c) => c.qualification)
  components?: Relation<QualificationComponentEntity[]>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
