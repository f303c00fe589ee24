// The policy pack's entry point, run by @pulumi/pulumi/cmd/run-policy-pack (the CLI starts it for
// `pulumi preview --policy-pack <this folder>`). The rules are in the compliance engine
// (provider/compliance/); the pack is provider/policy/pack.ts, compiled by `npm run build`.
"use strict";
require("../dist/provider/policy/pack").servePolicyPack();
