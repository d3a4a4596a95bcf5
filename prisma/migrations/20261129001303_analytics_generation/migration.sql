-- CreateTable
CREATE TABLE "AnalyticsGeneration" (
    "scope" TEXT NOT NULL,
    "generation" BIGINT NOT NULL DEFAULT 0,
    "changedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AnalyticsGeneration_pkey" PRIMARY KEY ("scope")
);

-- Written by hand (Prisma does not model triggers): the generation the analytics cache is
-- keyed by. One row; every statement that writes a table the analytics read bumps it in the
-- writer's own transaction, so the bump commits (or rolls back) with the data. A row update,
-- not a sequence: nextval() is visible before commit and would let a reader cache pre-write
-- data under the post-write generation.
INSERT INTO "AnalyticsGeneration" ("scope", "generation") VALUES ('analytics', 0);

CREATE FUNCTION "bump_analytics_generation"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "AnalyticsGeneration" SET "generation" = "generation" + 1, "changedAt" = CURRENT_TIMESTAMP WHERE "scope" = 'analytics';
  RETURN NULL;
END
$$;

CREATE TRIGGER "ImpactMetric_analytics_generation" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "ImpactMetric" FOR EACH STATEMENT EXECUTE FUNCTION "bump_analytics_generation"();
CREATE TRIGGER "ImpactAssessment_analytics_generation" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "ImpactAssessment" FOR EACH STATEMENT EXECUTE FUNCTION "bump_analytics_generation"();
CREATE TRIGGER "Citation_analytics_generation" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Citation" FOR EACH STATEMENT EXECUTE FUNCTION "bump_analytics_generation"();
CREATE TRIGGER "Jurisdiction_analytics_generation" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Jurisdiction" FOR EACH STATEMENT EXECUTE FUNCTION "bump_analytics_generation"();
CREATE TRIGGER "ControlProvision_analytics_generation" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "ControlProvision" FOR EACH STATEMENT EXECUTE FUNCTION "bump_analytics_generation"();
CREATE TRIGGER "StakeholderConsultation_analytics_generation" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "StakeholderConsultation" FOR EACH STATEMENT EXECUTE FUNCTION "bump_analytics_generation"();
CREATE TRIGGER "Submission_analytics_generation" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Submission" FOR EACH STATEMENT EXECUTE FUNCTION "bump_analytics_generation"();
CREATE TRIGGER "Stakeholder_analytics_generation" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Stakeholder" FOR EACH STATEMENT EXECUTE FUNCTION "bump_analytics_generation"();
