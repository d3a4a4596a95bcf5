-- CreateEnum
CREATE TYPE "ProvisionNoteKind" AS ENUM ('NOTE', 'TECHNICAL_NOTE', 'NB');

-- CreateEnum
CREATE TYPE "ListTextKind" AS ENUM ('GENERAL_NOTE', 'TECHNOLOGY_NOTE', 'DEFINITION', 'ACRONYM', 'SECTION_NOTE', 'ARTICLE');

-- CreateEnum
CREATE TYPE "AmendmentLinkKind" AS ENUM ('CHANGED_BY_CANDIDATE', 'CHANGED_BY_RETROACTIVE_CANDIDATE', 'REMOVED_BY_CANDIDATE', 'REMOVED_BY_RETROACTIVE_CANDIDATE');

-- AlterTable
ALTER TABLE "ControlList" ADD COLUMN     "isMain" BOOLEAN NOT NULL DEFAULT true;

-- AlterTable
ALTER TABLE "ControlProvision" ADD COLUMN     "exponentNotes" JSONB,
ADD COLUMN     "extra" JSONB,
ADD COLUMN     "inMainList" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "numberFormatNotes" JSONB,
ADD COLUMN     "printedCode" TEXT,
ADD COLUMN     "regimeMarkers" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "sourceDefects" JSONB,
ADD COLUMN     "wassenaarCode" TEXT;

