import { formatUtc } from '../../shared/metrics-types';
import {
  actionsSection,
  notificationsSection,
  timelineSection,
} from './report-activity';
import type { ReportDocument } from './report-blocks';
import type { ReportData } from './report-data';
import { checklistSection, evidenceSection } from './report-records';
import { integritySection, reviewSection } from './report-review';
import { milestonesSection, summarySection } from './report-summary';

/** The report's sections in the order the plan's documentation lists. */
export function buildReport(data: ReportData): ReportDocument {
  return {
    title: `Incident report: ${data.incident.title}`,
    subtitle:
      `Incident ${data.incident.id}, generated ${formatUtc(data.generatedAt)} ` +
      'by War Room from the incident journal',
    sections: [
      summarySection(data),
      milestonesSection(data),
      timelineSection(data),
      actionsSection(data),
      evidenceSection(data),
      checklistSection(data),
      notificationsSection(data),
      reviewSection(data),
      integritySection(data),
    ],
  };
}
