// An Agentless campaign: answered calls go to a bot or IVR flow. This one manages two Kore.ai apps
// from one stack: the default connection, and a named one ("emea") defined in stack config:
//   pulumi config set --path kore:connections.emea.host https://platform.kore.ai
//   pulumi config set --path kore:connections.emea.appId st-...
//   pulumi config set --path kore:connections.emea.accountId ...
//   pulumi config set --path kore:connections.emea.clientId cs-...
//   pulumi config set --path --secret kore:connections.emea.clientSecret ...
// The resource names the connection; the credentials are read by the provider at run time and never stored.
import * as pulumi from "@pulumi/pulumi";
import { VoiceCampaign, VoiceCampaignArgs } from "pulumi-kore-campaigns";

// `pulumi config set withEmea true` once the emea connection is defined.
const withEmea = new pulumi.Config().getBoolean("withEmea") ?? false;

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

// The second app, only when its connection is defined.
export const emeaCampaign = withEmea ? new VoiceCampaign("feedback-emea", { ...survey, connection: "emea" }).id : undefined;
