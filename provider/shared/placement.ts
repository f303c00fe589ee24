/**
 * Where a resource lives, as its state records it: the resolved target, and the connection name or
 * target the resource gave (never credentials: those are read at run time by the Pulumi adapter).
 */
import type { KoreTarget } from "../kore-api/target";

/** What a resource (and its state) may hold: a connection name or a plain target. */
export type ConnectionRef = string | TargetInput;

export interface TargetInput {
  host?: string;
  appId?: string;
  accountId?: string;
}

export interface Placement {
  target: KoreTarget;
  connection?: ConnectionRef;
}
