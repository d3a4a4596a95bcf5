-- CreateIndex
CREATE INDEX "ImpactMetric_analytics_covering_idx" ON "ImpactMetric"("jurisdictionId", "dimension", "indicator", "periodStart", "periodEnd", "unit", "citationId", "synthetic", "value");
