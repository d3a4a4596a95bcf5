// Table specs the list importers share: a list's note rows, inserted as one JSON parameter per
// batch (wide rows by the hundred or thousand, so one parameter instead of one bind parameter
// per field), and the row of a list an importer owns outright (not the reference dataset's).
import type { SeedRow } from './model-rows.js';
import type { TableSpec } from './sync.js';

export type ProvisionNoteRow = SeedRow<'ProvisionNote'>;
export type OwnedControlListRow = SeedRow<'ControlList'>;

export const PROVISION_NOTE_TABLE: TableSpec<'ProvisionNote', ProvisionNoteRow> = {
  model: 'ProvisionNote',
  key: ['sourceKey'],
  references: ['provisionId', 'citationId'],
  insertAsJson: true,
};

export const OWNED_CONTROL_LIST_TABLE: TableSpec<'ControlList', OwnedControlListRow> = {
  model: 'ControlList',
  key: ['sourceKey'],
  references: ['jurisdictionId', 'citationId'],
};
