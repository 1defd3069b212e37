import { Check, Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { DEFAULT_TIME_ZONE } from '../../calendar';
import type { ProcessSettingsOverrides } from '../../domain';

/** A university, VET provider, sector or professional body that defines standards and awards micro-credentials. */
@Entity('awarding_body')
@Check('ck_awarding_body_country', `country ~ '^[A-Z]{2}$'`)
@Check('ck_awarding_body_workload_ceiling', 'micro_credential_max_ects > 0 AND micro_credential_max_hours > 0')
export class AwardingBodyEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  name: string;

  /** ISO 3166-1 alpha-2. */
  @Column({ type: 'char', length: 2 })
  country: string;

  /** IANA time zone in which the body's deadlines end at the local end of day (see libs/calendar). */
  @Column({ type: 'text', default: DEFAULT_TIME_ZONE })
  timeZone: string;

  /** Process defaults for the body's cases (see ProcessSettings). */
  @Column({ type: 'jsonb', default: () => `'{}'` })
  settings: ProcessSettingsOverrides;

  /**
   * The position the body's next credential takes in its status lists (W3C Bitstring Status List): every
   * credential it issues has its own, given out in order under the row lock (1765200000000).
   */
  @Column({ type: 'integer', default: 0 })
  nextStatusPosition: number;

  /**
   * The most notional workload a micro-credential of the body may have: in ECTS credits, and in hours for
   * standards without credits (1765500000000; DEFAULT_WORKLOAD_CEILING).
   */
  @Column({ type: 'numeric', precision: 6, scale: 2, default: 30, transformer: { to: (v) => v, from: (v) => (v == null ? null : Number(v)) } })
  microCredentialMaxEcts: number;

  @Column({ type: 'integer', default: 750 })
  microCredentialMaxHours: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
