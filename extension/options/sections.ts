/**
 * The options page's sections, in the order the navigation lists them. To add a section, write a
 * component taking `SectionProps` (./section-props.ts) in its own file under `extension/options/`
 * (e.g. `templates-section.tsx`) and add ONE entry here:
 *
 *   { id: 'templates', title: 'Templates', component: TemplatesSection, adminOnly: true },
 *
 * `id` becomes the URL hash (`options.html#templates`) and the nav link's `data-testid`
 * (`nav-templates`). `adminOnly` sections are hidden from recruiters — the worker still refuses
 * their calls (403), this only keeps the page honest about what a recruiter can do.
 *
 * A section loads what it shows with `useLoaded` (./use-loaded.ts) and reloads it after a change.
 * @module
 */
import type { ComponentType } from 'react';
import type { User } from '@shared/api/auth.ts';
import { AccountSection } from './account-section.tsx';
import { NotificationsSection } from './notifications-section.tsx';
import { AuditSection } from './audit-section.tsx';
import { UsersSection } from './users-section.tsx';
import { AtsSitesSection } from './ats-sites-section.tsx';
import { TemplatesSection } from './templates-section.tsx';
import { IntegrationsSection } from './integrations-section.tsx';
import { ComplianceSection } from './compliance-section.tsx';
import { AtsWebhooksSection } from './ats-webhooks-section.tsx';
import { UsageSection } from './usage-section.tsx';
import { InterviewsSection } from './interviews-section.tsx';
import type { SectionProps } from './section-props.ts';

export type OptionsSection = {
  id: string;
  title: string;
  component: ComponentType<SectionProps>;
  adminOnly: boolean;
};

export const sections: readonly OptionsSection[] = [
  { id: 'users', title: 'Users & seats', component: UsersSection, adminOnly: true },
  { id: 'audit', title: 'Audit log', component: AuditSection, adminOnly: true },
  { id: 'account', title: 'Your account', component: AccountSection, adminOnly: false },
  { id: 'notifications', title: 'Notifications', component: NotificationsSection, adminOnly: false },
  { id: 'ats-sites', title: 'ATS sites', component: AtsSitesSection, adminOnly: false },
  { id: 'templates', title: 'Templates', component: TemplatesSection, adminOnly: true },
  { id: 'integrations', title: 'Providers & numbers', component: IntegrationsSection, adminOnly: true },
  { id: 'compliance', title: 'Global compliance settings', component: ComplianceSection, adminOnly: true },
  { id: 'ats-webhooks', title: 'ATS webhooks', component: AtsWebhooksSection, adminOnly: true },
  { id: 'interviews', title: 'Interview reminders', component: InterviewsSection, adminOnly: false },
  { id: 'usage', title: 'Usage', component: UsageSection, adminOnly: false },
];

export const sectionsFor = (user: User): OptionsSection[] => sections.filter((section) => !section.adminOnly || user.role === 'admin');