-- AlterTable
ALTER TABLE "Exemption" ADD COLUMN     "destinations" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "excludedDestinations" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- CreateTable
CREATE TABLE "ListText" (
    "id" TEXT NOT NULL,
    "sourceKey" TEXT NOT NULL,
    "contentHash" TEXT NOT NULL,
    "controlListId" TEXT NOT NULL,
    "kind" "ListTextKind" NOT NULL,
    "label" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "categories" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "ordinal" INTEGER NOT NULL DEFAULT 0,
    "exponentNotes" JSONB,
    "sourceDefects" JSONB,
    "extra" JSONB,
    "citationId" TEXT NOT NULL,

    CONSTRAINT "ListText_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProvisionNote" (
    "id" TEXT NOT NULL,
    "sourceKey" TEXT NOT NULL,
    "contentHash" TEXT NOT NULL,
    "provisionId" TEXT NOT NULL,
    "kind" "ProvisionNoteKind" NOT NULL,
    "label" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "ordinal" INTEGER NOT NULL DEFAULT 0,
    "appliesTo" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "codesMentioned" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "scopeInText" TEXT,
    "extra" JSONB,
    "citationId" TEXT NOT NULL,

    CONSTRAINT "ProvisionNote_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AmendingAct" (
    "id" TEXT NOT NULL,
    "sourceKey" TEXT NOT NULL,
    "contentHash" TEXT NOT NULL,
    "jurisdictionId" TEXT NOT NULL,
    "regime" "Regime" NOT NULL,
    "documentNumber" TEXT NOT NULL,
    "reference" TEXT,
    "title" TEXT NOT NULL,
    "actType" TEXT,
    "action" TEXT,
    "publishedOn" DATE,
    "effectiveOn" DATE,
    "url" TEXT,
    "agencies" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "docketIds" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "listParts" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "extra" JSONB,
    "citationId" TEXT NOT NULL,

    CONSTRAINT "AmendingAct_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProvisionAmendment" (
    "provisionId" TEXT NOT NULL,
    "actId" TEXT NOT NULL,
    "kind" "AmendmentLinkKind" NOT NULL,
    "basis" TEXT NOT NULL,
    "sameListPart" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "ProvisionAmendment_pkey" PRIMARY KEY ("provisionId","actId","kind")
);

-- CreateTable
CREATE TABLE "LicensingDecision" (
    "id" TEXT NOT NULL,
    "sourceKey" TEXT NOT NULL,
    "contentHash" TEXT NOT NULL,
    "jurisdictionId" TEXT NOT NULL,
    "licenceGroup" TEXT NOT NULL,
    "decidedOn" DATE NOT NULL,
    "destination" TEXT NOT NULL,
    "destinationIso" TEXT,
    "rating" TEXT NOT NULL,
    "ratingNormalised" TEXT,
    "ratingType" TEXT NOT NULL,
    "category" TEXT,
    "ratingDescription" TEXT,
    "itemCount" INTEGER,
    "valueGbp" DECIMAL(18,2),
    "refused" BOOLEAN NOT NULL,
    "refusalCriteria" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "extra" JSONB,
    "citationId" TEXT NOT NULL,

    CONSTRAINT "LicensingDecision_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ListText_sourceKey_key" ON "ListText"("sourceKey");

-- CreateIndex
CREATE INDEX "ListText_controlListId_kind_ordinal_idx" ON "ListText"("controlListId", "kind", "ordinal");

-- CreateIndex
CREATE UNIQUE INDEX "ProvisionNote_sourceKey_key" ON "ProvisionNote"("sourceKey");

-- CreateIndex
CREATE INDEX "ProvisionNote_provisionId_ordinal_idx" ON "ProvisionNote"("provisionId", "ordinal");

-- CreateIndex
CREATE UNIQUE INDEX "AmendingAct_sourceKey_key" ON "AmendingAct"("sourceKey");

-- CreateIndex
CREATE INDEX "AmendingAct_regime_effectiveOn_idx" ON "AmendingAct"("regime", "effectiveOn");

-- CreateIndex
CREATE INDEX "ProvisionAmendment_actId_idx" ON "ProvisionAmendment"("actId");

-- CreateIndex
CREATE UNIQUE INDEX "LicensingDecision_sourceKey_key" ON "LicensingDecision"("sourceKey");

-- CreateIndex
CREATE INDEX "LicensingDecision_jurisdictionId_decidedOn_idx" ON "LicensingDecision"("jurisdictionId", "decidedOn");

-- CreateIndex
CREATE INDEX "LicensingDecision_ratingNormalised_decidedOn_idx" ON "LicensingDecision"("ratingNormalised", "decidedOn");

-- CreateIndex
CREATE INDEX "LicensingDecision_category_decidedOn_idx" ON "LicensingDecision"("category", "decidedOn");

-- CreateIndex
CREATE INDEX "LicensingDecision_destination_decidedOn_idx" ON "LicensingDecision"("destination", "decidedOn");

-- CreateIndex
CREATE INDEX "ControlProvision_regime_code_validFrom_idx" ON "ControlProvision"("regime", "code", "validFrom");

-- AddForeignKey
ALTER TABLE "ListText" ADD CONSTRAINT "ListText_controlListId_fkey" FOREIGN KEY ("controlListId") REFERENCES "ControlList"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ListText" ADD CONSTRAINT "ListText_citationId_fkey" FOREIGN KEY ("citationId") REFERENCES "Citation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProvisionNote" ADD CONSTRAINT "ProvisionNote_provisionId_fkey" FOREIGN KEY ("provisionId") REFERENCES "ControlProvision"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProvisionNote" ADD CONSTRAINT "ProvisionNote_citationId_fkey" FOREIGN KEY ("citationId") REFERENCES "Citation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AmendingAct" ADD CONSTRAINT "AmendingAct_jurisdictionId_fkey" FOREIGN KEY ("jurisdictionId") REFERENCES "Jurisdiction"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AmendingAct" ADD CONSTRAINT "AmendingAct_citationId_fkey" FOREIGN KEY ("citationId") REFERENCES "Citation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProvisionAmendment" ADD CONSTRAINT "ProvisionAmendment_provisionId_fkey" FOREIGN KEY ("provisionId") REFERENCES "ControlProvision"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProvisionAmendment" ADD CONSTRAINT "ProvisionAmendment_actId_fkey" FOREIGN KEY ("actId") REFERENCES "AmendingAct"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LicensingDecision" ADD CONSTRAINT "LicensingDecision_jurisdictionId_fkey" FOREIGN KEY ("jurisdictionId") REFERENCES "Jurisdiction"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LicensingDecision" ADD CONSTRAINT "LicensingDecision_citationId_fkey" FOREIGN KEY ("citationId") REFERENCES "Citation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Licensing decisions are aggregated by the dashboards: a write to them makes every cached
-- aggregate stale, as for the other tables the analytics read.
CREATE TRIGGER "LicensingDecision_analytics_generation" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "LicensingDecision" FOR EACH STATEMENT EXECUTE FUNCTION "bump_analytics_generation"();
