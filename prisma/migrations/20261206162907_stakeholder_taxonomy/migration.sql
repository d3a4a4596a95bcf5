-- Stakeholder types fine enough to tell universities from academic associations (ACADEMIA is
-- split), companies by size where the label says so (INDUSTRY, a company of unstated size,
-- becomes COMPANY; SME and LARGE_COMPANY only from a label saying so), research organisations
-- that are not universities, and no PRIVACY_ADVOCATE (a stance, not a kind of organisation).
-- Existing rows are re-derived from their stored verbatim label with the importer's table of
-- labels; where the label does not decide, a value that keeps its meaning is kept and a value
-- that lumped kinds together becomes UNKNOWN rather than a guess.
-- No BEGIN/COMMIT: the migration runner applies each migration inside one transaction.

-- CreateEnum
CREATE TYPE "StakeholderLabelOrigin" AS ENUM ('COLLECTOR', 'NOT_STATED');

-- AlterEnum
CREATE TYPE "StakeholderType_new" AS ENUM ('UNIVERSITY', 'ACADEMIC_ASSOCIATION', 'RESEARCH_ORGANISATION', 'COMPANY', 'SME', 'LARGE_COMPANY', 'INDUSTRY_ASSOCIATION', 'CIVIL_SOCIETY', 'GOVERNMENT', 'INDIVIDUAL', 'UNKNOWN');
ALTER TABLE "Stakeholder" ALTER COLUMN "type" TYPE "StakeholderType_new" USING ((
  CASE lower(btrim("typeLabel"))
    WHEN 'university' THEN 'UNIVERSITY'
    WHEN 'academic association' THEN 'ACADEMIC_ASSOCIATION'
    WHEN 'non-profit research organisation' THEN 'RESEARCH_ORGANISATION'
    WHEN 'company' THEN 'COMPANY'
    WHEN 'sme' THEN 'SME'
    WHEN 'small or medium-sized enterprise' THEN 'SME'
    WHEN 'small and medium-sized enterprise' THEN 'SME'
    WHEN 'large company' THEN 'LARGE_COMPANY'
    WHEN 'large enterprise' THEN 'LARGE_COMPANY'
    WHEN 'industry association' THEN 'INDUSTRY_ASSOCIATION'
    WHEN 'trade association' THEN 'INDUSTRY_ASSOCIATION'
    WHEN 'ngo' THEN 'CIVIL_SOCIETY'
    WHEN 'non-governmental organisation' THEN 'CIVIL_SOCIETY'
    WHEN 'non-governmental organization' THEN 'CIVIL_SOCIETY'
    WHEN 'civil society organisation' THEN 'CIVIL_SOCIETY'
    WHEN 'civil society organization' THEN 'CIVIL_SOCIETY'
    WHEN 'government body' THEN 'GOVERNMENT'
    WHEN 'government agency' THEN 'GOVERNMENT'
    WHEN 'individual' THEN 'INDIVIDUAL'
    ELSE CASE "type"::text
      WHEN 'INDUSTRY' THEN 'COMPANY'
      WHEN 'ACADEMIA' THEN 'UNKNOWN'
      WHEN 'PRIVACY_ADVOCATE' THEN 'UNKNOWN'
      ELSE "type"::text
    END
  END
)::"StakeholderType_new");
ALTER TYPE "StakeholderType" RENAME TO "StakeholderType_old";
ALTER TYPE "StakeholderType_new" RENAME TO "StakeholderType";
DROP TYPE "public"."StakeholderType_old";

-- AlterTable
ALTER TABLE "Stakeholder" ADD COLUMN     "typeLabelOrigin" "StakeholderLabelOrigin";

-- Labels on rows of a record of comments were assigned by whoever collected the list (the
-- record's own field says so); the data does not say who gave the other labels.
UPDATE "Stakeholder" st SET "typeLabelOrigin" = (CASE
  WHEN EXISTS (
    SELECT 1 FROM "Submission" s WHERE s."stakeholderId" = st."id" AND s."sourceKey" LIKE '%#record-of-comments-%'
  ) THEN 'COLLECTOR'
  ELSE 'NOT_STATED'
END)::"StakeholderLabelOrigin"
WHERE st."typeLabel" IS NOT NULL;
