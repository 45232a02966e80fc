import { checksSection } from "./checks-section";
import { examsSection } from "./exams-section";
import { notificationsSection } from "./notifications-section";
import { recentVerificationsSection } from "./recent-verifications-section";
import { rosterSection } from "./roster-section";
import type { StatusSection } from "./section";
import { sittingsSection } from "./sittings-section";
import { verificationChartSection } from "./verification-chart-section";
import { verificationStatsSection } from "./verification-stats-section";

/** The status page's sections in page order; a capability adds its own with one import and one line. */
export const STATUS_SECTIONS: StatusSection<any>[] = [
  checksSection,
  rosterSection,
  verificationStatsSection,
  verificationChartSection,
  recentVerificationsSection,
  examsSection,
  notificationsSection,
  sittingsSection,
];
