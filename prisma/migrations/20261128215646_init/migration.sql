-- CreateEnum
CREATE TYPE "Regime" AS ENUM ('WASSENAAR', 'EU', 'US_EAR', 'UK', 'HK');

-- CreateEnum
CREATE TYPE "JurisdictionKind" AS ENUM ('STATE', 'UNION', 'MULTILATERAL_REGIME', 'TERRITORY');

-- CreateEnum
CREATE TYPE "ProvisionKind" AS ENUM ('ENTRY', 'PARAGRAPH');

-- CreateEnum
CREATE TYPE "VersionStatus" AS ENUM ('CURRENT', 'SUPERSEDED');

-- CreateEnum
CREATE TYPE "ItemType" AS ENUM ('COMMODITY', 'SOFTWARE', 'TECHNOLOGY');

-- CreateEnum
CREATE TYPE "Comparator" AS ENUM ('GT', 'GTE', 'LT', 'LTE', 'EQ', 'RANGE_EXCLUSIVE_MIN', 'BOOLEAN');

-- CreateEnum
CREATE TYPE "GroupOperator" AS ENUM ('ALL_OF', 'ANY_OF');

-- CreateEnum
CREATE TYPE "CorrelationKind" AS ENUM ('EQUIVALENT', 'NARROWER', 'BROADER', 'PARTIAL', 'UNASSESSED');

-- CreateEnum
CREATE TYPE "ExemptionKind" AS ENUM ('FUNDAMENTAL_RESEARCH', 'PUBLISHED_INFORMATION', 'EDUCATIONAL_INFORMATION', 'PATENT_INFORMATION', 'OPEN_SOURCE', 'HUMANITARIAN', 'LICENCE_EXCEPTION', 'GENERAL_AUTHORISATION', 'OPEN_GENERAL_LICENCE', 'TECHNOLOGY_NOTE', 'SOFTWARE_NOTE', 'DEFINITION', 'INTERPRETIVE_GUIDANCE', 'DECONTROL_NOTE');

-- CreateEnum
CREATE TYPE "ExemptionConditionRole" AS ENUM ('REQUIREMENT', 'EXCLUSION', 'DESTINATION');

-- CreateEnum
CREATE TYPE "ApplicabilityBasis" AS ENUM ('EXPLICIT', 'ITEM_TYPE_SCOPE');

-- CreateEnum
CREATE TYPE "ConsultationStatus" AS ENUM ('PLANNED', 'OPEN', 'CLOSED', 'CONCLUDED', 'UNKNOWN');

-- CreateEnum
CREATE TYPE "StakeholderType" AS ENUM ('INDUSTRY', 'INDUSTRY_ASSOCIATION', 'SME', 'ACADEMIA', 'CIVIL_SOCIETY', 'PRIVACY_ADVOCATE', 'GOVERNMENT', 'INDIVIDUAL', 'UNKNOWN');

-- CreateEnum
CREATE TYPE "SubmissionPosition" AS ENUM ('SUPPORT', 'OPPOSE', 'MIXED', 'NEUTRAL', 'UNKNOWN');

-- CreateEnum
CREATE TYPE "PeriodType" AS ENUM ('CALENDAR_YEAR', 'US_FISCAL_YEAR', 'CALENDAR_QUARTER', 'DATE_RANGE', 'PARTIAL_FISCAL_YEAR');

-- CreateEnum
CREATE TYPE "MetricDimension" AS ENUM ('TRADE_VALUE', 'LICENSING_VOLUME', 'DENIALS', 'PROCESSING_TIME', 'MARKET', 'LIST_SCOPE', 'OTHER');

-- CreateEnum
CREATE TYPE "SourceType" AS ENUM ('URL', 'GITHUB_FILE', 'WEB_PAGE');

