/** The endpoints, as method + path pattern. Matching only; the work is in handlers.ts. */

export type RouteName =
  | "create"
  | "list"
  | "get"
  | "update"
  | "delete"
  | "status"
  | "trigger"
  | "schedule"
  | "createContactList"
  | "listContactLists"
  | "getContactList"
  | "deleteContactList";

export interface RouteMatch {
  name: RouteName;
  params: { appId: string; id?: string };
}

interface Route {
  name: RouteName;
  method: string;
  pattern: RegExp;
}

const SEGMENT = "([^/]+)";
const AGENT_ASSIST = `/agentassist/api/v1/public/${SEGMENT}/campaign`;
/** A campaign id: any segment but `contactList`, the contact lists' folder. */
const CAMPAIGN_ID = `(?!contactList(?:/|$))${SEGMENT}`;
const CONTACT_LIST = `${AGENT_ASSIST}/contactList`;
/** A contact-list id: any segment but the two fixed names beside it (other methods on those answer 405). */
const LIST_ID = `(?!(?:createContactList|getAllListDetails)(?:/|$))${SEGMENT}`;

const ROUTES: Route[] = [
  { name: "createContactList", method: "POST", pattern: new RegExp(`^${CONTACT_LIST}/createContactList$`) },
  // The page's table says POST; its curl sends a GET.
  { name: "listContactLists", method: "POST", pattern: new RegExp(`^${CONTACT_LIST}/getAllListDetails$`) },
  { name: "listContactLists", method: "GET", pattern: new RegExp(`^${CONTACT_LIST}/getAllListDetails$`) },
  { name: "getContactList", method: "GET", pattern: new RegExp(`^${CONTACT_LIST}/${LIST_ID}$`) },
  { name: "deleteContactList", method: "DELETE", pattern: new RegExp(`^${CONTACT_LIST}/${LIST_ID}$`) },
  { name: "create", method: "POST", pattern: new RegExp(`^${AGENT_ASSIST}$`) },
  { name: "list", method: "POST", pattern: new RegExp(`^${AGENT_ASSIST}/getAllCampaignDetails$`) },
  { name: "status", method: "POST", pattern: new RegExp(`^${AGENT_ASSIST}/${CAMPAIGN_ID}/status$`) },
  { name: "get", method: "GET", pattern: new RegExp(`^${AGENT_ASSIST}/${CAMPAIGN_ID}$`) },
  { name: "update", method: "PUT", pattern: new RegExp(`^${AGENT_ASSIST}/${CAMPAIGN_ID}$`) },
  { name: "delete", method: "DELETE", pattern: new RegExp(`^${AGENT_ASSIST}/${CAMPAIGN_ID}$`) },
  // start and stop live under a different base: /campaign/api/...
  { name: "trigger", method: "POST", pattern: /^\/campaign\/api\/v1\/public\/([^/]+)\/campaign\/([^/]+)$/ },
  // the v2 schedule call addresses the campaign by name, in the query
  { name: "schedule", method: "POST", pattern: /^\/campaign\/api\/v2\/public\/([^/]+)\/campaign\/schedule$/ },
];

export type Matched = { kind: "route"; match: RouteMatch } | { kind: "method-not-allowed"; allow: string[] } | { kind: "not-found" };

const decode = (s: string | undefined): string | undefined => {
  if (s === undefined) return undefined;
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
};

/** A trailing slash is ignored. */
export function matchRoute(method: string, pathname: string): Matched {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, "") : pathname;
  const allow: string[] = [];
  for (const route of ROUTES) {
    const m = route.pattern.exec(path);
    if (!m) continue;
    if (route.method !== method.toUpperCase()) {
      allow.push(route.method);
      continue;
    }
    return { kind: "route", match: { name: route.name, params: { appId: decode(m[1]) as string, id: decode(m[2]) } } };
  }
  return allow.length > 0 ? { kind: "method-not-allowed", allow: [...new Set(allow)] } : { kind: "not-found" };
}
