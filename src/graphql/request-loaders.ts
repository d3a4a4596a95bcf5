// Loaders that live for one request: they batch the lookups many parent objects of a response
// make into one statement (every version of every provision on a page), and remember answers
// for the rest of the request only.
import DataLoader from 'dataloader';
import type { ControlProvision } from '../generated/prisma/client.js';
import type { AppServices } from '../services/app-services.js';
import { versionKeyText, type VersionKey } from '../services/provision-history.js';

export interface RequestLoaders {
  provisionVersions: DataLoader<VersionKey, ControlProvision[], string>;
  /** Every paragraph under each provision (by id), in the order of the text. */
  provisionParagraphs: DataLoader<string, ControlProvision[]>;
}

export function createRequestLoaders(services: AppServices): RequestLoaders {
  return {
    provisionVersions: new DataLoader<VersionKey, ControlProvision[], string>(
      async (keys) => {
        const versions = await services.provisionVersions(keys);
        return keys.map((key) => versions.get(versionKeyText(key)) ?? []);
      },
      { cacheKeyFn: versionKeyText },
    ),
    provisionParagraphs: new DataLoader<string, ControlProvision[]>(async (ids) => {
      const paragraphs = await services.provisionParagraphs(ids);
      return ids.map((id) => paragraphs.get(id) ?? []);
    }),
  };
}
