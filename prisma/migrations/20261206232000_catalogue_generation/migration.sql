-- Written by hand (Prisma does not model triggers): the generation the GraphQL response cache
-- checks catalogue reads (provisions, exemptions, guidance, node lookups ...) against. A second
-- row of "AnalyticsGeneration", bumped like the analytics one: by a statement trigger, in the
-- writer's own transaction, so the bump commits or rolls back with the data.
--
-- One generation for every table of source data rather than one per table group: a catalogue
-- read can reach almost any table through nested fields (a provision's exemptions, their
-- guidance, its consultations and their submissions ...), and a read must be checked against
-- every table it can touch. Only bookkeeping tables no GraphQL read uses have no trigger: the
-- audit log, the seed records, the search outbox (drained in the background) and this table.
INSERT INTO "AnalyticsGeneration" ("scope", "generation") VALUES ('catalogue', 0);

CREATE FUNCTION "bump_catalogue_generation"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "AnalyticsGeneration" SET "generation" = "generation" + 1, "changedAt" = CURRENT_TIMESTAMP WHERE "scope" = 'catalogue';
  RETURN NULL;
END
$$;

CREATE TRIGGER "Citation_catalogue_generation" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Citation" FOR EACH STATEMENT EXECUTE FUNCTION "bump_catalogue_generation"();
CREATE TRIGGER "Jurisdiction_catalogue_generation" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Jurisdiction" FOR EACH STATEMENT EXECUTE FUNCTION "bump_catalogue_generation"();
CREATE TRIGGER "ControlList_catalogue_generation" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "ControlList" FOR EACH STATEMENT EXECUTE FUNCTION "bump_catalogue_generation"();
CREATE TRIGGER "ListText_catalogue_generation" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "ListText" FOR EACH STATEMENT EXECUTE FUNCTION "bump_catalogue_generation"();
CREATE TRIGGER "ControlProvision_catalogue_generation" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "ControlProvision" FOR EACH STATEMENT EXECUTE FUNCTION "bump_catalogue_generation"();
CREATE TRIGGER "ThresholdGroup_catalogue_generation" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "ThresholdGroup" FOR EACH STATEMENT EXECUTE FUNCTION "bump_catalogue_generation"();
CREATE TRIGGER "Threshold_catalogue_generation" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Threshold" FOR EACH STATEMENT EXECUTE FUNCTION "bump_catalogue_generation"();
CREATE TRIGGER "Correlation_catalogue_generation" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Correlation" FOR EACH STATEMENT EXECUTE FUNCTION "bump_catalogue_generation"();
CREATE TRIGGER "Exemption_catalogue_generation" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Exemption" FOR EACH STATEMENT EXECUTE FUNCTION "bump_catalogue_generation"();
CREATE TRIGGER "ExemptionCondition_catalogue_generation" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "ExemptionCondition" FOR EACH STATEMENT EXECUTE FUNCTION "bump_catalogue_generation"();
CREATE TRIGGER "ExemptionProvision_catalogue_generation" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "ExemptionProvision" FOR EACH STATEMENT EXECUTE FUNCTION "bump_catalogue_generation"();
CREATE TRIGGER "StakeholderConsultation_catalogue_generation" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "StakeholderConsultation" FOR EACH STATEMENT EXECUTE FUNCTION "bump_catalogue_generation"();
CREATE TRIGGER "ConsultationOutcome_catalogue_generation" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "ConsultationOutcome" FOR EACH STATEMENT EXECUTE FUNCTION "bump_catalogue_generation"();
CREATE TRIGGER "ConsultationProvision_catalogue_generation" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "ConsultationProvision" FOR EACH STATEMENT EXECUTE FUNCTION "bump_catalogue_generation"();
CREATE TRIGGER "Stakeholder_catalogue_generation" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Stakeholder" FOR EACH STATEMENT EXECUTE FUNCTION "bump_catalogue_generation"();
CREATE TRIGGER "Submission_catalogue_generation" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Submission" FOR EACH STATEMENT EXECUTE FUNCTION "bump_catalogue_generation"();
CREATE TRIGGER "ImpactAssessment_catalogue_generation" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "ImpactAssessment" FOR EACH STATEMENT EXECUTE FUNCTION "bump_catalogue_generation"();
CREATE TRIGGER "AssessmentProvision_catalogue_generation" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "AssessmentProvision" FOR EACH STATEMENT EXECUTE FUNCTION "bump_catalogue_generation"();
CREATE TRIGGER "ImpactMetric_catalogue_generation" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "ImpactMetric" FOR EACH STATEMENT EXECUTE FUNCTION "bump_catalogue_generation"();
CREATE TRIGGER "GuidanceDocument_catalogue_generation" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "GuidanceDocument" FOR EACH STATEMENT EXECUTE FUNCTION "bump_catalogue_generation"();
CREATE TRIGGER "GuidanceProvision_catalogue_generation" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "GuidanceProvision" FOR EACH STATEMENT EXECUTE FUNCTION "bump_catalogue_generation"();
CREATE TRIGGER "GuidanceExemption_catalogue_generation" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "GuidanceExemption" FOR EACH STATEMENT EXECUTE FUNCTION "bump_catalogue_generation"();
CREATE TRIGGER "ProvisionNote_catalogue_generation" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "ProvisionNote" FOR EACH STATEMENT EXECUTE FUNCTION "bump_catalogue_generation"();
CREATE TRIGGER "AmendingAct_catalogue_generation" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "AmendingAct" FOR EACH STATEMENT EXECUTE FUNCTION "bump_catalogue_generation"();
CREATE TRIGGER "ProvisionAmendment_catalogue_generation" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "ProvisionAmendment" FOR EACH STATEMENT EXECUTE FUNCTION "bump_catalogue_generation"();
CREATE TRIGGER "LicensingDecision_catalogue_generation" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "LicensingDecision" FOR EACH STATEMENT EXECUTE FUNCTION "bump_catalogue_generation"();
