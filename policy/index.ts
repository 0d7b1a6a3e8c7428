// The policy pack: `pulumi preview --policy-pack policy`. Constructing it starts the policy
// server, so nothing else imports this file; the policies live in policies.ts.
import { PolicyPack } from "@pulumi/policy";
import { allPolicies } from "./policies";

new PolicyPack("ai-feature-flags", { policies: allPolicies() });
