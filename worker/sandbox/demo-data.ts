/**
 * The demo ATS's data: the single source for the demo ATS pages and the worker's seed script,
 * so the candidates a recruiter sees in the demo are the ones Parley has records for.
 *
 * Phones are written the way candidates type them into application forms (spaces, dots,
 * brackets, a "(0)" trunk prefix), because an ATS shows them unnormalised and the extension
 * must cope. Every one is valid per libphonenumber-js/max and resolves to the country noted.
 * @module
 */

/** The ATS id Parley stores with each candidate (`CandidateContext.ats`). */
export const DEMO_ATS_ID = 'demo';

/** Languages the demo's job ads are written in (the consent and opt-in message language). */
export type DemoLanguage = 'en' | 'de' | 'fr' | 'es' | 'nl';

export type DemoJob = {
  id: string;
  title: string;
  language: DemoLanguage;
  /** Shown on the ATS pages only. */
  location: string;
  department: string;
};

export type DemoNote = { author: string; on: string; text: string };

/** What only the ATS pages show; the seed script has no use for it. */
export type DemoProfile = {
  location: string;
  headline: string;
  stage: DemoStage;
  /** ISO date (YYYY-MM-DD); fixed so saved fixtures stay byte-identical. */
  appliedOn: string;
  source: string;
  summary: string;
  skills: readonly string[];
  notes: readonly DemoNote[];
};

export type DemoStage = 'Applied' | 'Screening' | 'Phone screen' | 'Interview' | 'Offer';

export type DemoCandidate = {
  id: string;
  name: string;
  /** As the ATS displays it; null when the candidate gave no number. */
  phone: string | null;
  email: string;
  jobId: string;
  profile: DemoProfile;
};

export const demoJobs: readonly DemoJob[] = [
  { id: 'j-101', title: 'Senior Backend Engineer', language: 'en', location: 'San Francisco, CA', department: 'Engineering' },
  { id: 'j-102', title: 'Vertriebsmitarbeiter im Außendienst (m/w/d)', language: 'de', location: 'München', department: 'Sales' },
  { id: 'j-103', title: 'Customer Success Manager', language: 'en', location: 'London', department: 'Customer Success' },
  { id: 'j-104', title: 'Chargé·e de recrutement', language: 'fr', location: 'Lyon', department: 'People' },
  { id: 'j-105', title: 'Ingeniero/a de datos', language: 'es', location: 'Madrid', department: 'Data' },
  { id: 'j-106', title: 'Magazijnmedewerker', language: 'nl', location: 'Rotterdam', department: 'Operations' },
];

