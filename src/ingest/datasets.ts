// The source datasets, in load order: a dataset comes after those it depends on (its checksum
// includes theirs, so it is re-compared after any of them changes).
import type { Importer } from './importer.js';
import { consultationsImporter } from './importers/consultations.js';
import { controlEntriesImporter } from './importers/control-entries.js';
import { euAnnexIImporter } from './importers/eu-annex-i.js';
import { euAnnexIiImporter } from './importers/eu-annex-ii.js';
import { exemptionsImporter } from './importers/exemptions.js';
import { guidanceImporter } from './importers/guidance.js';
import { impactImporter } from './importers/impact.js';
import { linksImporter } from './importers/links.js';
import { referenceImporter } from './importers/reference.js';
import { thresholdEncodingsImporter } from './importers/threshold-encodings.js';
import { ukLicencesImporter } from './importers/uk-licences.js';
import { ukStrategicListImporter } from './importers/uk-strategic-list.js';
import { usCclHistoryImporter } from './importers/us-ccl-history.js';
import { usCclImporter } from './importers/us-ccl.js';
import { usFrRulesImporter } from './importers/us-fr-rules.js';
import { wassenaarListImporter } from './importers/wassenaar-list.js';

export const SEED_DATASETS: readonly Importer[] = [
  referenceImporter,
  usCclImporter,
  usFrRulesImporter,
  usCclHistoryImporter,
  euAnnexIImporter,
  controlEntriesImporter,
  thresholdEncodingsImporter,
  exemptionsImporter,
  euAnnexIiImporter,
  consultationsImporter,
  impactImporter,
  guidanceImporter,
  linksImporter,
  wassenaarListImporter,
  ukStrategicListImporter,
  ukLicencesImporter,
];
