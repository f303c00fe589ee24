// An Agentless campaign: answered calls go to a bot or IVR flow. This one manages two Kore.ai apps
// from one stack by giving each campaign its own connection (secrets set with `--secret`).
import * as pulumi from "@pulumi/pulumi";
import { VoiceCampaign, VoiceCampaignArgs } from "pulumi-kore-campaigns";

const emea = new pulumi.Config("emea");

const survey: VoiceCampaignArgs = {
  name: "Product Feedback Voice Campaign",
  description: "Collects quick feedback on recent purchases through a voice survey flow.",
  contactLists: ["Recent Buyers - Q2 2025"],
  priority: 5,
  dialingMode: "Agentless",
  dialingStrategy: {
    callerId: { phoneNumber: "+15101234567" },
    callingHours: {
      frequency: "DAILY",
      timezone: "Europe/Berlin",
      days: ["MO", "TU", "WE", "TH", "FR", "SA"].map((day) => ({ day, start: "10:00 AM", end: "7:00 PM" })),
    },
    dialingOrder: "FIFO",
    maxAttemptsPerRecord: 3,
    defaultRetryPeriod: 120,
    maxRingTime: 30,
  },
  experienceFlowName: "Voice Survey Entry Flow",
  enableMachineDetect: true,
};

// The default app: stack config kore:* or the KORE_* environment.
export const defaultAppCampaign = new VoiceCampaign("feedback", survey).id;

// A second app, only when its settings exist: `pulumi config set emea:appId ...` and so on.
const emeaAppId = emea.get("appId");
export const emeaCampaign = emeaAppId
  ? new VoiceCampaign("feedback-emea", {
      ...survey,
      connection: {
        host: emea.get("host") ?? "https://platform.kore.ai",
        appId: emeaAppId,
        accountId: emea.require("accountId"),
        clientId: emea.require("clientId"),
        clientSecret: emea.requireSecret("clientSecret"),
      },
    }).id
  : undefined;
