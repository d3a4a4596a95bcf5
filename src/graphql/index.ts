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
import './types/guidance-document.js';
import './types/search.js';

export const schema = builder.toSchema();
