// NetworkPolicies (and patches of them) must not allow all traffic, judged by reachability (see reachability.ts).

import type { ResourceValidationPolicy } from "@pulumi/policy";
import { describe, peek, rawOf, throwUnknown, violation } from "../../common/util";
import { objectsOf } from "../model/object";
import { PEERS_KEY, allowsAll, rulesOf } from "./reachability";

export const NETWORK_POLICY_GROUPS = ["networking.k8s.io", "extensions"];

export const ALLOW_ALL_ADVICE = {
    why: "NetworkPolicies add up, so one rule that opens every port to every peer cancels the namespace's default deny "
        + "for the pods it selects",
    fix: "name the peers (podSelector / namespaceSelector with labels, or narrow ipBlocks) or the ports in every rule",
};

export const networkPolicyNoAllowAll: ResourceValidationPolicy = {
    name: "k8s-network-policy-no-allow-all",
    description: describe(
        "NetworkPolicies must not allow all traffic: policies add up, so one allow-all policy cancels the namespace's "
        + "default deny.",
        "name the peers (podSelector / namespaceSelector with labels, or a narrow ipBlock) or the ports in every "
        + "ingress and egress rule; never `{}`, 0.0.0.0/0 (in any spelling) or namespaceSelector: {} on all ports.",
        "CKV2_K8S_6, Kyverno add-network-policy"),
    enforcementLevel: "mandatory",
    validateResource: (args, report) => {
        let undecided = false;
        for (const o of objectsOf(args.type, args.props, args.name)) {
            if (o.kind !== "NetworkPolicy" || !NETWORK_POLICY_GROUPS.includes(o.group)) {
                continue;
            }
            const spec = peek(rawOf(o.body), "spec");
            for (const direction of ["ingress", "egress"] as const) {
                const v = allowsAll(rulesOf(spec, direction), PEERS_KEY[direction]);
                if (v.verdict === "yes") {
                    report(violation(`${o.label}: ${v.reason}, which cancels the default deny`, ALLOW_ALL_ADVICE.why,
                        ALLOW_ALL_ADVICE.fix));
                } else if (v.verdict === "maybe") {
                    undecided = true;
                }
            }
        }
        if (undecided) {
            throwUnknown("spec");
        }
    },
};
