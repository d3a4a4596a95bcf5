// Citation: where a record's text or figure comes from (source, URL, section, retrieval date).
import { SourceType } from '../../generated/prisma/client.js';
import { builder } from '../builder.js';
import { nodeIdOf } from '../node-projection.js';

export const SourceTypeEnum = builder.enumType(SourceType, {
  name: 'SourceType',
  description: 'How a source is identified.',
  values: {
    URL: { description: 'A document at a web address (`url`).' },
    GITHUB_FILE: {
      description: 'A file in a public Git repository, pinned to a commit (`repository`, `path`, `commit`).',
    },
    WEB_PAGE: { description: 'A web page (`url`) whose text may change; `retrievedOn` says when it was read.' },
  },
});

export const CitationRef = builder.prismaNode('Citation', {
  id: nodeIdOf('Citation'),
  select: { id: true },
  nullable: true,
  description:
    'Where a fact comes from: a document or repository file, and the section of it. Every provision, threshold, exemption, consultation, assessment, metric and guidance document cites one.',
  fields: (t) => ({
    sourceType: t.expose('sourceType', {
      type: SourceTypeEnum,
      description: 'How the source is identified: by URL or by repository file.',
    }),
    url: t.exposeString('url', {
      nullable: true,
      description:
        'Web address of the source: the page, or for a repository file its permalink at the cited commit; null when the source record names no address.',
    }),
    repository: t.exposeString('repository', {
      nullable: true,
      description: 'Repository (owner/name) holding the source file; null for web sources.',
    }),
    path: t.exposeString('path', {
      nullable: true,
      description: 'Path of the source file in the repository; null for web sources.',
    }),
    commit: t.exposeString('commit', {
      nullable: true,
      description: 'Commit the file was read at, so the exact text can be retrieved; null for web sources.',
    }),
    section: t.exposeString('section', {
      nullable: true,
      description:
        'Section, paragraph or page of the source the fact comes from; null when the whole source is meant or the source does not number its parts.',
    }),
    title: t.exposeString('title', {
      nullable: true,
      description: 'Title of the source document; null when not recorded.',
    }),
    publisher: t.exposeString('publisher', {
      nullable: true,
      description: 'Who published the source (agency, institution, author); null when not recorded.',
    }),
    upstream: t.exposeString('upstream', {
      nullable: true,
      description:
        'The original publication a copy was taken from (e.g. the eCFR page behind a repository file); null when the source is itself the original or the origin is not recorded.',
    }),
    licence: t.exposeString('licence', {
      nullable: true,
      description:
        'Terms under which the source text may be reused (e.g. "public domain", "OGL v3.0"); null when the source states none.',
    }),
    note: t.exposeString('note', {
      nullable: true,
      description:
        'Caveats about the source (e.g. "paraphrase; the current wording was not found"); null when there are none.',
    }),
    retrievedOn: t.expose('retrievedOn', {
      type: 'Date',
      nullable: true,
      description: 'Date the source was read; null when not recorded.',
    }),
  }),
});
