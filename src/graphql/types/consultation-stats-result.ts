// consultationStats: recorded submissions counted by stakeholder type, position, theme and
// date, per consultation and across them, computed in the database (src/analytics).
import type {
  ConsultationEntry,
  ConsultationStatsResult,
  KeyCount,
  StakeholderTypeCount,
  TimelinePoint,
} from '../../analytics/consultation-stats.js';
import type { StakeholderType, SubmissionPosition } from '../../generated/prisma/client.js';
import { builder } from '../builder.js';
import { databaseIdOf, globalIdOf } from '../global-id.js';
import { StakeholderTypeEnum } from './stakeholder.js';
import { SubmissionPositionEnum } from './submission.js';

export const TimelineIntervalEnum = builder.enumType('TimelineInterval', {
  description: 'Length of the periods of a response timeline.',
  values: {
    DAY: { description: 'Calendar days.' },
    MONTH: { description: 'Calendar months.' },
  },
});

const StakeholderTypeCountRef = builder.objectRef<StakeholderTypeCount>('StakeholderTypeCount').implement({
  description: 'Recorded submissions from one type of stakeholder.',
  fields: (t) => ({
    type: t.field({
      type: StakeholderTypeEnum,
      description: 'The stakeholder type (UNKNOWN when the source does not classify the stakeholder).',
      resolve: (row) => row.key as StakeholderType,
    }),
    count: t.exposeInt('count', { description: 'Recorded submissions.' }),
    labelledByCollector: t.exposeInt('labelledByCollector', {
      description:
        "Of these submissions, those whose stakeholder's type comes from a label added by whoever collected the list, not by the agency (Stakeholder.typeLabelOrigin COLLECTOR).",
    }),
  }),
});

const PositionCountRef = builder.objectRef<KeyCount>('SubmissionPositionCount').implement({
  description: 'Recorded submissions taking one position.',
  fields: (t) => ({
    position: t.field({
      type: SubmissionPositionEnum,
      description: 'The position (UNKNOWN when the source does not state it).',
      resolve: (row) => row.key as SubmissionPosition,
    }),
    count: t.exposeInt('count', { description: 'Recorded submissions.' }),
  }),
});

const ThemeCountRef = builder.objectRef<KeyCount>('SubmissionThemeCount').implement({
  description: 'Recorded submissions raising one theme (a submission with several themes counts under each).',
  fields: (t) => ({
    theme: t.exposeString('key', { description: 'The theme.' }),
    count: t.exposeInt('count', { description: 'Recorded submissions.' }),
  }),
});

const TimelinePointRef = builder.objectRef<TimelinePoint>('SubmissionTimelinePoint').implement({
  description:
    'Recorded submissions received in one day or month. Periods without a recorded submission are left out: the record may be partial, so they are not known to be zero.',
  fields: (t) => ({
    periodStart: t.field({
      type: 'Date',
      description: 'First day of the period.',
      resolve: (point) => point.periodStart,
    }),
    periodEnd: t.field({
      type: 'Date',
      description: 'Last day of the period (inclusive).',
      resolve: (point) => point.periodEnd,
    }),
    count: t.exposeInt('count', { description: 'Recorded submissions received in the period.' }),
  }),
});

const ConsultationSubmissionStatsRef = builder.objectRef<ConsultationEntry>('ConsultationSubmissionStats').implement({
  description:
    'The recorded submissions of one consultation, counted, with its dates and the response count its sources report.',
  fields: (t) => ({
    consultationId: t.id({
      description: 'Id of the consultation (fetch it with `node`).',
      resolve: (entry) => globalIdOf('StakeholderConsultation', entry.consultationId),
    }),
    title: t.exposeString('title', { description: 'Title of the consultation.' }),
    reference: t.exposeString('reference', {
      nullable: true,
      description: 'Docket or official reference; null when there is none.',
    }),
    publishedOn: t.field({
      type: 'Date',
      nullable: true,
      description: 'Publication date; null when unknown.',
      resolve: (entry) => entry.publishedOn,
    }),
    openedOn: t.field({
      type: 'Date',
      nullable: true,
      description: 'Date comments opened; null when unknown.',
      resolve: (entry) => entry.openedOn,
    }),
    deadline: t.field({
      type: 'Date',
      nullable: true,
      description: 'Original comment deadline; null when unknown.',
      resolve: (entry) => entry.deadline,
    }),
    extendedDeadline: t.field({
      type: 'Date',
      nullable: true,
      description: 'Extended (or reopened) deadline; null when none is recorded.',
      resolve: (entry) => entry.extendedDeadline,
    }),
    closedOn: t.field({
      type: 'Date',
      nullable: true,
      description: 'Date comments closed; null when unknown.',
      resolve: (entry) => entry.closedOn,
    }),
    reportedResponseCount: t.exposeInt('reportedResponseCount', {
      nullable: true,
      description: 'Number of responses a source states exactly; null means unknown.',
    }),
    reportedResponseCountQuote: t.exposeString('reportedResponseCountQuote', {
      nullable: true,
      description:
        'The source passage about the number of responses (e.g. "several hundred"); null when there is none.',
    }),
    recordComplete: t.exposeBoolean('recordComplete', {
      nullable: true,
      description:
        'True when the recorded submissions are all the responses the source counts, false when fewer are recorded; null when the number of responses is unknown.',
    }),
    recordedSubmissionCount: t.exposeInt('recordedSubmissionCount', {
      description: 'Submissions recorded in the knowledge base (possibly only some of those received).',
    }),
    byStakeholderType: t.field({
      type: [StakeholderTypeCountRef],
      description: 'Recorded submissions by stakeholder type, most first.',
      resolve: (entry) => entry.byStakeholderType,
    }),
    byPosition: t.field({
      type: [PositionCountRef],
      description: 'Recorded submissions by position, most first.',
      resolve: (entry) => entry.byPosition,
    }),
    byTheme: t.field({
      type: [ThemeCountRef],
      description: 'Recorded submissions by theme, most first; empty when no theme is recorded.',
      resolve: (entry) => entry.byTheme,
    }),
    submissionsWithoutTheme: t.exposeInt('submissionsWithoutTheme', {
      description: 'Recorded submissions with no theme recorded (themes unknown).',
    }),
    timeline: t.field({
      type: [TimelinePointRef],
      description: 'Recorded submissions by date received, in time order.',
      resolve: (entry) => entry.timeline,
    }),
    undatedSubmissionCount: t.exposeInt('undatedSubmissionCount', {
      description: 'Recorded submissions whose date of receipt is unknown.',
    }),
  }),
});

