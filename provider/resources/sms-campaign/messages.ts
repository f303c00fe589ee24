/**
 * The words of the SMS campaign's rules: the shared ones (shared/outbound/messages.ts) plus the message,
 * format and flow rules, and the docs' wording of each field.
 */
import { OUTBOUND_DESCRIPTIONS, OUTBOUND_RULES, unknownFieldRuleWith } from "../../shared/outbound/messages";
import { SMS_FORMATS, SMS_LIMITS } from "./vocabulary";

export const SMS_RULES = {
  ...OUTBOUND_RULES,
  root: "must be an object describing an SMS campaign (name, description, contactLists, priority, format, message or experienceFlowName, dialingStrategy, ...)",
  format: `must be one of ${SMS_FORMATS.join(", ")}`,
  message: "must be an object with text, or with template ({ name } or { id }) and body",
  messageText: `must be text of 1 to ${SMS_LIMITS.messageMaxLength} characters (UTF-16 units)`,
  template: "must be an object with name or id (one of them)",
  templateName: "must be a non-empty template name",
  templateId: "must be a non-empty template id (cmt-...)",
  templateBody: `must be the template's registered body, text of 1 to ${SMS_LIMITS.messageMaxLength} characters`,
  placeholder:
    'must not contain a placeholder such as "{{name}}" or "{name}": no placeholder syntax is documented for a simple text, which every contact receives as typed; use a pre-approved template for personalised content',
  dialingStrategy: "must be an object with callerId and callingHours",
  experienceFlowName: "must be a non-empty experience flow name",
} as const;

export const SMS_DESCRIPTIONS = {
  ...OUTBOUND_DESCRIPTIONS,
  spec: "A Kore.ai outbound SMS campaign (pulumi-kore-campaigns). Field names are the API's, in camelCase.",
  contactLists: "List of contact list names to target. Each must exist in the system. At least one required.",
  format: "simple: send a message (text, or a pre-approved template); advanced: hand the contact to an experience flow (experienceFlowName), with no message.",
  message: "The message of a simple campaign: { text } (plain text, no placeholders), or { template: { name } | { id }, body } for a pre-approved template.",
  messageText: "The text sent to each contact, as typed (the API's message.message). Must comply with telecom rules.",
  template: "A pre-approved message template, by name (the API's message.template_name) or id (message.templateId, cmt-...).",
  templateName: "Name of the pre-approved message template to use.",
  templateId: "Id of the pre-approved message template (cmt-...).",
  templateBody: "The template's registered body, which the API requires beside the template and which must match it exactly (sent Base64-encoded).",
  dialingStrategy: "Sender and sending hours: caller id (the sender number) and calling hours.",
  callerId: "The sender shown to the recipient.",
  phoneNumber: "Sender ID or SMS phone number (E.164, e.g. +919876543210).",
  callingHours: "The hours messages may be sent in.",
  experienceFlowName: "Name of the Kore.ai experience flow an advanced campaign hands the contact to. Required for format advanced; not allowed for simple.",
} as const;

/** Extra words for an unknown key that is the API's spelling of a known field. */
const WIRE_KEY_HINTS: Readonly<Record<string, string>> = {
  template_name: "write template: { name } (the API's template_name is built for you)",
  templateId: "write template: { id } (the API's templateId is built for you)",
  campaignType: 'leave it out (campaignType is always "sms" and is added for you)',
  dialingMode: "leave it out (an SMS campaign has no dialing mode)",
};

export const smsUnknownFieldRule = unknownFieldRuleWith(WIRE_KEY_HINTS);
