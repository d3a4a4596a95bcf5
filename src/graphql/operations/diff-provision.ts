// `provisionDiff`: two ends (a date, or a version's global id) to the diff service.
import { builder } from '../builder.js';
import { databaseIdOf } from '../global-id.js';
import { RegimeEnum } from '../types/control-list.js';
import { ProvisionDiffRef } from '../types/provision-diff-result.js';

const versionIdOf = (id: string | number | null | undefined, field: string) =>
  id === null || id === undefined ? null : databaseIdOf(String(id), 'ControlProvision', field);

builder.queryField('provisionDiff', (t) =>
  t.field({
    type: ProvisionDiffRef,
    description:
      'What changed in a provision between two dates (or two versions, by id): a word-level diff of its text and of each of its notes. Give each end as a date (`from` / `to`: the version in force then) or as a version (`fromVersion` / `toVersion`: an id from `history`).',
    args: {
      code: t.arg.string({ required: true, description: 'The exact code, e.g. "6A003.b.4.c".' }),
      regime: t.arg({ type: RegimeEnum, required: true, description: 'The list family.' }),
      from: t.arg({ type: 'Date', description: 'The earlier date.' }),
      to: t.arg({ type: 'Date', description: 'The later date.' }),
      fromVersion: t.arg.id({ description: 'The earlier version (a ControlProvision id), instead of `from`.' }),
      toVersion: t.arg.id({ description: 'The later version (a ControlProvision id), instead of `to`.' }),
    },
    resolve: (_root, args, { services }) =>
      services.provisionDiff({
        code: args.code,
        regime: args.regime,
        from: { asOf: args.from ?? null, versionId: versionIdOf(args.fromVersion, 'fromVersion') },
        to: { asOf: args.to ?? null, versionId: versionIdOf(args.toVersion, 'toVersion') },
      }),
  }),
);
