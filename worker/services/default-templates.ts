/**
 * The templates every tenant starts with, in each language Parley's consent flow speaks: the
 * opt-in identification message, the consent request, and the interview messages (invitation,
 * slots to pick, reminder, new time, cancellation).
 * Admins edit them like any other template; provisioning again never overwrites an edit.
 *
 * The wording keeps to GSM-7 (no í, ó, ê, “ ”…), so only a candidate's own values can turn a
 * message into UCS-2, and the preview says when one does.
 * @module
 */
import type { Channel } from '../../shared/api/channels.ts';
import type { TemplatePurpose } from '../../shared/api/templates.ts';
import { prepareAll } from '../db/queries/sql.ts';
import { newId } from '../lib/ids.ts';
import { insertTemplateSql } from '../db/queries/templates.ts';

export const DEFAULT_TEMPLATE_LANGUAGES = ['en', 'de', 'fr', 'es', 'nl'] as const;
type DefaultLanguage = (typeof DEFAULT_TEMPLATE_LANGUAGES)[number];

type Wording = { name: string; body: string };

const wordings: Record<TemplatePurpose, Record<DefaultLanguage, Wording>> = {
  opt_in_identification: {
    en: {
      name: 'Opt-in: who we are',
      body: 'Hi {{candidate.first_name | "there"}}, this is {{recruiter.name}} from {{company.name}} about your job application. We will text you here about next steps. Reply STOP to opt out.',
    },
    de: {
      name: 'Opt-in: Vorstellung',
      body: 'Hallo {{candidate.first_name}}, hier ist {{recruiter.name}} von {{company.name}} zu Ihrer Bewerbung. Wir melden uns hier zu den nächsten Schritten. Antworten Sie STOP, um keine Nachrichten mehr zu erhalten.',
    },
    fr: {
      name: 'Opt-in : présentation',
      body: 'Bonjour {{candidate.first_name}}, ici {{recruiter.name}} de {{company.name}} au sujet de votre candidature. Nous vous écrirons ici pour la suite. Répondez STOP pour ne plus recevoir de messages.',
    },
    es: {
      name: 'Opt-in: presentación',
      body: 'Hola {{candidate.first_name}}, soy {{recruiter.name}} de {{company.name}} y te escribo por tu candidatura. Te escribiremos por este medio con los siguientes pasos. Responde STOP para dejar de recibir mensajes.',
    },
    nl: {
      name: 'Opt-in: kennismaking',
      body: 'Hallo {{candidate.first_name}}, met {{recruiter.name}} van {{company.name}} over je sollicitatie. We houden je hier op de hoogte van de volgende stappen. Antwoord STOP om geen berichten meer te ontvangen.',
    },
  },
  consent_request: {
    en: {
      name: 'Consent request',
      body: 'Hi {{candidate.first_name | "there"}}, {{company.name}} would like to message you here about your application for {{job.title}}. Reply START to agree, or STOP if you\'d rather we didn\'t.',
    },
    de: {
      name: 'Einwilligungsanfrage',
      body: 'Hallo {{candidate.first_name}}, {{company.name}} möchte Sie hier zu Ihrer Bewerbung als {{job.title}} kontaktieren. Antworten Sie START, wenn Sie einverstanden sind, oder STOP, wenn nicht.',
    },
    fr: {
      name: 'Demande de consentement',
      body: 'Bonjour {{candidate.first_name}}, {{company.name}} souhaite vous contacter ici au sujet de votre candidature au poste de {{job.title}}. Répondez START pour accepter ou STOP pour refuser.',
    },
    es: {
      name: 'Solicitud de consentimiento',
      body: 'Hola {{candidate.first_name}}, {{company.name}} quiere contactarte por este medio sobre tu candidatura para {{job.title}}. Responde START para aceptar o STOP para rechazar.',
    },
    nl: {
      name: 'Toestemmingsverzoek',
      body: 'Hallo {{candidate.first_name}}, {{company.name}} wil je via dit kanaal berichten sturen over je sollicitatie voor {{job.title}}. Antwoord START om akkoord te gaan of STOP om te weigeren.',
    },
  },
  // Interview messages write the reply keywords of shared/domain/interviews.ts (REPLY_KEYWORDS) and
  // never CANCEL, which is a STOP word. The link is the candidate's /i/{token} page.
  interview_invitation: {
    en: {
      name: 'Interview invitation',
      body: 'Hi {{candidate.first_name | "there"}}, {{company.name}} invites you to {{interview.title}} on {{interview.date}} at {{interview.time}}, {{interview.location | "online"}}. Reply 1 or YES to confirm, 2 or NO to decline. Details: {{interview.link}}',
    },
    de: {
      name: 'Einladung zum Vorstellungsgespräch',
      body: 'Hallo {{candidate.first_name}}, {{company.name}} lädt Sie ein: {{interview.title}} am {{interview.date}} um {{interview.time}}, {{interview.location | "online"}}. Antworten Sie 1 oder JA zum Bestätigen, 2 oder NEIN zum Absagen. Details: {{interview.link}}',
    },
    fr: {
      name: 'Invitation à un entretien',
      body: 'Bonjour {{candidate.first_name}}, {{company.name}} vous invite : {{interview.title}} le {{interview.date}} à {{interview.time}}, {{interview.location | "en ligne"}}. Répondez 1 ou OUI pour confirmer, 2 ou NON pour refuser. Détails : {{interview.link}}',
    },
    es: {
      name: 'Invitación a entrevista',
      body: 'Hola {{candidate.first_name}}, {{company.name}} te invita a {{interview.title}} el {{interview.date}} a las {{interview.time}}, {{interview.location | "en linea"}}. Responde 1 o SI para confirmar, 2 o NO para rechazar. Detalles: {{interview.link}}',
    },
    nl: {
      name: 'Uitnodiging sollicitatiegesprek',
      body: 'Hallo {{candidate.first_name}}, {{company.name}} nodigt je uit voor {{interview.title}} op {{interview.date}} om {{interview.time}}, {{interview.location | "online"}}. Antwoord 1 of JA om te bevestigen, 2 of NEE om af te zeggen. Details: {{interview.link}}',
    },
  },
  interview_slots: {
    en: {
      name: 'Interview: pick a time',
      body: 'Hi {{candidate.first_name | "there"}}, {{company.name}} invites you to {{interview.title}}. Please pick a time that suits you: {{interview.link}} Reply 2 or NO to decline. {{recruiter.first_name}}',
    },
    de: {
      name: 'Vorstellungsgespräch: Termin wählen',
      body: 'Hallo {{candidate.first_name}}, {{company.name}} lädt Sie ein: {{interview.title}}. Bitte wählen Sie einen passenden Termin: {{interview.link}} Antworten Sie 2 oder NEIN zum Absagen. {{recruiter.first_name}}',
    },
    fr: {
      name: 'Entretien : choisir un horaire',
      body: 'Bonjour {{candidate.first_name}}, {{company.name}} vous invite : {{interview.title}}. Choisissez un horaire qui vous convient : {{interview.link}} Répondez 2 ou NON pour refuser. {{recruiter.first_name}}',
    },
    es: {
      name: 'Entrevista: elegir hora',
      body: 'Hola {{candidate.first_name}}, {{company.name}} te invita a {{interview.title}}. Elige la hora que te venga mejor: {{interview.link}} Responde 2 o NO para rechazar. {{recruiter.first_name}}',
    },
    nl: {
      name: 'Sollicitatiegesprek: kies een tijd',
      body: 'Hallo {{candidate.first_name}}, {{company.name}} nodigt je uit voor {{interview.title}}. Kies een tijd die je past: {{interview.link}} Antwoord 2 of NEE om af te zeggen. {{recruiter.first_name}}',
    },
  },
  interview_reminder: {
    en: {
      name: 'Interview reminder',
      body: 'Reminder: {{interview.title}} with {{company.name}} on {{interview.date}} at {{interview.time}}, {{interview.location | "online"}}. Details: {{interview.link}}',
    },
    de: {
      name: 'Erinnerung an das Vorstellungsgespräch',
      body: 'Erinnerung: {{interview.title}} bei {{company.name}} am {{interview.date}} um {{interview.time}}, {{interview.location | "online"}}. Details: {{interview.link}}',
    },
    fr: {
      name: "Rappel d'entretien",
      body: 'Rappel : {{interview.title}} avec {{company.name}} le {{interview.date}} à {{interview.time}}, {{interview.location | "en ligne"}}. Détails : {{interview.link}}',
    },
    es: {
      name: 'Recordatorio de entrevista',
      body: 'Recordatorio: {{interview.title}} con {{company.name}} el {{interview.date}} a las {{interview.time}}, {{interview.location | "en linea"}}. Detalles: {{interview.link}}',
    },
    nl: {
      name: 'Herinnering sollicitatiegesprek',
      body: 'Herinnering: {{interview.title}} bij {{company.name}} op {{interview.date}} om {{interview.time}}, {{interview.location | "online"}}. Details: {{interview.link}}',
    },
  },
  interview_update: {
    en: {
      name: 'Interview moved',
      body: 'Hi {{candidate.first_name | "there"}}, {{interview.title}} with {{company.name}} has moved to {{interview.date}} at {{interview.time}}, {{interview.location | "online"}}. Reply 1 or YES to confirm, 2 or NO to decline. Details: {{interview.link}}',
    },
    de: {
      name: 'Vorstellungsgespräch verschoben',
      body: 'Hallo {{candidate.first_name}}, {{interview.title}} bei {{company.name}} ist verschoben auf {{interview.date}} um {{interview.time}}, {{interview.location | "online"}}. Antworten Sie 1 oder JA zum Bestätigen, 2 oder NEIN zum Absagen. Details: {{interview.link}}',
    },
    fr: {
      name: 'Entretien déplacé',
      body: 'Bonjour {{candidate.first_name}}, {{interview.title}} avec {{company.name}} est déplacé au {{interview.date}} à {{interview.time}}, {{interview.location | "en ligne"}}. Répondez 1 ou OUI pour confirmer, 2 ou NON pour refuser. Détails : {{interview.link}}',
    },
    es: {
      name: 'Entrevista cambiada',
      body: 'Hola {{candidate.first_name}}, {{interview.title}} con {{company.name}} cambia al {{interview.date}} a las {{interview.time}}, {{interview.location | "en linea"}}. Responde 1 o SI para confirmar, 2 o NO para rechazar. Detalles: {{interview.link}}',
    },
    nl: {
      name: 'Sollicitatiegesprek verplaatst',
      body: 'Hallo {{candidate.first_name}}, {{interview.title}} bij {{company.name}} is verplaatst naar {{interview.date}} om {{interview.time}}, {{interview.location | "online"}}. Antwoord 1 of JA om te bevestigen, 2 of NEE om af te zeggen. Details: {{interview.link}}',
    },
  },
  interview_cancelled: {
    en: {
      name: 'Interview cancelled',
      body: 'Hi {{candidate.first_name | "there"}}, {{interview.title}} with {{company.name}} will not take place. We will be in touch. {{recruiter.first_name}}',
    },
    de: {
      name: 'Vorstellungsgespräch abgesagt',
      body: 'Hallo {{candidate.first_name}}, {{interview.title}} bei {{company.name}} findet nicht statt. Wir melden uns bei Ihnen. {{recruiter.first_name}}',
    },
    fr: {
      name: 'Entretien annulé',
      body: "Bonjour {{candidate.first_name}}, {{interview.title}} avec {{company.name}} n'aura pas lieu. Nous reviendrons vers vous. {{recruiter.first_name}}",
    },
    es: {
      name: 'Entrevista anulada',
      body: 'Hola {{candidate.first_name}}, {{interview.title}} con {{company.name}} no se realizara. Te escribiremos pronto. {{recruiter.first_name}}',
    },
    nl: {
      name: 'Sollicitatiegesprek afgezegd',
      body: 'Hallo {{candidate.first_name}}, {{interview.title}} bij {{company.name}} gaat niet door. We nemen contact met je op. {{recruiter.first_name}}',
    },
  },
};

export type DefaultTemplate = { purpose: TemplatePurpose; language: DefaultLanguage; name: string; body: string; channels: Channel[] };

export const defaultTemplates: readonly DefaultTemplate[] = Object.entries(wordings).flatMap(([purpose, byLanguage]) =>
  DEFAULT_TEMPLATE_LANGUAGES.map((language) => ({
    purpose: purpose as TemplatePurpose,
    language,
    ...byLanguage[language],
    // No provider identity yet: an admin adds the approved WhatsApp twin once Meta approves it.
    channels: ['sms', 'whatsapp'] as Channel[],
  })),
);

/** The defaults as insert statements, for the demo seed and for provisioning a new tenant. */
export function defaultTemplateStatements(tenantId: string, now: string) {
  return defaultTemplates.map((t) => insertTemplateSql(tenantId, newId('tpl'), { ...t, whatsappApproval: null }, now));
}

/** Gives a tenant the defaults it lacks; an admin's edits to existing ones stay. */
export async function provisionDefaultTemplates(db: D1Database, tenantId: string, now: string): Promise<void> {
  await db.batch(prepareAll(db, defaultTemplateStatements(tenantId, now)));
}
