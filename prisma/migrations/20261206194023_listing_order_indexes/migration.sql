-- Indexes that match each listing order after its usual equality filters, so PostgreSQL reads a
-- page in order and stops at its size instead of sorting every matching row. The NULLS LAST
-- of the date orders is written here by hand: Prisma's schema cannot say it, and its diff
-- ignores the nulls order of an index.

-- CreateIndex
CREATE INDEX "ControlProvision_kind_status_regime_code_id_idx" ON "ControlProvision"("kind", "status", "regime", "code", "id");

-- CreateIndex
CREATE INDEX "ControlProvision_category_kind_status_regime_code_id_idx" ON "ControlProvision"("category", "kind", "status", "regime", "code", "id");

-- CreateIndex
CREATE INDEX "ControlProvision_kind_regime_code_id_idx" ON "ControlProvision"("kind", "regime", "code", "id");

-- CreateIndex
CREATE INDEX "ControlProvision_regime_code_id_idx" ON "ControlProvision"("regime", "code", "id");

-- CreateIndex
CREATE INDEX "Exemption_name_id_idx" ON "Exemption"("name", "id");

-- CreateIndex
CREATE INDEX "ListText_controlListId_kind_ordinal_id_idx" ON "ListText"("controlListId", "kind", "ordinal", "id");

-- CreateIndex
CREATE INDEX "ListText_kind_controlListId_ordinal_id_idx" ON "ListText"("kind", "controlListId", "ordinal", "id");

-- CreateIndex
CREATE INDEX "StakeholderConsultation_publishedOn_id_idx" ON "StakeholderConsultation"("publishedOn" DESC NULLS LAST, "id");

-- CreateIndex
CREATE INDEX "ImpactAssessment_publishedOn_id_idx" ON "ImpactAssessment"("publishedOn" DESC NULLS LAST, "id");

-- CreateIndex
CREATE INDEX "GuidanceDocument_publishedOn_id_idx" ON "GuidanceDocument"("publishedOn" DESC NULLS LAST, "id");

-- CreateIndex
CREATE INDEX "AmendingAct_effectiveOn_id_idx" ON "AmendingAct"("effectiveOn" DESC NULLS LAST, "id");

-- CreateIndex
CREATE INDEX "AmendingAct_regime_effectiveOn_id_idx" ON "AmendingAct"("regime", "effectiveOn" DESC NULLS LAST, "id");
