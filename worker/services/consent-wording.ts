/**
 * What candidates read about consent — the consent email, the consent page and the HELP answer —
 * in the job ad's language. The evidence stores `CONSENT_WORDING_VERSION` with each decision, so
 * change the version whenever a text a candidate agrees to changes.
 * @module
 */
import type { Channel } from '../../shared/api/channels.ts';

// v2: the page names the number messages go to (issue 20, bug 3).
export const CONSENT_WORDING_VERSION = 'consent-page-v2';

export const CONSENT_LANGUAGES = ['en', 'de', 'fr', 'es', 'nl'] as const;
export type ConsentLanguage = (typeof CONSENT_LANGUAGES)[number];

/** "de-AT" reads German; a language Parley has no wording for reads English. */
export function consentLanguageOf(tag: string): ConsentLanguage {
  const base = tag.slice(0, 2).toLowerCase();
  return (CONSENT_LANGUAGES as readonly string[]).includes(base) ? (base as ConsentLanguage) : 'en';
}

export type Purpose = { company: string; recruiter: string; jobTitle: string | null };

type Wording = {
  channel: Record<Channel, string>;
  title: string;
  /** Who asks, and why: named on the page and in the email. */
  purpose(p: Purpose): string;
  explainer: string;
  /** Which number the candidate agrees to be messaged at, as they would write it. */
  messagesTo(number: string): string;
  privacy: string;
  /** The candidate has no number on file (removed since the link was sent): nothing to agree to. */
  noNumber: string;
  allow: string;
  decline: string;
  submit: string;
  done: string;
  doneDetail: string;
  startNote: string;
  linkGoneTitle: string;
  linkGone: Record<'unknown' | 'expired' | 'used', string>;
  emailSubject(company: string): string;
  emailBody(name: string, p: Purpose, url: string, days: number): string;
  help(company: string): string;
  /** Who writes when no recruiter asked: consent given on an application form opens the channel for the whole team. */
  hiringTeam: string;
};

