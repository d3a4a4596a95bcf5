-- CreateEnum
CREATE TYPE "OutboxOperation" AS ENUM ('UPSERT', 'DELETE');

-- CreateTable
CREATE TABLE "SearchOutbox" (
    "id" BIGSERIAL NOT NULL,
    "entityType" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "operation" "OutboxOperation" NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "availableAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SearchOutbox_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SearchOutbox_availableAt_id_idx" ON "SearchOutbox"("availableAt", "id");

-- CreateIndex
CREATE INDEX "SearchOutbox_entityType_entityId_idx" ON "SearchOutbox"("entityType", "entityId");
