// ControlProvision.history: every version of the provision's code in its list, oldest first,
// batched for all provisions of a response.
import { builder } from '../builder.js';
import { ControlProvisionRef } from './control-provision.js';

builder.prismaObjectFields('ControlProvision', (t) => ({
  history: t.field({
    type: [ControlProvisionRef],
    description:
      'Every version of this code in its list, oldest first: versions with known dates by `validFrom`, then texts whose dates the sources do not state. Includes this version. Read `validFrom`, `validTo` and `amendingActs` on each; use `provisionDiff` to see what changed.',
    select: { regime: true, code: true, inMainList: true },
    resolve: (provision, _args, { loaders }) =>
      loaders.provisionVersions.load({
        regime: provision.regime,
        code: provision.code,
        inMainList: provision.inMainList,
      }),
  }),
}));
