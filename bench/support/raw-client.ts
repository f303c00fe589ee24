/**
 * The baseline for provider_overhead_ratio: the least a client can do to make the same requests.
 * undici `request` over one keep-alive Agent, the provider's headers, a JWT minted once per run and
 * reused (the provider mints one per attempt), the response read and JSON-parsed, nothing validated.
 */
import { SignJWT } from "jose";
import { Agent, request } from "undici";
import { DEMO_CREDENTIALS } from "pulumi-kore-campaigns/emulator";

export class RawClient {
  private readonly agent = new Agent({ keepAliveTimeout: 10_000 });
  private readonly base = `/agentassist/api/v1/public/${DEMO_CREDENTIALS.appId}`;
  private headers: Record<string, string> = {};

  constructor(private readonly url: string) {}

  /** Mints the one token this client will send (outside any timed section). */
  async init(): Promise<this> {
    const auth = await new SignJWT({ appId: DEMO_CREDENTIALS.clientId })
      .setProtectedHeader({ alg: "HS256", typ: "JWT" })
      .setSubject(DEMO_CREDENTIALS.clientId)
      .setIssuedAt()
      .setExpirationTime("10m")
      .sign(new TextEncoder().encode(DEMO_CREDENTIALS.clientSecret));
    this.headers = {
      iid: DEMO_CREDENTIALS.appId,
      accountId: DEMO_CREDENTIALS.accountId,
      accept: "application/json",
      "user-agent": "pulumi-kore-campaigns",
      "content-type": "application/json",
      auth,
    };
    return this;
  }

  private async post(path: string, body: unknown): Promise<any> {
    const res = await request(this.url + path, { method: "POST", headers: this.headers, body: JSON.stringify(body), dispatcher: this.agent });
    const text = await res.body.text();
    if (res.statusCode !== 200) throw new Error(`POST ${path}: ${res.statusCode} ${text}`);
    return JSON.parse(text);
  }

  /** POST .../campaign?campaignType=voice; returns the new id. */
  async create(body: Record<string, unknown>): Promise<string> {
    const json = await this.post(`${this.base}/campaign?campaignType=voice`, body);
    return json.data?.id ?? json.id;
  }

  /** The provider's duplicate-name lookup, page one of each channel (voice and SMS names are one namespace): the same paths, queries and bodies. */
  async listFirstPage(): Promise<unknown[]> {
    const pages = await Promise.all(
      (["voice", "sms"] as const).map((type) =>
        this.post(`${this.base}/campaign/getAllCampaignDetails?accountId=${DEMO_CREDENTIALS.accountId}`, { limit: 50, skip: 0, page: 1, type }),
      ),
    );
    return pages.flatMap((json) => json.data.results);
  }

  /** The provider's check that a campaign's contact lists exist (one listing per provider process): the same call. */
  async listContactLists(): Promise<unknown[]> {
    const json = await this.post(`${this.base}/campaign/contactList/getAllListDetails?type=call`, {});
    return json.data;
  }

  close(): Promise<void> {
    return this.agent.close();
  }
}
