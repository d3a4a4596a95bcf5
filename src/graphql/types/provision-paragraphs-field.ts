// ControlProvision.paragraphs: the whole paragraph tree under a provision as one flat list in
// the order of the text, batched for all provisions of a response.
import { builder } from '../builder.js';
import { ControlProvisionRef } from './control-provision.js';

builder.prismaObjectFields('ControlProvision', (t) => ({
  paragraphs: t.field({
    type: [ControlProvisionRef],
    description:
      "Every paragraph under this provision at any depth, in the order of the text (each paragraph followed by its own paragraphs). Rebuild the tree from each paragraph's `parent { id }`; `children` gives one level at a time.",
    select: { id: true },
    resolve: (provision, _args, { loaders }) => loaders.provisionParagraphs.load(provision.id),
  }),
}));