-- CreateTable
CREATE TABLE "Citation" (
    "id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "sourceType" "SourceType" NOT NULL,
    "url" TEXT,
    "repository" TEXT,
    "path" TEXT,
    "commit" TEXT,
    "section" TEXT,
    "title" TEXT,
    "publisher" TEXT,
    "upstream" TEXT,
    "licence" TEXT,
    "note" TEXT,
    "retrievedOn" DATE,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Citation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Jurisdiction" (
    "id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "JurisdictionKind" NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Jurisdiction_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ControlList" (
    "id" TEXT NOT NULL,
    "sourceKey" TEXT NOT NULL,
    "regime" "Regime" NOT NULL,
    "jurisdictionId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "version" TEXT NOT NULL,
    "textDate" DATE,
    "versionNote" TEXT,
    "citationId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ControlList_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ControlProvision" (
    "id" TEXT NOT NULL,
    "sourceKey" TEXT NOT NULL,
    "contentHash" TEXT NOT NULL,
    "controlListId" TEXT NOT NULL,
    "regime" "Regime" NOT NULL,
    "jurisdictionId" TEXT NOT NULL,
    "kind" "ProvisionKind" NOT NULL,
    "code" TEXT NOT NULL,
    "entryCode" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "categoryName" TEXT NOT NULL,
    "productGroup" TEXT,
    "itemType" "ItemType",
    "reasonsForControl" TEXT[],
    "controlTable" JSONB,
    "licenceExceptions" JSONB,
    "relatedControls" TEXT,
    "notes" TEXT,
    "parentId" TEXT,
    "ordinal" INTEGER NOT NULL DEFAULT 0,
    "status" "VersionStatus" NOT NULL DEFAULT 'CURRENT',
    "validFrom" DATE,
    "validTo" DATE,
    "textDate" DATE,
    "supersedesId" TEXT,
    "citationId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ControlProvision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ThresholdGroup" (
    "id" TEXT NOT NULL,
    "provisionId" TEXT NOT NULL,
    "operator" "GroupOperator" NOT NULL,
    "parentGroupId" TEXT,
    "paragraph" TEXT,
    "textVerbatim" TEXT,
    "ordinal" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "ThresholdGroup_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Threshold" (
    "id" TEXT NOT NULL,
    "sourceKey" TEXT NOT NULL,
    "contentHash" TEXT NOT NULL,
    "provisionId" TEXT NOT NULL,
    "groupId" TEXT,
    "paragraph" TEXT NOT NULL,
    "parameter" TEXT,
    "comparator" "Comparator",
    "value" DECIMAL(30,10),
    "valueMax" DECIMAL(30,10),
    "unit" TEXT,
    "textVerbatim" TEXT NOT NULL,
    "exponentNote" TEXT,
    "ordinal" INTEGER NOT NULL DEFAULT 0,
    "citationId" TEXT NOT NULL,

    CONSTRAINT "Threshold_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Correlation" (
    "id" TEXT NOT NULL,
    "sourceKey" TEXT NOT NULL,
    "contentHash" TEXT NOT NULL,
    "fromId" TEXT NOT NULL,
    "toId" TEXT NOT NULL,
    "kind" "CorrelationKind" NOT NULL,
    "note" TEXT,
    "citationId" TEXT,

    CONSTRAINT "Correlation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Exemption" (
    "id" TEXT NOT NULL,
    "sourceKey" TEXT NOT NULL,
    "contentHash" TEXT NOT NULL,
    "kind" "ExemptionKind" NOT NULL,
    "typeLabel" TEXT NOT NULL,
    "regimeLabel" TEXT NOT NULL,
    "regime" "Regime",
    "jurisdictionId" TEXT NOT NULL,
    "legalBasis" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "textVerbatim" TEXT[],
    "textNote" TEXT,
    "appliesTo" TEXT[],
    "doesNotApplyTo" TEXT[],
    "itemTypes" "ItemType"[],
    "history" TEXT,
    "versionNote" TEXT,
    "extra" JSONB,
    "revoked" BOOLEAN NOT NULL DEFAULT false,
    "validFrom" DATE,
    "validTo" DATE,
    "citationId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Exemption_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ExemptionCondition" (
    "id" TEXT NOT NULL,
    "exemptionId" TEXT NOT NULL,
    "role" "ExemptionConditionRole" NOT NULL,
    "ordinal" INTEGER NOT NULL,
    "textVerbatim" TEXT NOT NULL,
    "predicate" JSONB,
    "secondary" BOOLEAN NOT NULL DEFAULT false,
    "citationId" TEXT,

    CONSTRAINT "ExemptionCondition_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ExemptionProvision" (
    "exemptionId" TEXT NOT NULL,
    "provisionId" TEXT NOT NULL,
    "basis" "ApplicabilityBasis" NOT NULL,
    "note" TEXT,

    CONSTRAINT "ExemptionProvision_pkey" PRIMARY KEY ("exemptionId","provisionId")
);

-- CreateTable
CREATE TABLE "StakeholderConsultation" (
    "id" TEXT NOT NULL,
    "sourceKey" TEXT NOT NULL,
    "contentHash" TEXT NOT NULL,
    "jurisdictionId" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "instrument" TEXT,
    "reference" TEXT,
    "status" "ConsultationStatus" NOT NULL,
    "publishedOn" DATE,
    "openedOn" DATE,
    "deadline" DATE,
    "extendedDeadline" DATE,
    "closedOn" DATE,
    "scopeQuote" TEXT,
    "responseCount" INTEGER,
    "responseCountQuote" TEXT,
    "responseCountNote" TEXT,
    "outcomeSummary" TEXT,
    "extra" JSONB,
    "citationId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "StakeholderConsultation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ConsultationOutcome" (
    "id" TEXT NOT NULL,
    "consultationId" TEXT NOT NULL,
    "ordinal" INTEGER NOT NULL,
    "date" DATE,
    "description" TEXT NOT NULL,
    "quote" TEXT,
    "citationId" TEXT,

    CONSTRAINT "ConsultationOutcome_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ConsultationProvision" (
    "consultationId" TEXT NOT NULL,
    "provisionId" TEXT NOT NULL,

    CONSTRAINT "ConsultationProvision_pkey" PRIMARY KEY ("consultationId","provisionId")
);

-- CreateTable
CREATE TABLE "Stakeholder" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "type" "StakeholderType" NOT NULL,
    "typeLabel" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Stakeholder_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Submission" (
    "id" TEXT NOT NULL,
    "sourceKey" TEXT NOT NULL,
    "contentHash" TEXT NOT NULL,
    "consultationId" TEXT NOT NULL,
    "stakeholderId" TEXT NOT NULL,
    "receivedOn" DATE,
    "position" "SubmissionPosition" NOT NULL DEFAULT 'UNKNOWN',
    "themes" TEXT[],
    "pages" INTEGER,
    "documentRef" TEXT,
    "ordinal" INTEGER NOT NULL DEFAULT 0,
    "citationId" TEXT,

    CONSTRAINT "Submission_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ImpactAssessment" (
    "id" TEXT NOT NULL,
    "sourceKey" TEXT NOT NULL,
    "contentHash" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "publisher" TEXT NOT NULL,
    "jurisdictionId" TEXT NOT NULL,
    "publishedOn" DATE,
    "consultationId" TEXT,
    "citationId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ImpactAssessment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AssessmentProvision" (
    "assessmentId" TEXT NOT NULL,
    "provisionId" TEXT NOT NULL,

    CONSTRAINT "AssessmentProvision_pkey" PRIMARY KEY ("assessmentId","provisionId")
);

-- CreateTable
CREATE TABLE "ImpactMetric" (
    "id" TEXT NOT NULL,
    "sourceKey" TEXT NOT NULL,
    "contentHash" TEXT NOT NULL,
    "assessmentId" TEXT NOT NULL,
    "jurisdictionId" TEXT NOT NULL,
    "provisionId" TEXT,
    "dimension" "MetricDimension" NOT NULL,
    "indicator" TEXT NOT NULL,
    "value" DECIMAL(30,6),
    "valueText" TEXT,
    "unit" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "periodType" "PeriodType" NOT NULL,
    "periodStart" DATE NOT NULL,
    "periodEnd" DATE NOT NULL,
    "sector" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "quote" TEXT NOT NULL,
    "notes" TEXT,
    "synthetic" BOOLEAN NOT NULL DEFAULT false,
    "citationId" TEXT NOT NULL,

    CONSTRAINT "ImpactMetric_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GuidanceDocument" (
    "id" TEXT NOT NULL,
    "sourceKey" TEXT NOT NULL,
    "contentHash" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "summary" TEXT,
    "body" TEXT NOT NULL,
    "issuer" TEXT NOT NULL,
    "jurisdictionId" TEXT NOT NULL,
    "audience" TEXT[],
    "topics" TEXT[],
    "publishedOn" DATE,
    "dateNote" TEXT,
    "url" TEXT,
    "extra" JSONB,
    "citationId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "GuidanceDocument_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GuidanceProvision" (
    "guidanceId" TEXT NOT NULL,
    "provisionId" TEXT NOT NULL,

    CONSTRAINT "GuidanceProvision_pkey" PRIMARY KEY ("guidanceId","provisionId")
);

-- CreateTable
CREATE TABLE "GuidanceExemption" (
    "guidanceId" TEXT NOT NULL,
    "exemptionId" TEXT NOT NULL,

    CONSTRAINT "GuidanceExemption_pkey" PRIMARY KEY ("guidanceId","exemptionId")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "entityType" TEXT NOT NULL,
    "entityId" TEXT,
    "detail" JSONB,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SeedDataset" (
    "name" TEXT NOT NULL,
    "checksum" TEXT NOT NULL,
    "counts" JSONB NOT NULL,
    "loadedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SeedDataset_pkey" PRIMARY KEY ("name")
);

-- CreateIndex
CREATE UNIQUE INDEX "Citation_key_key" ON "Citation"("key");

-- CreateIndex
CREATE UNIQUE INDEX "Jurisdiction_code_key" ON "Jurisdiction"("code");

-- CreateIndex
CREATE UNIQUE INDEX "ControlList_sourceKey_key" ON "ControlList"("sourceKey");

-- CreateIndex
CREATE INDEX "ControlList_regime_idx" ON "ControlList"("regime");

-- CreateIndex
CREATE UNIQUE INDEX "ControlProvision_sourceKey_key" ON "ControlProvision"("sourceKey");

-- CreateIndex
CREATE UNIQUE INDEX "ControlProvision_supersedesId_key" ON "ControlProvision"("supersedesId");

-- CreateIndex
CREATE INDEX "ControlProvision_regime_kind_status_code_idx" ON "ControlProvision"("regime", "kind", "status", "code");

-- CreateIndex
CREATE INDEX "ControlProvision_jurisdictionId_kind_status_idx" ON "ControlProvision"("jurisdictionId", "kind", "status");

-- CreateIndex
CREATE INDEX "ControlProvision_regime_category_kind_status_idx" ON "ControlProvision"("regime", "category", "kind", "status");

-- CreateIndex
CREATE INDEX "ControlProvision_entryCode_idx" ON "ControlProvision"("entryCode");

-- CreateIndex
CREATE INDEX "ControlProvision_parentId_ordinal_idx" ON "ControlProvision"("parentId", "ordinal");

-- CreateIndex
CREATE INDEX "ControlProvision_controlListId_idx" ON "ControlProvision"("controlListId");

-- CreateIndex
CREATE INDEX "ThresholdGroup_provisionId_idx" ON "ThresholdGroup"("provisionId");

-- CreateIndex
CREATE INDEX "ThresholdGroup_parentGroupId_idx" ON "ThresholdGroup"("parentGroupId");

-- CreateIndex
CREATE UNIQUE INDEX "Threshold_sourceKey_key" ON "Threshold"("sourceKey");

-- CreateIndex
CREATE INDEX "Threshold_provisionId_ordinal_idx" ON "Threshold"("provisionId", "ordinal");

-- CreateIndex
CREATE UNIQUE INDEX "Correlation_sourceKey_key" ON "Correlation"("sourceKey");

-- CreateIndex
CREATE INDEX "Correlation_toId_idx" ON "Correlation"("toId");

-- CreateIndex
CREATE UNIQUE INDEX "Correlation_fromId_toId_key" ON "Correlation"("fromId", "toId");

-- CreateIndex
CREATE UNIQUE INDEX "Exemption_sourceKey_key" ON "Exemption"("sourceKey");

-- CreateIndex
CREATE INDEX "Exemption_jurisdictionId_kind_idx" ON "Exemption"("jurisdictionId", "kind");

-- CreateIndex
CREATE INDEX "Exemption_regime_kind_idx" ON "Exemption"("regime", "kind");

-- CreateIndex
CREATE UNIQUE INDEX "ExemptionCondition_exemptionId_role_ordinal_key" ON "ExemptionCondition"("exemptionId", "role", "ordinal");

-- CreateIndex
CREATE INDEX "ExemptionProvision_provisionId_idx" ON "ExemptionProvision"("provisionId");

-- CreateIndex
CREATE UNIQUE INDEX "StakeholderConsultation_sourceKey_key" ON "StakeholderConsultation"("sourceKey");

-- CreateIndex
CREATE INDEX "StakeholderConsultation_jurisdictionId_status_idx" ON "StakeholderConsultation"("jurisdictionId", "status");

-- CreateIndex
CREATE INDEX "StakeholderConsultation_publishedOn_idx" ON "StakeholderConsultation"("publishedOn");

-- CreateIndex
CREATE UNIQUE INDEX "ConsultationOutcome_consultationId_ordinal_key" ON "ConsultationOutcome"("consultationId", "ordinal");

-- CreateIndex
CREATE INDEX "ConsultationProvision_provisionId_idx" ON "ConsultationProvision"("provisionId");

-- CreateIndex
CREATE UNIQUE INDEX "Stakeholder_name_key" ON "Stakeholder"("name");

-- CreateIndex
CREATE INDEX "Stakeholder_type_idx" ON "Stakeholder"("type");

-- CreateIndex
CREATE UNIQUE INDEX "Submission_sourceKey_key" ON "Submission"("sourceKey");

-- CreateIndex
CREATE INDEX "Submission_consultationId_ordinal_idx" ON "Submission"("consultationId", "ordinal");

-- CreateIndex
CREATE INDEX "Submission_stakeholderId_idx" ON "Submission"("stakeholderId");

-- CreateIndex
CREATE UNIQUE INDEX "ImpactAssessment_sourceKey_key" ON "ImpactAssessment"("sourceKey");

-- CreateIndex
CREATE INDEX "ImpactAssessment_jurisdictionId_idx" ON "ImpactAssessment"("jurisdictionId");

-- CreateIndex
CREATE INDEX "AssessmentProvision_provisionId_idx" ON "AssessmentProvision"("provisionId");

-- CreateIndex
CREATE UNIQUE INDEX "ImpactMetric_sourceKey_key" ON "ImpactMetric"("sourceKey");

-- CreateIndex
CREATE INDEX "ImpactMetric_assessmentId_periodStart_idx" ON "ImpactMetric"("assessmentId", "periodStart");

-- CreateIndex
CREATE INDEX "ImpactMetric_jurisdictionId_dimension_periodStart_idx" ON "ImpactMetric"("jurisdictionId", "dimension", "periodStart");

-- CreateIndex
CREATE INDEX "ImpactMetric_indicator_periodStart_idx" ON "ImpactMetric"("indicator", "periodStart");

-- CreateIndex
CREATE INDEX "ImpactMetric_synthetic_idx" ON "ImpactMetric"("synthetic");

-- CreateIndex
CREATE UNIQUE INDEX "GuidanceDocument_sourceKey_key" ON "GuidanceDocument"("sourceKey");

-- CreateIndex
CREATE INDEX "GuidanceDocument_jurisdictionId_publishedOn_idx" ON "GuidanceDocument"("jurisdictionId", "publishedOn");

-- CreateIndex
CREATE INDEX "GuidanceProvision_provisionId_idx" ON "GuidanceProvision"("provisionId");

-- CreateIndex
CREATE INDEX "GuidanceExemption_exemptionId_idx" ON "GuidanceExemption"("exemptionId");

-- CreateIndex
CREATE INDEX "AuditEvent_entityType_entityId_idx" ON "AuditEvent"("entityType", "entityId");

-- CreateIndex
CREATE INDEX "AuditEvent_at_idx" ON "AuditEvent"("at");

-- AddForeignKey
ALTER TABLE "ControlList" ADD CONSTRAINT "ControlList_jurisdictionId_fkey" FOREIGN KEY ("jurisdictionId") REFERENCES "Jurisdiction"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ControlList" ADD CONSTRAINT "ControlList_citationId_fkey" FOREIGN KEY ("citationId") REFERENCES "Citation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ControlProvision" ADD CONSTRAINT "ControlProvision_controlListId_fkey" FOREIGN KEY ("controlListId") REFERENCES "ControlList"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ControlProvision" ADD CONSTRAINT "ControlProvision_jurisdictionId_fkey" FOREIGN KEY ("jurisdictionId") REFERENCES "Jurisdiction"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ControlProvision" ADD CONSTRAINT "ControlProvision_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "ControlProvision"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ControlProvision" ADD CONSTRAINT "ControlProvision_supersedesId_fkey" FOREIGN KEY ("supersedesId") REFERENCES "ControlProvision"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ControlProvision" ADD CONSTRAINT "ControlProvision_citationId_fkey" FOREIGN KEY ("citationId") REFERENCES "Citation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ThresholdGroup" ADD CONSTRAINT "ThresholdGroup_provisionId_fkey" FOREIGN KEY ("provisionId") REFERENCES "ControlProvision"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ThresholdGroup" ADD CONSTRAINT "ThresholdGroup_parentGroupId_fkey" FOREIGN KEY ("parentGroupId") REFERENCES "ThresholdGroup"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Threshold" ADD CONSTRAINT "Threshold_provisionId_fkey" FOREIGN KEY ("provisionId") REFERENCES "ControlProvision"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Threshold" ADD CONSTRAINT "Threshold_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "ThresholdGroup"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Threshold" ADD CONSTRAINT "Threshold_citationId_fkey" FOREIGN KEY ("citationId") REFERENCES "Citation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Correlation" ADD CONSTRAINT "Correlation_fromId_fkey" FOREIGN KEY ("fromId") REFERENCES "ControlProvision"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Correlation" ADD CONSTRAINT "Correlation_toId_fkey" FOREIGN KEY ("toId") REFERENCES "ControlProvision"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Correlation" ADD CONSTRAINT "Correlation_citationId_fkey" FOREIGN KEY ("citationId") REFERENCES "Citation"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Exemption" ADD CONSTRAINT "Exemption_jurisdictionId_fkey" FOREIGN KEY ("jurisdictionId") REFERENCES "Jurisdiction"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Exemption" ADD CONSTRAINT "Exemption_citationId_fkey" FOREIGN KEY ("citationId") REFERENCES "Citation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExemptionCondition" ADD CONSTRAINT "ExemptionCondition_exemptionId_fkey" FOREIGN KEY ("exemptionId") REFERENCES "Exemption"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExemptionCondition" ADD CONSTRAINT "ExemptionCondition_citationId_fkey" FOREIGN KEY ("citationId") REFERENCES "Citation"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExemptionProvision" ADD CONSTRAINT "ExemptionProvision_exemptionId_fkey" FOREIGN KEY ("exemptionId") REFERENCES "Exemption"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExemptionProvision" ADD CONSTRAINT "ExemptionProvision_provisionId_fkey" FOREIGN KEY ("provisionId") REFERENCES "ControlProvision"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StakeholderConsultation" ADD CONSTRAINT "StakeholderConsultation_jurisdictionId_fkey" FOREIGN KEY ("jurisdictionId") REFERENCES "Jurisdiction"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StakeholderConsultation" ADD CONSTRAINT "StakeholderConsultation_citationId_fkey" FOREIGN KEY ("citationId") REFERENCES "Citation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConsultationOutcome" ADD CONSTRAINT "ConsultationOutcome_consultationId_fkey" FOREIGN KEY ("consultationId") REFERENCES "StakeholderConsultation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConsultationOutcome" ADD CONSTRAINT "ConsultationOutcome_citationId_fkey" FOREIGN KEY ("citationId") REFERENCES "Citation"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConsultationProvision" ADD CONSTRAINT "ConsultationProvision_consultationId_fkey" FOREIGN KEY ("consultationId") REFERENCES "StakeholderConsultation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConsultationProvision" ADD CONSTRAINT "ConsultationProvision_provisionId_fkey" FOREIGN KEY ("provisionId") REFERENCES "ControlProvision"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Submission" ADD CONSTRAINT "Submission_consultationId_fkey" FOREIGN KEY ("consultationId") REFERENCES "StakeholderConsultation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Submission" ADD CONSTRAINT "Submission_stakeholderId_fkey" FOREIGN KEY ("stakeholderId") REFERENCES "Stakeholder"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Submission" ADD CONSTRAINT "Submission_citationId_fkey" FOREIGN KEY ("citationId") REFERENCES "Citation"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ImpactAssessment" ADD CONSTRAINT "ImpactAssessment_jurisdictionId_fkey" FOREIGN KEY ("jurisdictionId") REFERENCES "Jurisdiction"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ImpactAssessment" ADD CONSTRAINT "ImpactAssessment_consultationId_fkey" FOREIGN KEY ("consultationId") REFERENCES "StakeholderConsultation"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ImpactAssessment" ADD CONSTRAINT "ImpactAssessment_citationId_fkey" FOREIGN KEY ("citationId") REFERENCES "Citation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AssessmentProvision" ADD CONSTRAINT "AssessmentProvision_assessmentId_fkey" FOREIGN KEY ("assessmentId") REFERENCES "ImpactAssessment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AssessmentProvision" ADD CONSTRAINT "AssessmentProvision_provisionId_fkey" FOREIGN KEY ("provisionId") REFERENCES "ControlProvision"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ImpactMetric" ADD CONSTRAINT "ImpactMetric_assessmentId_fkey" FOREIGN KEY ("assessmentId") REFERENCES "ImpactAssessment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ImpactMetric" ADD CONSTRAINT "ImpactMetric_jurisdictionId_fkey" FOREIGN KEY ("jurisdictionId") REFERENCES "Jurisdiction"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ImpactMetric" ADD CONSTRAINT "ImpactMetric_provisionId_fkey" FOREIGN KEY ("provisionId") REFERENCES "ControlProvision"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ImpactMetric" ADD CONSTRAINT "ImpactMetric_citationId_fkey" FOREIGN KEY ("citationId") REFERENCES "Citation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GuidanceDocument" ADD CONSTRAINT "GuidanceDocument_jurisdictionId_fkey" FOREIGN KEY ("jurisdictionId") REFERENCES "Jurisdiction"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GuidanceDocument" ADD CONSTRAINT "GuidanceDocument_citationId_fkey" FOREIGN KEY ("citationId") REFERENCES "Citation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GuidanceProvision" ADD CONSTRAINT "GuidanceProvision_guidanceId_fkey" FOREIGN KEY ("guidanceId") REFERENCES "GuidanceDocument"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GuidanceProvision" ADD CONSTRAINT "GuidanceProvision_provisionId_fkey" FOREIGN KEY ("provisionId") REFERENCES "ControlProvision"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GuidanceExemption" ADD CONSTRAINT "GuidanceExemption_guidanceId_fkey" FOREIGN KEY ("guidanceId") REFERENCES "GuidanceDocument"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GuidanceExemption" ADD CONSTRAINT "GuidanceExemption_exemptionId_fkey" FOREIGN KEY ("exemptionId") REFERENCES "Exemption"("id") ON DELETE CASCADE ON UPDATE CASCADE;
