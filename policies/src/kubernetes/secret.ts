// Kubernetes Secrets: values must be Pulumi secrets (see ../common/secrets.ts for how the pack tells them apart).

import type { ResourceValidationPolicy } from "@pulumi/policy";
import { isSecretAt, secretPathsOf } from "../common/secrets";
import { describe, isK8s, isObject, k8sName, peek } from "../common/util";

export const secretNotPlaintext: ResourceValidationPolicy = {
    name: "k8s-secret-not-plaintext",
    description: describe(
        "Kubernetes Secret data must come from Pulumi secrets, never from plaintext in the program.",
        "build data/stringData values from secret config (pulumi config set --secret; config.requireSecret) or "
        + "Output.ofSecret(...), so they stay encrypted in the state and out of previews.",
        "no Checkov/Kyverno equivalent: Pulumi state hygiene; cf. Checkov CKV_SECRET_* plaintext secret scans"),
    enforcementLevel: "mandatory",
    validateResource: (args, report) => {
        if (!isK8s(args.type, "Secret", [""])) {
            return;
        }
        const name = k8sName(args.props, args.name);
        const paths = secretPathsOf(args.props);
        if (!paths) {
            report(`Secret "${name}": cannot tell secret from plaintext values because the pack's secret tracking `
                + "hook is not installed (load the pack through policies/index.ts)");
            return;
        }
        const plaintext: string[] = [];
        for (const field of ["data", "stringData"]) {
            if (isSecretAt(paths, [field])) {
                continue;
            }
            const map = peek(args.props, field);
            if (map === undefined || map === null) {
                continue;
            }
            if (!isObject(map)) {
                // unknown (not yet computed) and not marked secret: it will land in the state in plaintext.
                plaintext.push(field);
                continue;
            }
            for (const key of Object.keys(map)) {
                const v = Object.getOwnPropertyDescriptor(map, key)?.value;
                if (v === null || v === undefined || v === "") {
                    continue; // nothing to hide
                }
                if (!isSecretAt(paths, [field, key])) {
                    plaintext.push(`${field}.${key}`);
                }
            }
        }
        if (plaintext.length > 0) {
            report(`Secret "${name}" has plaintext value(s) in ${plaintext.join(", ")}: build them from Pulumi `
                + "secrets (secret config or Output.ofSecret) so they are encrypted in the state");
        }
    },
};
