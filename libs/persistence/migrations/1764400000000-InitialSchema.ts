import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The first schema of vnfil: awarding bodies, users, standards, cases and their records. */

export class InitialSchema1764400000000 implements MigrationInterface {
    name = 'InitialSchema1764400000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "awarding_body" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "name" text NOT NULL,
                "country" character(2) NOT NULL,
                "settings" jsonb NOT NULL DEFAULT '{}'::jsonb,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_awarding_body_country" CHECK (country ~ '^[A-Z]{2}$'),
                CONSTRAINT "PK_497eea6be27de3a025e9e902117" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE TYPE "public"."credit_system" AS ENUM('ECTS', 'ECVET')
        `);
        await queryRunner.query(`
            CREATE TABLE "standard" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "awarding_body_id" uuid NOT NULL,
                "code" text NOT NULL,
                "title" text NOT NULL,
                "description" text NOT NULL DEFAULT '',
                "eqf_level" smallint NOT NULL,
                "nqf_level" smallint,
                "credits" numeric(6, 2),
                "credit_system" "public"."credit_system",
                "workload_hours" integer NOT NULL,
                "settings" jsonb NOT NULL DEFAULT '{}'::jsonb,
                "published" boolean NOT NULL DEFAULT false,
                "version" integer NOT NULL DEFAULT '1',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_standard_credits" CHECK (
                    (credits IS NULL) = (credit_system IS NULL)
                    AND (
                        credits IS NULL
                        OR credits > 0
                    )
                ),
                CONSTRAINT "ck_standard_workload" CHECK (workload_hours > 0),
                CONSTRAINT "ck_standard_nqf_level" CHECK (
                    nqf_level IS NULL
                    OR nqf_level BETWEEN 1 AND 10
                ),
                CONSTRAINT "ck_standard_eqf_level" CHECK (
                    eqf_level BETWEEN 1 AND 8
                ),
                CONSTRAINT "PK_8f4373544a44fe1dc4da3c1f4fe" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_standard_body_code" ON "standard" ("awarding_body_id", "code")
        `);
        await queryRunner.query(`
            CREATE TABLE "learning_outcome" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "standard_id" uuid NOT NULL,
                "code" text NOT NULL,
                "description" text NOT NULL,
                "position" smallint NOT NULL,
                CONSTRAINT "PK_d9b8daa635a6f50f3f28c8c487a" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_learning_outcome_standard_code" ON "learning_outcome" ("standard_id", "code")
        `);
        await queryRunner.query(`
            CREATE TABLE "assessment_criterion" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "learning_outcome_id" uuid NOT NULL,
                "code" text NOT NULL,
                "description" text NOT NULL,
                "position" smallint NOT NULL,
                CONSTRAINT "PK_011a9eb8eb09755aee0a9deceb3" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_assessment_criterion_outcome_code" ON "assessment_criterion" ("learning_outcome_id", "code")
        `);
        await queryRunner.query(`
            CREATE TYPE "public"."user_role" AS ENUM('candidate', 'assessor', 'body_admin')
        `);
        await queryRunner.query(`
            CREATE TABLE "app_user" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "email" text NOT NULL,
                "display_name" text NOT NULL,
                "password_hash" text NOT NULL,
                "role" "public"."user_role" NOT NULL,
                "awarding_body_id" uuid,
                "active" boolean NOT NULL DEFAULT true,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_app_user_body_scope" CHECK (
                    role = 'candidate'
                    OR awarding_body_id IS NOT NULL
                ),
                CONSTRAINT "PK_22a5c4a3d9b2fb8e4e73fc4ada1" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_app_user_email" ON "app_user" ("email")
        `);
        await queryRunner.query(`
            CREATE TYPE "public"."case_status" AS ENUM(
                'draft',
                'submitted',
                'screening',
                'awaiting_admissibility',
                'evidence_requested',
                'assessor_assigned',
                'under_assessment',
                'moderation',
                'awaiting_decision',
                'awarded',
                'not_awarded',
                'appealed',
                'lapsed',
                'withdrawn',
                'closed'
            )
        `);
        await queryRunner.query(`
            CREATE TYPE "public"."case_stage" AS ENUM(
                'identification',
                'documentation',
                'assessment',
                'certification'
            )
        `);
        await queryRunner.query(`
            CREATE TYPE "public"."case_outcome" AS ENUM(
                'awarded',
                'partially_awarded',
                'not_awarded',
                'inadmissible',
                'withdrawn',
                'lapsed'
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "validation_case" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "candidate_id" uuid NOT NULL,
                "standard_id" uuid NOT NULL,
                "awarding_body_id" uuid NOT NULL,
                "status" "public"."case_status" NOT NULL DEFAULT 'draft',
                "stage" "public"."case_stage" NOT NULL DEFAULT 'identification',
                "outcome" "public"."case_outcome",
                "workflow_id" text NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "documentation_started_at" TIMESTAMP WITH TIME ZONE,
                "assessment_started_at" TIMESTAMP WITH TIME ZONE,
                "certification_started_at" TIMESTAMP WITH TIME ZONE,
                "submitted_at" TIMESTAMP WITH TIME ZONE,
                "decided_at" TIMESTAMP WITH TIME ZONE,
                "closed_at" TIMESTAMP WITH TIME ZONE,
                "evidence_due_at" TIMESTAMP WITH TIME ZONE,
                "assessment_due_at" TIMESTAMP WITH TIME ZONE,
                "appeal_deadline" TIMESTAMP WITH TIME ZONE,
                "status_changed_at" TIMESTAMP WITH TIME ZONE,
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_0b5bec5da297048ad630c5e3032" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_validation_case_open_per_standard" ON "validation_case" ("candidate_id", "standard_id")
            WHERE status NOT IN ('withdrawn', 'closed')
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_validation_case_body_status" ON "validation_case" ("awarding_body_id", "status")
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_validation_case_candidate" ON "validation_case" ("candidate_id")
        `);
        await queryRunner.query(`
            CREATE TYPE "public"."criterion_result" AS ENUM('met', 'not_met', 'insufficient_evidence')
        `);
        await queryRunner.query(`
            CREATE TABLE "criterion_judgement" (
                "assessment_id" uuid NOT NULL,
                "criterion_id" uuid NOT NULL,
                "result" "public"."criterion_result" NOT NULL,
                "score" smallint,
                "comment" text,
                CONSTRAINT "ck_criterion_judgement_score" CHECK (
                    score IS NULL
                    OR score BETWEEN 0 AND 100
                ),
                CONSTRAINT "PK_9da1c52a27ec8937b1200498b42" PRIMARY KEY ("assessment_id", "criterion_id")
            )
        `);
        await queryRunner.query(`
            CREATE TYPE "public"."assessment_purpose" AS ENUM('assessment', 'moderation', 'appeal')
        `);
        await queryRunner.query(`
            CREATE TYPE "public"."recommendation" AS ENUM('award', 'partial_award', 'not_award')
        `);
        await queryRunner.query(`
            CREATE TABLE "assessment" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "case_id" uuid NOT NULL,
                "assessor_id" uuid NOT NULL,
                "purpose" "public"."assessment_purpose" NOT NULL,
                "round" smallint NOT NULL,
                "recommendation" "public"."recommendation" NOT NULL,
                "comment" text NOT NULL DEFAULT '',
                "recognised_outcome_ids" jsonb NOT NULL DEFAULT '[]'::jsonb,
                "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "PK_c511a7dc128256876b6b1719401" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_assessment_case_purpose_round" ON "assessment" ("case_id", "purpose", "round")
        `);
        await queryRunner.query(`
            CREATE TABLE "audit_log" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "actor_id" uuid,
                "action" text NOT NULL,
                "subject_type" text NOT NULL,
                "subject_id" text NOT NULL,
                "data" jsonb NOT NULL DEFAULT '{}'::jsonb,
                "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_07fefa57f7f5ab8fc3f52b3ed0b" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_audit_log_subject" ON "audit_log" ("subject_type", "subject_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "case_assessor" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "case_id" uuid NOT NULL,
                "assessor_id" uuid NOT NULL,
                "purpose" "public"."assessment_purpose" NOT NULL,
                "round" smallint NOT NULL,
                "status" text NOT NULL DEFAULT 'active',
                "assigned_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "ended_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_4a79355fbc8f08901f5d760e4e8" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_case_assessor_assessor_status" ON "case_assessor" ("assessor_id", "status")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_case_assessor_case_purpose_round" ON "case_assessor" ("case_id", "purpose", "round")
        `);
        await queryRunner.query(`
            CREATE TABLE "case_event" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "seq" BIGSERIAL NOT NULL,
                "case_id" uuid NOT NULL,
                "key" text NOT NULL,
                "type" text NOT NULL,
                "from_status" "public"."case_status",
                "to_status" "public"."case_status" NOT NULL,
                "actor_id" uuid,
                "reason" text NOT NULL,
                "data" jsonb NOT NULL DEFAULT '{}'::jsonb,
                "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "PK_5b6e18b2d4fd178711a2269645e" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_case_event_case_seq" ON "case_event" ("case_id", "seq")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_case_event_case_key" ON "case_event" ("case_id", "key")
        `);
        await queryRunner.query(`
            CREATE TABLE "conflict_of_interest" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "assessor_id" uuid NOT NULL,
                "candidate_id" uuid NOT NULL,
                "reason" text NOT NULL,
                "declared_by" uuid NOT NULL,
                "declared_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_31e757df4b34931b02940536d45" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_conflict_of_interest_pair" ON "conflict_of_interest" ("assessor_id", "candidate_id")
        `);
        await queryRunner.query(`
            CREATE TYPE "public"."decision_result" AS ENUM('awarded', 'partially_awarded', 'not_awarded')
        `);
        await queryRunner.query(`
            CREATE TABLE "decision" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "case_id" uuid NOT NULL,
                "sequence" smallint NOT NULL,
                "result" "public"."decision_result" NOT NULL,
                "recognised_outcome_ids" jsonb NOT NULL DEFAULT '[]'::jsonb,
                "reason" text NOT NULL,
                "decided_by" uuid NOT NULL,
                "decided_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "revoked_at" TIMESTAMP WITH TIME ZONE,
                "revoked_by" uuid,
                "revocation_reason" text,
                CONSTRAINT "PK_fa4cbd6abf1215054f13c27df5a" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_decision_case_sequence" ON "decision" ("case_id", "sequence")
        `);
        await queryRunner.query(`
            CREATE TABLE "credential" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "case_id" uuid NOT NULL,
                "decision_id" uuid NOT NULL,
                "candidate_id" uuid NOT NULL,
                "elements" jsonb NOT NULL,
                "issued_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "valid_until" TIMESTAMP WITH TIME ZONE,
                "revoked_at" TIMESTAMP WITH TIME ZONE,
                "revocation_reason" text,
                CONSTRAINT "REL_606bbd398142467fd96d104999" UNIQUE ("case_id"),
                CONSTRAINT "PK_3a5169bcd3d5463cefeec78be82" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_credential_case" ON "credential" ("case_id")
        `);
        await queryRunner.query(`
            CREATE TYPE "public"."evidence_kind" AS ENUM('file', 'url', 'attestation')
        `);
        await queryRunner.query(`
            CREATE TABLE "evidence" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "case_id" uuid NOT NULL,
                "kind" "public"."evidence_kind" NOT NULL,
                "title" text NOT NULL,
                "description" text NOT NULL DEFAULT '',
                "storage_key" text,
                "sha256" character(64),
                "size_bytes" bigint,
                "media_type" text,
                "original_name" text,
                "url" text,
                "attestor_name" text,
                "attestor_email" text,
                "attestor_organisation" text,
                "statement" text,
                "added_by" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "removed_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "ck_evidence_attestation" CHECK (
                    kind <> 'attestation'
                    OR (
                        attestor_name IS NOT NULL
                        AND statement IS NOT NULL
                    )
                ),
                CONSTRAINT "ck_evidence_url" CHECK (
                    kind <> 'url'
                    OR url IS NOT NULL
                ),
                CONSTRAINT "ck_evidence_file" CHECK (
                    kind <> 'file'
                    OR (
                        sha256 IS NOT NULL
                        AND size_bytes IS NOT NULL
                        AND media_type IS NOT NULL
                        AND storage_key IS NOT NULL
                    )
                ),
                CONSTRAINT "PK_b864cb5d49854f89917fc0b44b9" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_evidence_case" ON "evidence" ("case_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "evidence_outcome" (
                "evidence_id" uuid NOT NULL,
                "learning_outcome_id" uuid NOT NULL,
                CONSTRAINT "PK_9e0a8b6bd4eb325e89312f6fd87" PRIMARY KEY ("evidence_id", "learning_outcome_id")
            )
        `);
        await queryRunner.query(`
            CREATE TYPE "public"."participation_form" AS ENUM('online', 'onsite', 'blended')
        `);
        await queryRunner.query(`
            CREATE TABLE "micro_credential_spec" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "standard_id" uuid NOT NULL,
                "title" text NOT NULL,
                "type_of_assessment" text NOT NULL,
                "form_of_participation" "public"."participation_form" NOT NULL,
                "type_of_quality_assurance" text NOT NULL,
                "prerequisites" text,
                "supervision_and_identity_verification" text,
                "validity_months" integer,
                "stackable_into" jsonb NOT NULL DEFAULT '[]'::jsonb,
                "further_information" text,
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "REL_8ada4ae3854799ef9c7d8344cf" UNIQUE ("standard_id"),
                CONSTRAINT "PK_ffed0581c13b4e3665b020c6801" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_micro_credential_spec_standard" ON "micro_credential_spec" ("standard_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "notification" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "key" text NOT NULL,
                "case_id" uuid,
                "recipient_user_id" uuid NOT NULL,
                "recipient_email" text NOT NULL,
                "template" text NOT NULL,
                "subject" text NOT NULL,
                "body_text" text NOT NULL,
                "body_html" text NOT NULL,
                "status" text NOT NULL DEFAULT 'pending',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "sent_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_705b6c7cdf9b2c2ff7ac7872cb7" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ix_notification_status" ON "notification" ("status")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_notification_key_recipient" ON "notification" ("key", "recipient_user_id")
        `);
        await queryRunner.query(`
            CREATE TYPE "public"."self_assessment_level" AS ENUM('not_yet', 'partly', 'confident', 'expert')
        `);
        await queryRunner.query(`
            CREATE TABLE "self_assessment" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "case_id" uuid NOT NULL,
                "learning_outcome_id" uuid NOT NULL,
                "level" "public"."self_assessment_level" NOT NULL,
                "statement" text NOT NULL DEFAULT '',
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_959d1493830e871c37291fa8f55" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_self_assessment_case_outcome" ON "self_assessment" ("case_id", "learning_outcome_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "user_session" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "token_hash" character(64) NOT NULL,
                "user_id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "revoked_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_adf3b49590842ac3cf54cac451a" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_user_session_token_hash" ON "user_session" ("token_hash")
        `);
        await queryRunner.query(`
            ALTER TABLE "standard"
            ADD CONSTRAINT "fk_standard_awarding_body" FOREIGN KEY ("awarding_body_id") REFERENCES "awarding_body"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "learning_outcome"
            ADD CONSTRAINT "fk_learning_outcome_standard" FOREIGN KEY ("standard_id") REFERENCES "standard"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "assessment_criterion"
            ADD CONSTRAINT "fk_assessment_criterion_learning_outcome" FOREIGN KEY ("learning_outcome_id") REFERENCES "learning_outcome"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "app_user"
            ADD CONSTRAINT "fk_app_user_awarding_body" FOREIGN KEY ("awarding_body_id") REFERENCES "awarding_body"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "validation_case"
            ADD CONSTRAINT "fk_validation_case_candidate" FOREIGN KEY ("candidate_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "validation_case"
            ADD CONSTRAINT "fk_validation_case_standard" FOREIGN KEY ("standard_id") REFERENCES "standard"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "validation_case"
            ADD CONSTRAINT "fk_validation_case_awarding_body" FOREIGN KEY ("awarding_body_id") REFERENCES "awarding_body"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "criterion_judgement"
            ADD CONSTRAINT "fk_criterion_judgement_assessment" FOREIGN KEY ("assessment_id") REFERENCES "assessment"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "criterion_judgement"
            ADD CONSTRAINT "fk_criterion_judgement_criterion" FOREIGN KEY ("criterion_id") REFERENCES "assessment_criterion"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "assessment"
            ADD CONSTRAINT "fk_assessment_case" FOREIGN KEY ("case_id") REFERENCES "validation_case"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "assessment"
            ADD CONSTRAINT "fk_assessment_assessor" FOREIGN KEY ("assessor_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "case_assessor"
            ADD CONSTRAINT "fk_case_assessor_case" FOREIGN KEY ("case_id") REFERENCES "validation_case"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "case_assessor"
            ADD CONSTRAINT "fk_case_assessor_assessor" FOREIGN KEY ("assessor_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "case_event"
            ADD CONSTRAINT "fk_case_event_case" FOREIGN KEY ("case_id") REFERENCES "validation_case"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "conflict_of_interest"
            ADD CONSTRAINT "fk_conflict_of_interest_assessor" FOREIGN KEY ("assessor_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "conflict_of_interest"
            ADD CONSTRAINT "fk_conflict_of_interest_candidate" FOREIGN KEY ("candidate_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "decision"
            ADD CONSTRAINT "fk_decision_case" FOREIGN KEY ("case_id") REFERENCES "validation_case"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "decision"
            ADD CONSTRAINT "fk_decision_decided_by" FOREIGN KEY ("decided_by") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "credential"
            ADD CONSTRAINT "fk_credential_case" FOREIGN KEY ("case_id") REFERENCES "validation_case"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "credential"
            ADD CONSTRAINT "fk_credential_decision" FOREIGN KEY ("decision_id") REFERENCES "decision"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "evidence"
            ADD CONSTRAINT "fk_evidence_case" FOREIGN KEY ("case_id") REFERENCES "validation_case"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "evidence_outcome"
            ADD CONSTRAINT "fk_evidence_outcome_evidence" FOREIGN KEY ("evidence_id") REFERENCES "evidence"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "evidence_outcome"
            ADD CONSTRAINT "fk_evidence_outcome_learning_outcome" FOREIGN KEY ("learning_outcome_id") REFERENCES "learning_outcome"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "micro_credential_spec"
            ADD CONSTRAINT "fk_micro_credential_spec_standard" FOREIGN KEY ("standard_id") REFERENCES "standard"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "self_assessment"
            ADD CONSTRAINT "fk_self_assessment_case" FOREIGN KEY ("case_id") REFERENCES "validation_case"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "self_assessment"
            ADD CONSTRAINT "fk_self_assessment_learning_outcome" FOREIGN KEY ("learning_outcome_id") REFERENCES "learning_outcome"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "user_session"
            ADD CONSTRAINT "fk_user_session_user" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "user_session" DROP CONSTRAINT "fk_user_session_user"
        `);
        await queryRunner.query(`
            ALTER TABLE "self_assessment" DROP CONSTRAINT "fk_self_assessment_learning_outcome"
        `);
        await queryRunner.query(`
            ALTER TABLE "self_assessment" DROP CONSTRAINT "fk_self_assessment_case"
        `);
        await queryRunner.query(`
            ALTER TABLE "micro_credential_spec" DROP CONSTRAINT "fk_micro_credential_spec_standard"
        `);
        await queryRunner.query(`
            ALTER TABLE "evidence_outcome" DROP CONSTRAINT "fk_evidence_outcome_learning_outcome"
        `);
        await queryRunner.query(`
            ALTER TABLE "evidence_outcome" DROP CONSTRAINT "fk_evidence_outcome_evidence"
        `);
        await queryRunner.query(`
            ALTER TABLE "evidence" DROP CONSTRAINT "fk_evidence_case"
        `);
        await queryRunner.query(`
            ALTER TABLE "credential" DROP CONSTRAINT "fk_credential_decision"
        `);
        await queryRunner.query(`
            ALTER TABLE "credential" DROP CONSTRAINT "fk_credential_case"
        `);
        await queryRunner.query(`
            ALTER TABLE "decision" DROP CONSTRAINT "fk_decision_decided_by"
        `);
        await queryRunner.query(`
            ALTER TABLE "decision" DROP CONSTRAINT "fk_decision_case"
        `);
        await queryRunner.query(`
            ALTER TABLE "conflict_of_interest" DROP CONSTRAINT "fk_conflict_of_interest_candidate"
        `);
        await queryRunner.query(`
            ALTER TABLE "conflict_of_interest" DROP CONSTRAINT "fk_conflict_of_interest_assessor"
        `);
        await queryRunner.query(`
            ALTER TABLE "case_event" DROP CONSTRAINT "fk_case_event_case"
        `);
        await queryRunner.query(`
            ALTER TABLE "case_assessor" DROP CONSTRAINT "fk_case_assessor_assessor"
        `);
        await queryRunner.query(`
            ALTER TABLE "case_assessor" DROP CONSTRAINT "fk_case_assessor_case"
        `);
        await queryRunner.query(`
            ALTER TABLE "assessment" DROP CONSTRAINT "fk_assessment_assessor"
        `);
        await queryRunner.query(`
            ALTER TABLE "assessment" DROP CONSTRAINT "fk_assessment_case"
        `);
        await queryRunner.query(`
            ALTER TABLE "criterion_judgement" DROP CONSTRAINT "fk_criterion_judgement_criterion"
        `);
        await queryRunner.query(`
            ALTER TABLE "criterion_judgement" DROP CONSTRAINT "fk_criterion_judgement_assessment"
        `);
        await queryRunner.query(`
            ALTER TABLE "validation_case" DROP CONSTRAINT "fk_validation_case_awarding_body"
        `);
        await queryRunner.query(`
            ALTER TABLE "validation_case" DROP CONSTRAINT "fk_validation_case_standard"
        `);
        await queryRunner.query(`
            ALTER TABLE "validation_case" DROP CONSTRAINT "fk_validation_case_candidate"
        `);
        await queryRunner.query(`
            ALTER TABLE "app_user" DROP CONSTRAINT "fk_app_user_awarding_body"
        `);
        await queryRunner.query(`
            ALTER TABLE "assessment_criterion" DROP CONSTRAINT "fk_assessment_criterion_learning_outcome"
        `);
        await queryRunner.query(`
            ALTER TABLE "learning_outcome" DROP CONSTRAINT "fk_learning_outcome_standard"
        `);
        await queryRunner.query(`
            ALTER TABLE "standard" DROP CONSTRAINT "fk_standard_awarding_body"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_user_session_token_hash"
        `);
        await queryRunner.query(`
            DROP TABLE "user_session"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_self_assessment_case_outcome"
        `);
        await queryRunner.query(`
            DROP TABLE "self_assessment"
        `);
        await queryRunner.query(`
            DROP TYPE "public"."self_assessment_level"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_notification_key_recipient"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_notification_status"
        `);
        await queryRunner.query(`
            DROP TABLE "notification"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_micro_credential_spec_standard"
        `);
        await queryRunner.query(`
            DROP TABLE "micro_credential_spec"
        `);
        await queryRunner.query(`
            DROP TYPE "public"."participation_form"
        `);
        await queryRunner.query(`
            DROP TABLE "evidence_outcome"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_evidence_case"
        `);
        await queryRunner.query(`
            DROP TABLE "evidence"
        `);
        await queryRunner.query(`
            DROP TYPE "public"."evidence_kind"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_credential_case"
        `);
        await queryRunner.query(`
            DROP TABLE "credential"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_decision_case_sequence"
        `);
        await queryRunner.query(`
            DROP TABLE "decision"
        `);
        await queryRunner.query(`
            DROP TYPE "public"."decision_result"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_conflict_of_interest_pair"
        `);
        await queryRunner.query(`
            DROP TABLE "conflict_of_interest"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_case_event_case_key"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_case_event_case_seq"
        `);
        await queryRunner.query(`
            DROP TABLE "case_event"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_case_assessor_case_purpose_round"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_case_assessor_assessor_status"
        `);
        await queryRunner.query(`
            DROP TABLE "case_assessor"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_audit_log_subject"
        `);
        await queryRunner.query(`
            DROP TABLE "audit_log"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_assessment_case_purpose_round"
        `);
        await queryRunner.query(`
            DROP TABLE "assessment"
        `);
        await queryRunner.query(`
            DROP TYPE "public"."recommendation"
        `);
        await queryRunner.query(`
            DROP TYPE "public"."assessment_purpose"
        `);
        await queryRunner.query(`
            DROP TABLE "criterion_judgement"
        `);
        await queryRunner.query(`
            DROP TYPE "public"."criterion_result"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_validation_case_candidate"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."ix_validation_case_body_status"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_validation_case_open_per_standard"
        `);
        await queryRunner.query(`
            DROP TABLE "validation_case"
        `);
        await queryRunner.query(`
            DROP TYPE "public"."case_outcome"
        `);
        await queryRunner.query(`
            DROP TYPE "public"."case_stage"
        `);
        await queryRunner.query(`
            DROP TYPE "public"."case_status"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_app_user_email"
        `);
        await queryRunner.query(`
            DROP TABLE "app_user"
        `);
        await queryRunner.query(`
            DROP TYPE "public"."user_role"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_assessment_criterion_outcome_code"
        `);
        await queryRunner.query(`
            DROP TABLE "assessment_criterion"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_learning_outcome_standard_code"
        `);
        await queryRunner.query(`
            DROP TABLE "learning_outcome"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."uq_standard_body_code"
        `);
        await queryRunner.query(`
            DROP TABLE "standard"
        `);
        await queryRunner.query(`
            DROP TYPE "public"."credit_system"
        `);
        await queryRunner.query(`
            DROP TABLE "awarding_body"
        `);
    }

}
