/**
 * The native provider (`pulumi-resource-kore`) for two Kore.ai apps in one stack: the default provider is
 * the stack's `kore:*` config (`pulumi config set kore:host ...`, `--secret kore:clientSecret ...`), and an
 * explicit `native.Provider` is the second app, its secret from the stack's own config.
 *
 *   pulumi config set emea:appId st-...; pulumi config set --secret emea:clientSecret ...
 */
import * as pulumi from "@pulumi/pulumi";
import { native, type VoiceCampaignArgs } from "pulumi-kore-campaigns";

const emeaConfig = new pulumi.Config("emea");
const emea = new native.Provider("emea", {
  host: emeaConfig.get("host") ?? "https://platform.kore.ai",
  appId: emeaConfig.require("appId"),
  accountId: emeaConfig.require("accountId"),
  clientId: emeaConfig.require("clientId"),
  clientSecret: emeaConfig.requireSecret("clientSecret"),
});

function renewals(name: string, list: pulumi.Input<string>): VoiceCampaignArgs {
  return {
    name,
    description: "Connects customers with live agents about upcoming renewals.",
    contactLists: [list],
    priority: 5,
    dialingMode: "Progressive",
    queueName: "Default Queue",
    dialingStrategy: {
      callerId: { phoneNumber: "+1812345678" },
      callingHours: { frequency: "WEEKLY", timezone: "Europe/Berlin", days: [{ day: "MO", start: "9:00 AM", end: "6:00 PM" }] },
      dialingOrder: "FIFO",
      maxAttemptsPerRecord: 3,
      defaultRetryPeriod: 10,
      maxRingTime: 30,
    },
    started: false,
  };
}

// the stack's own app (default provider)
const usList = new native.ContactList("us-renewals", { name: "US Renewals", description: "US customers renewing this quarter." });
const us = new native.VoiceCampaign("us-renewals", renewals("US Renewals", usList.name));

// the second app, through the explicit provider
const emeaList = new native.ContactList("emea-renewals", { name: "EMEA Renewals", description: "EMEA customers renewing this quarter." }, { provider: emea });
const emeaCampaign = new native.VoiceCampaign("emea-renewals", renewals("EMEA Renewals", emeaList.name), { provider: emea });

export const apps = { us: us.target, emea: emeaCampaign.target };
export const statuses = { us: us.status, emea: emeaCampaign.status };
