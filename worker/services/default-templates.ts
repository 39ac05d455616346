/**
 * The templates every tenant starts with, in each language Parley's consent flow speaks: the
 * opt-in identification message, the consent request, an interview invitation and a reminder.
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
  interview_invitation: {
    en: {
      name: 'Interview invitation',
      body: 'Hi {{candidate.first_name | "there"}}, we\'d like to invite you to an interview for {{job.title}} on {{interview.date}} at {{interview.time}}, {{interview.location}}. Please reply YES to confirm or suggest another time. {{recruiter.first_name}}, {{company.name}}',
    },
    de: {
      name: 'Einladung zum Vorstellungsgespräch',
      body: 'Hallo {{candidate.first_name}}, wir laden Sie gern zu einem Vorstellungsgespräch für {{job.title}} ein: am {{interview.date}} um {{interview.time}}, {{interview.location}}. Bitte bestätigen Sie mit JA oder schlagen Sie einen anderen Termin vor. {{recruiter.first_name}}, {{company.name}}',
    },
    fr: {
      name: 'Invitation à un entretien',
      body: 'Bonjour {{candidate.first_name}}, nous souhaitons vous inviter à un entretien pour le poste de {{job.title}} le {{interview.date}} à {{interview.time}}, {{interview.location}}. Répondez OUI pour confirmer ou proposez un autre horaire. {{recruiter.first_name}}, {{company.name}}',
    },
    es: {
      name: 'Invitación a entrevista',
      body: 'Hola {{candidate.first_name}}, queremos invitarte a una entrevista para {{job.title}} el {{interview.date}} a las {{interview.time}}, en {{interview.location}}. Responde SI para confirmar o sugiere otra hora. {{recruiter.first_name}}, {{company.name}}',
    },
    nl: {
      name: 'Uitnodiging sollicitatiegesprek',
      body: 'Hallo {{candidate.first_name}}, we nodigen je graag uit voor een sollicitatiegesprek voor {{job.title}} op {{interview.date}} om {{interview.time}}, {{interview.location}}. Antwoord JA om te bevestigen of stel een ander moment voor. {{recruiter.first_name}}, {{company.name}}',
    },
  },
  interview_reminder: {
    en: {
      name: 'Interview reminder',
      body: 'Reminder: your interview with {{company.name}} for {{job.title}} is on {{interview.date}} at {{interview.time}}, {{interview.location}}. See you then! {{recruiter.first_name}}',
    },
    de: {
      name: 'Erinnerung an das Vorstellungsgespräch',
      body: 'Erinnerung: Ihr Vorstellungsgespräch bei {{company.name}} für {{job.title}} ist am {{interview.date}} um {{interview.time}}, {{interview.location}}. Bis dann! {{recruiter.first_name}}',
    },
    fr: {
      name: "Rappel d'entretien",
      body: 'Rappel : votre entretien avec {{company.name}} pour le poste de {{job.title}} a lieu le {{interview.date}} à {{interview.time}}, {{interview.location}}. Au plaisir de vous voir ! {{recruiter.first_name}}',
    },
    es: {
      name: 'Recordatorio de entrevista',
      body: 'Recordatorio: tu entrevista con {{company.name}} para {{job.title}} es el {{interview.date}} a las {{interview.time}}, en {{interview.location}}. ¡Te esperamos! {{recruiter.first_name}}',
    },
    nl: {
      name: 'Herinnering sollicitatiegesprek',
      body: 'Herinnering: je sollicitatiegesprek bij {{company.name}} voor {{job.title}} is op {{interview.date}} om {{interview.time}}, {{interview.location}}. Tot dan! {{recruiter.first_name}}',
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
