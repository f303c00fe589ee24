// A Preview campaign: agents see each contact before the call is placed, and may skip some.
import { VoiceCampaign } from "pulumi-kore-campaigns";

const billing = new VoiceCampaign("billing-reminders", {
  name: "Billing Reminder Voice Campaign",
  description: "Agents preview each customer before calling about an upcoming bill payment.",
  contactLists: ["Recent Buyers - Q2 2025"],
  priority: "3",
  dialingMode: "Preview",
  dialingStrategy: {
    callerId: { phoneNumber: "+181234567" },
    callingHours: {
      frequency: "WEEKLY",
      timezone: "America/New_York",
      days: [
        { day: "MO", start: "09:00 am", end: "12:00 PM" }, // written loosely, normalized to "9:00 AM"
        { day: "MO", start: "1:00 PM", end: "5:00 PM" },
        { day: "WE", start: "9:00 AM", end: "5:00 PM" },
      ],
    },
    dialingOrder: "LIFO",
    maxAttemptsPerRecord: 2,
    defaultRetryPeriod: 60,
    maxRingTime: 25,
  },
  queueName: "Billing Queue",
  maxSkips: 1,
  // Where the people called are, for the compliance rules (docs/compliance.md); never sent to Kore.ai.
  recipients: { regions: ["US-NY"] },
});

export const campaignId = billing.id;
export const status = billing.status;