const ConsultationStatsRef = builder.objectRef<ConsultationStatsResult>('ConsultationStats').implement({
  description: 'Submission counts across the selected consultations, and for each of them.',
  fields: (t) => ({
    interval: t.field({
      type: TimelineIntervalEnum,
      description: 'Length of the timeline periods.',
      resolve: (stats) => stats.interval,
    }),
    consultationCount: t.exposeInt('consultationCount', { description: 'Consultations selected.' }),
    reportedResponseCount: t.exposeInt('reportedResponseCount', {
      nullable: true,
      description:
        'Sum of the response counts the sources state, when every selected consultation has one; null (unknown) otherwise.',
    }),
    dataVersion: t.exposeString('dataVersion', { description: 'Version of the data the answer was computed from.' }),
    recordedSubmissionCount: t.exposeInt('recordedSubmissionCount', {
      description: 'Submissions recorded across the selected consultations.',
    }),
    byStakeholderType: t.field({
      type: [StakeholderTypeCountRef],
      description: 'Recorded submissions by stakeholder type across the selected consultations, most first.',
      resolve: (stats) => stats.byStakeholderType,
    }),
    byPosition: t.field({
      type: [PositionCountRef],
      description: 'Recorded submissions by position across the selected consultations, most first.',
      resolve: (stats) => stats.byPosition,
    }),
    byTheme: t.field({
      type: [ThemeCountRef],
      description: 'Recorded submissions by theme across the selected consultations, most first.',
      resolve: (stats) => stats.byTheme,
    }),
    submissionsWithoutTheme: t.exposeInt('submissionsWithoutTheme', {
      description: 'Recorded submissions with no theme recorded.',
    }),
    timeline: t.field({
      type: [TimelinePointRef],
      description: 'Recorded submissions by date received across the selected consultations.',
      resolve: (stats) => stats.timeline,
    }),
    undatedSubmissionCount: t.exposeInt('undatedSubmissionCount', {
      description: 'Recorded submissions whose date of receipt is unknown.',
    }),
    consultations: t.field({
      type: [ConsultationSubmissionStatsRef],
      description: 'Each selected consultation, by publication date (undated last).',
      resolve: (stats) => stats.consultations,
    }),
  }),
});

builder.queryField('consultationStats', (t) =>
  t.field({
    type: ConsultationStatsRef,
    nullable: true,
    description:
      'Counts of the recorded submissions to one consultation or to all, by stakeholder type, position, theme and date received, computed in the database. Where the sources record only some submissions, or no positions or themes, the answer says so (UNKNOWN, recordComplete, submissionsWithoutTheme). Null when `consultationId` names no consultation.',
    args: {
      consultationId: t.arg.id({ description: 'Id of one consultation; all consultations when omitted.' }),
      timelineInterval: t.arg({
        type: TimelineIntervalEnum,
        defaultValue: 'MONTH',
        description: 'Length of the timeline periods.',
      }),
    },
    resolve: (_root, args, { services }) =>
      services.analytics.consultationStats(
        args.consultationId === null || args.consultationId === undefined
          ? null
          : databaseIdOf(String(args.consultationId), 'StakeholderConsultation', 'consultationId'),
        args.timelineInterval ?? 'MONTH',
      ),
  }),
);
