/**
 * The SMS campaign's own vocabulary (what it shares with voice is in shared/outbound/vocabulary.ts).
 * Sources: the body tables and samples of create-sms-campaign-{without-template,using-template,
 * advanced-format}.md and update-sms-campaign.md.
 */
import { OUTBOUND_LIMITS } from "../../shared/outbound/vocabulary";

/**
 * `simple`: a message (plain text, or a pre-approved template); `advanced`: the contact is handed to an
 * experience flow and no message is sent. (The without-template table says "'simple' or 'advanced' means
 * plain text"; the advanced page's sample sends `format: advanced` with a flow and no message: the sample
 * is followed.) A record's `basic` (delete-sms-campaign.md) is read as `simple`.
 */
export const SMS_FORMATS = ["simple", "advanced"] as const;
export type SmsFormat = (typeof SMS_FORMATS)[number];

export const SMS_LIMITS = {
  ...OUTBOUND_LIMITS,
  // Kore documents no upper bound for a message; 1,600 characters (about 10 GSM-7 segments) keeps a
  // text reviewable and its cost per contact visible
  messageMaxLength: 1600,
} as const;

/**
 * Placeholder-looking tokens in a simple text. No page documents a placeholder syntax: the simple format
 * is "plain text without personalization", and the list page's sample text "Greetings, !" shows a name
 * left empty. Such a token would reach every contact as typed, so it is refused; personalised content
 * goes in a pre-approved template.
 */
export const PLACEHOLDER_PATTERN = /\{\{[^{}]*\}\}|\{\s*[A-Za-z_][\w.]*\s*\}|\$\{[^{}]*\}/;
