// Only side-effect imports of the type files, then the schema (DESIGN §7).
import { builder } from './builder.js';
import './types/error.js';
import './types/node.js';
import './types/jurisdiction.js';
import './types/citation.js';
import './types/control-list.js';
import './types/control-provision.js';
import './types/threshold.js';
import './types/correlation.js';
import './types/exemption.js';
import './types/consultation.js';
import './types/submission.js';
import './types/stakeholder.js';
import './types/impact-assessment.js';
import './types/impact-metric.js';
import './types/impact-stats.js';
import './types/consultation-stats.js';
import './types/guidance-document.js';
import './types/search.js';
import './types/item-input.js';
import './types/item-facts.js';
import './types/classification.js';
import './types/check-exemptions.js';
import './types/compare-provision.js';

export const schema = builder.toSchema();
