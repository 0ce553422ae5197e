/** E-mail texts of the route: templates, Dutch dates, escaping. */
export { caseLink, renderMail, type DeadlineMailInput, type MailInput, type NotificationMailInput, type RenderedMail } from './templates.js';
export { dutchDate, dutchDateOfInstant, escapeHtml } from './format.js';
export { GENERIC_INSTRUCTION, instructionFor, PARTY_LABELS, RULE_INSTRUCTIONS } from './instructions.js';