const wordings: Record<ConsentLanguage, Wording> = {
  en: {
    channel: { sms: 'SMS (text messages)', whatsapp: 'WhatsApp' },
    title: 'May we message you?',
    purpose: (p) => `${p.recruiter} of ${p.company} would like to message you about your application${p.jobTitle ? ` for ${p.jobTitle}` : ''}.`,
    messagesTo: (n) => `Messages go to ${n}. If this is not your number, choose “No, thank you”.`,
    privacy: 'Privacy policy',
    noNumber: 'We have no phone number for you, so there is nothing to agree to here. The recruiter will contact you by email.',
    explainer: 'Choose for each channel. You can withdraw at any time by replying STOP.',
    allow: 'Yes, you may message me',
    decline: 'No, thank you',
    submit: 'Save my choice',
    done: 'Thank you, your choice is saved.',
    doneDetail: 'You can change your mind at any time: reply STOP to any message to stop, START to allow again.',
    startNote: 'You will get one message asking you to reply START to confirm.',
    linkGoneTitle: 'This link cannot be used',
    linkGone: {
      unknown: 'This link is not valid. Please use the link from the email exactly as it was sent.',
      expired: 'This link has expired. Ask the recruiter to send you a new one.',
      used: 'This link was already used. Your choice was saved; to change it, reply STOP or START to a message, or ask for a new link.',
    },
    emailSubject: (company) => `${company}: may we message you about your application?`,
    emailBody: (name, p, url, days) =>
      `Hello ${name},\n\n${wordings.en.purpose(p)}\n\nPlease tell us whether we may, by SMS and WhatsApp:\n${url}\n\nThe link works once, for ${days} days. If you ignore this email, we will not message you.\n\n${p.recruiter}, ${p.company}\n`,
    hiringTeam: 'the hiring team',
    help: (company) => `${company} messages you about your job application. Reply STOP to stop messages, START to allow them again.`,
  },
  de: {
    channel: { sms: 'SMS', whatsapp: 'WhatsApp' },
    title: 'Dürfen wir Ihnen schreiben?',
    purpose: (p) => `${p.recruiter} von ${p.company} möchte Ihnen zu Ihrer Bewerbung${p.jobTitle ? ` als ${p.jobTitle}` : ''} schreiben.`,
    messagesTo: (n) => `Nachrichten gehen an ${n}. Ist das nicht Ihre Nummer, wählen Sie „Nein, danke“.`,
    privacy: 'Datenschutzerklärung',
    noNumber: 'Wir haben keine Telefonnummer von Ihnen, daher gibt es hier nichts zuzustimmen. Die Recruiterin oder der Recruiter meldet sich per E-Mail.',
    explainer: 'Bitte wählen Sie für jeden Kanal. Sie können jederzeit widerrufen, indem Sie STOP antworten.',
    allow: 'Ja, Sie dürfen mir schreiben',
    decline: 'Nein, danke',
    submit: 'Auswahl speichern',
    done: 'Vielen Dank, Ihre Auswahl ist gespeichert.',
    doneDetail: 'Sie können jederzeit widerrufen: Antworten Sie STOP auf eine Nachricht, START, um wieder zuzustimmen.',
    startNote: 'Sie erhalten eine Nachricht, auf die Sie zur Bestätigung mit START antworten.',
    linkGoneTitle: 'Dieser Link kann nicht verwendet werden',
    linkGone: {
      unknown: 'Dieser Link ist ungültig. Bitte verwenden Sie den Link genau so, wie er in der E-Mail steht.',
      expired: 'Dieser Link ist abgelaufen. Bitten Sie die Recruiterin oder den Recruiter um einen neuen.',
      used: 'Dieser Link wurde bereits verwendet. Ihre Auswahl ist gespeichert; ändern können Sie sie mit STOP oder START als Antwort auf eine Nachricht.',
    },
    emailSubject: (company) => `${company}: Dürfen wir Ihnen zu Ihrer Bewerbung schreiben?`,
    emailBody: (name, p, url, days) =>
      `Hallo ${name},\n\n${wordings.de.purpose(p)}\n\nBitte teilen Sie uns mit, ob wir Ihnen per SMS und WhatsApp schreiben dürfen:\n${url}\n\nDer Link funktioniert einmal, ${days} Tage lang. Ohne Ihre Zustimmung schreiben wir Ihnen nicht.\n\n${p.recruiter}, ${p.company}\n`,
    hiringTeam: 'das Recruiting-Team',
    help: (company) => `${company} schreibt Ihnen zu Ihrer Bewerbung. Antworten Sie STOP, um keine Nachrichten mehr zu erhalten, START, um wieder zuzustimmen.`,
  },
  fr: {
    channel: { sms: 'SMS', whatsapp: 'WhatsApp' },
    title: 'Pouvons-nous vous écrire ?',
    purpose: (p) => `${p.recruiter} de ${p.company} souhaite vous écrire au sujet de votre candidature${p.jobTitle ? ` au poste de ${p.jobTitle}` : ''}.`,
    messagesTo: (n) => `Les messages seront envoyés au ${n}. Si ce n’est pas votre numéro, choisissez « Non, merci ».`,
    privacy: 'Politique de confidentialité',
    noNumber: 'Nous n’avons pas votre numéro de téléphone, il n’y a donc rien à accepter ici. Le recruteur vous contactera par e-mail.',
    explainer: 'Choisissez pour chaque canal. Vous pouvez retirer votre accord à tout moment en répondant STOP.',
    allow: 'Oui, vous pouvez m’écrire',
    decline: 'Non, merci',
    submit: 'Enregistrer mon choix',
    done: 'Merci, votre choix est enregistré.',
    doneDetail: 'Vous pouvez changer d’avis à tout moment : répondez STOP à un message pour arrêter, START pour accepter à nouveau.',
    startNote: 'Vous recevrez un message vous demandant de répondre START pour confirmer.',
    linkGoneTitle: 'Ce lien ne peut pas être utilisé',
    linkGone: {
      unknown: 'Ce lien n’est pas valide. Utilisez le lien exactement tel qu’il figure dans l’e-mail.',
      expired: 'Ce lien a expiré. Demandez-en un nouveau au recruteur.',
      used: 'Ce lien a déjà été utilisé. Votre choix est enregistré ; pour le changer, répondez STOP ou START à un message.',
    },
    emailSubject: (company) => `${company} : pouvons-nous vous écrire au sujet de votre candidature ?`,
    emailBody: (name, p, url, days) =>
      `Bonjour ${name},\n\n${wordings.fr.purpose(p)}\n\nDites-nous si nous pouvons vous écrire par SMS et WhatsApp :\n${url}\n\nLe lien fonctionne une fois, pendant ${days} jours. Sans votre accord, nous ne vous écrirons pas.\n\n${p.recruiter}, ${p.company}\n`,
    hiringTeam: "l'équipe de recrutement",
    help: (company) =>
      `${company} vous écrit au sujet de votre candidature. Répondez STOP pour ne plus recevoir de messages, START pour les accepter à nouveau.`,
  },
  es: {
    channel: { sms: 'SMS', whatsapp: 'WhatsApp' },
    title: '¿Podemos escribirte?',
    purpose: (p) => `${p.recruiter} de ${p.company} quiere escribirte sobre tu candidatura${p.jobTitle ? ` para ${p.jobTitle}` : ''}.`,
    messagesTo: (n) => `Los mensajes irán al ${n}. Si no es tu número, elige «No, gracias».`,
    privacy: 'Política de privacidad',
    noNumber: 'No tenemos tu número de teléfono, así que aquí no hay nada que aceptar. El reclutador te contactará por correo electrónico.',
    explainer: 'Elige para cada canal. Puedes retirar tu consentimiento en cualquier momento respondiendo STOP.',
    allow: 'Sí, podéis escribirme',
    decline: 'No, gracias',
    submit: 'Guardar mi elección',
    done: 'Gracias, tu elección se ha guardado.',
    doneDetail: 'Puedes cambiar de opinión en cualquier momento: responde STOP a un mensaje para dejar de recibirlos, START para volver a aceptarlos.',
    startNote: 'Recibirás un mensaje pidiéndote que respondas START para confirmar.',
    linkGoneTitle: 'Este enlace no se puede usar',
    linkGone: {
      unknown: 'Este enlace no es válido. Usa el enlace exactamente como aparece en el correo.',
      expired: 'Este enlace ha caducado. Pide uno nuevo a la persona de selección.',
      used: 'Este enlace ya se ha usado. Tu elección está guardada; para cambiarla, responde STOP o START a un mensaje.',
    },
    emailSubject: (company) => `${company}: ¿podemos escribirte sobre tu candidatura?`,
    emailBody: (name, p, url, days) =>
      `Hola ${name}:\n\n${wordings.es.purpose(p)}\n\nDinos si podemos escribirte por SMS y WhatsApp:\n${url}\n\nEl enlace funciona una vez, durante ${days} días. Sin tu consentimiento no te escribiremos.\n\n${p.recruiter}, ${p.company}\n`,
    hiringTeam: 'el equipo de selección',
    help: (company) => `${company} te escribe sobre tu candidatura. Responde STOP para dejar de recibir mensajes, START para volver a aceptarlos.`,
  },
  nl: {
    channel: { sms: 'Sms', whatsapp: 'WhatsApp' },
    title: 'Mogen we je berichten sturen?',
    purpose: (p) => `${p.recruiter} van ${p.company} wil je berichten sturen over je sollicitatie${p.jobTitle ? ` voor ${p.jobTitle}` : ''}.`,
    messagesTo: (n) => `Berichten gaan naar ${n}. Is dit niet je nummer, kies dan ‘Nee, bedankt’.`,
    privacy: 'Privacyverklaring',
    noNumber: 'We hebben geen telefoonnummer van je, dus hier valt niets toe te stemmen. De recruiter neemt per e-mail contact met je op.',
    explainer: 'Kies per kanaal. Je kunt je toestemming altijd intrekken door STOP te antwoorden.',
    allow: 'Ja, jullie mogen me berichten sturen',
    decline: 'Nee, bedankt',
    submit: 'Keuze opslaan',
    done: 'Bedankt, je keuze is opgeslagen.',
    doneDetail: 'Je kunt altijd van gedachten veranderen: antwoord STOP op een bericht om te stoppen, START om weer toe te staan.',
    startNote: 'Je krijgt één bericht met het verzoek START te antwoorden ter bevestiging.',
    linkGoneTitle: 'Deze link kan niet worden gebruikt',
    linkGone: {
      unknown: 'Deze link is ongeldig. Gebruik de link precies zoals hij in de e-mail staat.',
      expired: 'Deze link is verlopen. Vraag de recruiter om een nieuwe.',
      used: 'Deze link is al gebruikt. Je keuze is opgeslagen; wijzigen kan met STOP of START als antwoord op een bericht.',
    },
    emailSubject: (company) => `${company}: mogen we je berichten sturen over je sollicitatie?`,
    emailBody: (name, p, url, days) =>
      `Hallo ${name},\n\n${wordings.nl.purpose(p)}\n\nLaat ons weten of we je via sms en WhatsApp mogen berichten:\n${url}\n\nDe link werkt één keer, ${days} dagen lang. Zonder je toestemming sturen we je geen berichten.\n\n${p.recruiter}, ${p.company}\n`,
    hiringTeam: 'het recruitmentteam',
    help: (company) => `${company} stuurt je berichten over je sollicitatie. Antwoord STOP om geen berichten meer te ontvangen, START om ze weer toe te staan.`,
  },
};

export const consentWording = (language: ConsentLanguage): Wording => wordings[language];
