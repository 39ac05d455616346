/**
 * What the candidate's interview page says, in the languages Parley's messages ship (en, de, fr,
 * es, nl): the page speaks the invitation's language.
 * @module
 */
import type { InterviewLanguage } from '../../shared/domain/interviews.ts';

export type InterviewPageWording = {
  title: string;
  when: string;
  where: string;
  video: string;
  with: string;
  confirm: string;
  decline: string;
  askReschedule: string;
  pickTitle: string;
  pick: string;
  confirmed: string;
  declined: string;
  rescheduleRequested: (company: string) => string;
  cancelled: string;
  notOpen: string;
  taken: string;
  noneFree: (company: string) => string;
  calendar: string;
  linkGone: { unknown: string; expired: string };
};

export const interviewPageWording: Record<InterviewLanguage, InterviewPageWording> = {
  en: {
    title: 'Your interview',
    when: 'When',
    where: 'Where',
    video: 'Video link',
    with: 'With',
    confirm: 'Confirm',
    decline: 'Decline',
    askReschedule: 'Ask for another time',
    pickTitle: 'Pick a time',
    pick: 'Choose this time',
    confirmed: 'Confirmed. See you then!',
    declined: 'You declined this interview.',
    rescheduleRequested: (company) => `You asked for another time; ${company} will be in touch.`,
    cancelled: 'This interview was cancelled.',
    notOpen: 'This interview no longer waits for an answer.',
    taken: 'Sorry, that time was just taken. Please pick another one.',
    noneFree: (company) => `No offered time is free any more; ${company} will be in touch.`,
    calendar: 'Add to calendar (.ics)',
    linkGone: { unknown: 'This link is not valid.', expired: 'This link has expired.' },
  },
  de: {
    title: 'Ihr Vorstellungsgespräch',
    when: 'Wann',
    where: 'Wo',
    video: 'Video-Link',
    with: 'Mit',
    confirm: 'Bestätigen',
    decline: 'Absagen',
    askReschedule: 'Anderen Termin erbitten',
    pickTitle: 'Termin wählen',
    pick: 'Diesen Termin wählen',
    confirmed: 'Bestätigt. Bis dann!',
    declined: 'Sie haben dieses Gespräch abgesagt.',
    rescheduleRequested: (company) => `Sie haben um einen anderen Termin gebeten; ${company} meldet sich bei Ihnen.`,
    cancelled: 'Dieses Gespräch wurde abgesagt.',
    notOpen: 'Dieses Gespräch wartet auf keine Antwort mehr.',
    taken: 'Dieser Termin wurde gerade vergeben. Bitte wählen Sie einen anderen.',
    noneFree: (company) => `Keiner der angebotenen Termine ist mehr frei; ${company} meldet sich bei Ihnen.`,
    calendar: 'Zum Kalender hinzufügen (.ics)',
    linkGone: { unknown: 'Dieser Link ist ungültig.', expired: 'Dieser Link ist abgelaufen.' },
  },
  fr: {
    title: 'Votre entretien',
    when: 'Quand',
    where: 'Où',
    video: 'Lien vidéo',
    with: 'Avec',
    confirm: 'Confirmer',
    decline: 'Refuser',
    askReschedule: 'Demander un autre horaire',
    pickTitle: 'Choisir un horaire',
    pick: 'Choisir cet horaire',
    confirmed: 'Confirmé. À bientôt !',
    declined: 'Vous avez refusé cet entretien.',
    rescheduleRequested: (company) => `Vous avez demandé un autre horaire ; ${company} reviendra vers vous.`,
    cancelled: 'Cet entretien a été annulé.',
    notOpen: "Cet entretien n'attend plus de réponse.",
    taken: "Désolé, cet horaire vient d'être pris. Choisissez-en un autre.",
    noneFree: (company) => `Aucun horaire proposé n'est encore libre ; ${company} reviendra vers vous.`,
    calendar: 'Ajouter au calendrier (.ics)',
    linkGone: { unknown: "Ce lien n'est pas valide.", expired: 'Ce lien a expiré.' },
  },
  es: {
    title: 'Tu entrevista',
    when: 'Cuándo',
    where: 'Dónde',
    video: 'Enlace de vídeo',
    with: 'Con',
    confirm: 'Confirmar',
    decline: 'Rechazar',
    askReschedule: 'Pedir otra hora',
    pickTitle: 'Elige una hora',
    pick: 'Elegir esta hora',
    confirmed: 'Confirmada. ¡Hasta pronto!',
    declined: 'Has rechazado esta entrevista.',
    rescheduleRequested: (company) => `Has pedido otra hora; ${company} se pondrá en contacto contigo.`,
    cancelled: 'Esta entrevista se ha anulado.',
    notOpen: 'Esta entrevista ya no espera respuesta.',
    taken: 'Lo sentimos, esa hora acaba de ocuparse. Elige otra.',
    noneFree: (company) => `Ninguna de las horas ofrecidas sigue libre; ${company} se pondrá en contacto contigo.`,
    calendar: 'Añadir al calendario (.ics)',
    linkGone: { unknown: 'Este enlace no es válido.', expired: 'Este enlace ha caducado.' },
  },
  nl: {
    title: 'Je sollicitatiegesprek',
    when: 'Wanneer',
    where: 'Waar',
    video: 'Videolink',
    with: 'Met',
    confirm: 'Bevestigen',
    decline: 'Afzeggen',
    askReschedule: 'Een ander moment vragen',
    pickTitle: 'Kies een tijd',
    pick: 'Deze tijd kiezen',
    confirmed: 'Bevestigd. Tot dan!',
    declined: 'Je hebt dit gesprek afgezegd.',
    rescheduleRequested: (company) => `Je hebt om een ander moment gevraagd; ${company} neemt contact met je op.`,
    cancelled: 'Dit gesprek is afgezegd.',
    notOpen: 'Dit gesprek wacht niet meer op een antwoord.',
    taken: 'Sorry, die tijd is net vergeven. Kies een andere.',
    noneFree: (company) => `Geen van de aangeboden tijden is nog vrij; ${company} neemt contact met je op.`,
    calendar: 'Toevoegen aan agenda (.ics)',
    linkGone: { unknown: 'Deze link is niet geldig.', expired: 'Deze link is verlopen.' },
  },
};