export const demoCandidates: readonly DemoCandidate[] = [
  {
    // Seeded WITH SMS consent: the happy path of the demo and the e2e tests.
    id: 'c-1001',
    name: 'Ada Lovelace',
    phone: '+1 (415) 555-0101',
    email: 'ada.lovelace@example.com',
    jobId: 'j-101',
    profile: {
      location: 'San Francisco, CA, United States',
      headline: 'Backend engineer · 9 years · distributed systems',
      stage: 'Interview',
      appliedOn: '2026-11-09',
      source: 'Referral',
      summary:
        'Backend engineer who has spent the last five years on payment infrastructure. Led the move of a ledger service to an event-sourced design that cut reconciliation time from hours to minutes. Mentors two junior engineers and writes most of the team’s design docs.',
      skills: ['TypeScript', 'Go', 'PostgreSQL', 'Kafka', 'System design'],
      notes: [
        { author: 'Rita Ortiz', on: '2026-11-18', text: 'Strong system design round. Asked sharp questions about our queueing. Move to onsite.' },
        { author: 'Sam Patel', on: '2026-11-12', text: 'Phone screen: clear communicator, salary expectations within band.' },
      ],
    },
  },
  {
    // Seeded WITHOUT consent: the locked-conversation path.
    id: 'c-1002',
    name: 'Bruno Schmidt',
    phone: '+49 151 23456789',
    email: 'bruno.schmidt@example.net',
    jobId: 'j-102',
    profile: {
      location: 'Augsburg, Germany',
      headline: 'Außendienst · 6 Jahre · Industriebedarf',
      stage: 'Screening',
      appliedOn: '2026-11-20',
      source: 'StepStone',
      summary:
        'Sales representative for industrial supplies across Bavaria, with a territory of about 140 accounts. Consistently above target for the last three years; holds a class B driving licence and is open to travel four days a week.',
      skills: ['Field sales', 'CRM (Salesforce)', 'Negotiation', 'German (native)', 'English (B2)'],
      notes: [{ author: 'Jana Köhler', on: '2026-11-21', text: 'CV looks good. Needs a call about notice period (3 months?).' }],
    },
  },
  {
    id: 'c-1003',
    name: 'Charlotte Davies',
    phone: '+44 7912 345678',
    email: 'charlotte.davies@example.org',
    jobId: 'j-103',
    profile: {
      location: 'London, United Kingdom',
      headline: 'Customer success · 5 years · B2B SaaS',
      stage: 'Phone screen',
      appliedOn: '2026-11-14',
      source: 'LinkedIn',
      summary:
        'Customer success manager for a portfolio of 40 mid-market accounts. Built the onboarding playbook her team still uses and brought gross retention from 88% to 94% in two years.',
      skills: ['Onboarding', 'Renewals', 'Gainsight', 'Stakeholder management'],
      notes: [{ author: 'Rita Ortiz', on: '2026-11-17', text: 'Good fit for the enterprise pod. Schedule a phone screen this week.' }],
    },
  },
  {
    id: 'c-1004',
    name: 'Camille Dubois',
    phone: '+33 6 12 34 56 78',
    email: 'camille.dubois@example.com',
    jobId: 'j-104',
    profile: {
      location: 'Villeurbanne, France',
      headline: 'Recrutement · 4 ans · profils tech',
      stage: 'Applied',
      appliedOn: '2026-11-25',
      source: 'Welcome to the Jungle',
      summary:
        'Recruiter in an agency specialised in technical profiles, handling around 25 open roles at a time from sourcing to offer. Set up the agency’s structured interview grids.',
      skills: ['Sourcing', 'Entretiens structurés', 'Greenhouse', 'Anglais courant'],
      notes: [],
    },
  },
  {
    id: 'c-1005',
    name: 'Lucía Fernández',
    phone: '+34 612-345-678',
    email: 'lucia.fernandez@example.net',
    jobId: 'j-105',
    profile: {
      location: 'Madrid, Spain',
      headline: 'Ingeniera de datos · 3 años · pipelines en la nube',
      stage: 'Screening',
      appliedOn: '2026-11-19',
      source: 'Company website',
      summary:
        'Data engineer maintaining batch and streaming pipelines for a retail group’s analytics platform. Migrated nightly jobs from cron scripts to Airflow with data-quality checks on every load.',
      skills: ['Python', 'SQL', 'Airflow', 'dbt', 'BigQuery'],
      notes: [{ author: 'Sam Patel', on: '2026-11-22', text: 'Take-home sent. Due Friday.' }],
    },
  },
  {
    id: 'c-1006',
    name: 'Daan de Vries',
    phone: '+31 (0)6 1234 5678',
    email: 'daan.devries@example.org',
    jobId: 'j-106',
    profile: {
      location: 'Schiedam, Netherlands',
      headline: 'Logistiek · 7 jaar · reachtruck en orderpicking',
      stage: 'Offer',
      appliedOn: '2026-11-03',
      source: 'Indeed',
      summary:
        'Warehouse operative with seven years in a distribution centre, certified for reach truck and forklift. Available for early and late shifts; lives a 15-minute bike ride from the site.',
      skills: ['Reachtruck', 'Heftruck', 'Orderpicking', 'WMS scanners'],
      notes: [
        { author: 'Jana Köhler', on: '2026-11-24', text: 'Offer sent, start date 1 December. Awaiting signature.' },
        { author: 'Rita Ortiz', on: '2026-11-10', text: 'Site visit went well; team lead wants him on the early shift.' },
      ],
    },
  },
  {
    // No phone: the panel must say it cannot text this candidate.
    id: 'c-1007',
    name: "Liam O'Connor",
    phone: null,
    email: 'liam.oconnor@example.com',
    jobId: 'j-103',
    profile: {
      location: 'Manchester, United Kingdom',
      headline: 'Account management · 2 years',
      stage: 'Applied',
      appliedOn: '2026-11-26',
      source: 'Company website',
      summary:
        'Account manager at a logistics software firm looking to move into customer success. Left the phone field of the application blank and asked to be contacted by email.',
      skills: ['Account management', 'HubSpot', 'Customer training'],
      notes: [],
    },
  },
  {
    id: 'c-1008',
    name: 'Marcus Chen',
    phone: '+1 646.555.0142',
    email: 'marcus.chen@example.org',
    jobId: 'j-101',
    profile: {
      location: 'Brooklyn, NY, United States',
      headline: 'Platform engineer · 6 years · Kubernetes',
      stage: 'Phone screen',
      appliedOn: '2026-11-16',
      source: 'Hired',
      summary:
        'Platform engineer running a multi-region Kubernetes estate. Wrote the internal deployment tool used by 30 service teams and cut median deploy time to under five minutes.',
      skills: ['Kubernetes', 'Terraform', 'Go', 'Observability'],
      notes: [{ author: 'Sam Patel', on: '2026-11-20', text: 'Recruiter call booked for Monday 10:00 ET.' }],
    },
  },
];

/** @throws when the id is unknown, so a typo in a test or seed fails loudly. */
export function demoCandidate(id: string): DemoCandidate {
  const candidate = findDemoCandidate(id);
  if (!candidate) throw new Error(`No demo candidate with id ${id}`);
  return candidate;
}

export function findDemoCandidate(id: string): DemoCandidate | undefined {
  return demoCandidates.find((candidate) => candidate.id === id);
}

/** @throws when the id is unknown: every candidate's jobId must name a demo job. */
export function demoJob(id: string): DemoJob {
  const job = demoJobs.find((entry) => entry.id === id);
  if (!job) throw new Error(`No demo job with id ${id}`);
  return job;
}
