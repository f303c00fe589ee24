// A Progressive campaign: answered calls go to live agents through a queue.
// Run: `npm install && pulumi up` in this folder (see ../README.md for credentials).
import * as pulumi from "@pulumi/pulumi";
import { VoiceCampaign } from "pulumi-kore-campaigns";

const config = new pulumi.Config();

const weekdays = ["MO", "TU", "WE", "TH", "FR"].map((day) => ({ day, start: "9:00 AM", end: "6:00 PM" }));

const renewals = new VoiceCampaign("service-renewals", {
  name: "Service Renewal Outreach Campaign",
  description: "Connects customers with live agents to assist with upcoming service renewals.",
  contactLists: ["Recent Buyers - Q2 2025"],
  priority: 5,
  dialingMode: "Progressive",
  dialingStrategy: {
    callerId: { phoneNumber: "+1812345678" },
    callingHours: { frequency: "WEEKLY", timezone: "Asia/Kolkata", days: weekdays },
    dialingOrder: "FIFO",
    maxAttemptsPerRecord: 3,
    defaultRetryPeriod: 10,
    maxRingTime: 30,
  },
  queueName: "Default Queue",
  enableMachineDetect: false,
  // Where the people called are, for the compliance rules (docs/compliance.md); never sent to Kore.ai.
  recipients: { regions: ["IN"] },
  // Nothing dials until this says so: `pulumi config set started true`.
  started: config.getBoolean("started") ?? false,
});

export const campaignId = renewals.id;
export const status = renewals.status;
