// Kubernetes Secrets: values must be Pulumi secrets (see ../common/secrets.ts for how the pack tells them apart).

import type { ResourceValidationPolicy } from "@pulumi/policy";
import { isSecretAt, secretPathsOf } from "../common/secrets";
import { describe, isObject, peek, rawOf, violation } from "../common/util";
import { objectsOf } from "./model/object";

export const secretNotPlaintext: ResourceValidationPolicy = {
    name: "k8s-secret-not-plaintext",
    description: describe(
        "Kubernetes Secret data must come from Pulumi secrets, never from plaintext in the program.",
        "build data/stringData values from secret config (pulumi config set --secret; config.requireSecret) or "
        + "Output.ofSecret(...), so they stay encrypted in the state and out of previews.",
        "no Checkov/Kyverno equivalent: Pulumi state hygiene; cf. Checkov CKV_SECRET_* plaintext secret scans"),
    enforcementLevel: "mandatory",
    validateResource: (args, report) => {
        const secrets = objectsOf(args.type, args.props, args.name).filter(o => o.kind === "Secret" && o.group === "" && !o.patch);
        if (secrets.length === 0) {
            return;
        }
        const paths = secretPathsOf(args.props);
        for (const o of secrets) {
            if (!paths) {
                report(`${o.label}: cannot tell secret from plaintext values because the pack's secret tracking `
                    + "hook is not installed (load the pack through policies/index.ts)");
                continue;
            }
            const plaintext: string[] = [];
            const body = rawOf(o.body);
            for (const field of ["data", "stringData"]) {
                if (isSecretAt(paths, [...o.path, field])) {
                    continue;
                }
                const map = peek(body, field);
                if (map === undefined || map === null) {
                    continue;
                }
                if (!isObject(map)) {
                    // unknown (not yet computed) and not marked secret: it will land in the state in plaintext.
                    plaintext.push(field);
                    continue;
                }
                for (const key of Object.keys(map)) {
                    const v = map[key];
                    if (v === null || v === undefined || v === "") {
                        continue; // nothing to hide
                    }
                    if (!isSecretAt(paths, [...o.path, field, key])) {
                        plaintext.push(`${field}.${key}`);
                    }
                }
            }
            if (plaintext.length > 0) {
                report(violation(`${o.label} has plaintext value(s) in ${plaintext.join(", ")}`,
                    "they are stored unencrypted in the Pulumi state and shown in previews",
                    "build them from Pulumi secrets (secret config or Output.ofSecret) so they are encrypted in the state"));
            }
        }
    },
};
