-- Threshold encodings in the database (seed dataset "threshold-encodings"). ThresholdGroup
-- was never written before this migration, so its new NOT NULL columns need no default.

-- CreateEnum
CREATE TYPE "ThresholdGroupRole" AS ENUM ('CONDITIONS', 'EXCLUSION', 'CONTROL_REASON');

-- CreateEnum
CREATE TYPE "ReferenceSubject" AS ENUM ('COMPONENT', 'ITEM');

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "Comparator" ADD VALUE 'BETWEEN';
ALTER TYPE "Comparator" ADD VALUE 'IN';
ALTER TYPE "Comparator" ADD VALUE 'REFERENCE';

-- AlterEnum
ALTER TYPE "GroupOperator" ADD VALUE 'NOT';

-- DropIndex
DROP INDEX "ThresholdGroup_parentGroupId_idx";

-- DropIndex
DROP INDEX "ThresholdGroup_provisionId_idx";

-- AlterTable
ALTER TABLE "Threshold" ADD COLUMN     "booleanValue" BOOLEAN,
ADD COLUMN     "criterionKey" TEXT,
ADD COLUMN     "dimension" TEXT,
ADD COLUMN     "maxInclusive" BOOLEAN,
ADD COLUMN     "minInclusive" BOOLEAN,
ADD COLUMN     "note" TEXT,
ADD COLUMN     "position" INTEGER,
ADD COLUMN     "ref" TEXT,
ADD COLUMN     "refRegime" "Regime",
ADD COLUMN     "refSubject" "ReferenceSubject",
ADD COLUMN     "retiredAt" TIMESTAMP(3),
ADD COLUMN     "values" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- AlterTable
ALTER TABLE "ThresholdGroup" ADD COLUMN     "appliesTo" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "citationId" TEXT NOT NULL,
ADD COLUMN     "contentHash" TEXT NOT NULL,
ADD COLUMN     "exclusionKey" TEXT,
ADD COLUMN     "label" TEXT,
ADD COLUMN     "movesTo" TEXT,
ADD COLUMN     "movesToText" TEXT,
ADD COLUMN     "reason" TEXT,
ADD COLUMN     "retiredAt" TIMESTAMP(3),
ADD COLUMN     "role" "ThresholdGroupRole" NOT NULL,
ADD COLUMN     "sourceKey" TEXT NOT NULL,
ALTER COLUMN "paragraph" SET NOT NULL;

-- CreateIndex
CREATE INDEX "Threshold_groupId_idx" ON "Threshold"("groupId");

-- CreateIndex
CREATE UNIQUE INDEX "ThresholdGroup_sourceKey_key" ON "ThresholdGroup"("sourceKey");

-- CreateIndex
CREATE INDEX "ThresholdGroup_provisionId_ordinal_idx" ON "ThresholdGroup"("provisionId", "ordinal");

-- CreateIndex
CREATE INDEX "ThresholdGroup_parentGroupId_ordinal_idx" ON "ThresholdGroup"("parentGroupId", "ordinal");

-- AddForeignKey
ALTER TABLE "ThresholdGroup" ADD CONSTRAINT "ThresholdGroup_citationId_fkey" FOREIGN KEY ("citationId") REFERENCES "Citation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
