// KMS keys must rotate their key material.

import type { ResourceValidationPolicy } from "@pulumi/policy";
import { UNKNOWN, describe, nonEmptyString, peek, violation } from "../common/util";

const KEY_TYPE = "aws:kms/key:Key";

/** Keys AWS can rotate automatically: symmetric encryption keys outside custom key stores. */
function rotatable(props: unknown): boolean {
    const spec = String(peek(props, "customerMasterKeySpec") ?? peek(props, "keySpec") ?? "SYMMETRIC_DEFAULT").toUpperCase();
    const usage = String(peek(props, "keyUsage") ?? "ENCRYPT_DECRYPT").toUpperCase();
    return spec === "SYMMETRIC_DEFAULT" && usage === "ENCRYPT_DECRYPT" && !nonEmptyString(peek(props, "customKeyStoreId"))
        && !nonEmptyString(peek(props, "xksKeyId"));
}

/** The wire value of a boolean as the provider reads it ("true" strings included). */
function enabled(v: unknown): boolean {
    return v === true || (typeof v === "string" && v.trim().toLowerCase() === "true");
}

export const kmsKeyRotation: ResourceValidationPolicy = {
    name: "kms-key-rotation",
    description: describe(
        "Symmetric KMS keys must rotate their key material.",
        "set enableKeyRotation: true (rotationPeriodInDays 365 or less).",
        "CKV_AWS_7"),
    enforcementLevel: "mandatory",
    validateResource: (args, report) => {
        if (args.type !== KEY_TYPE || !rotatable(args.props)) {
            return;
        }
        const rotation = peek(args.props, "enableKeyRotation");
        const period = peek(args.props, "rotationPeriodInDays");
        if (rotation === UNKNOWN || period === UNKNOWN) {
            return;
        }
        const why = "one key material protects every object it ever encrypted: a leaked or broken key exposes all of it, "
            + "for as long as the key lives";
        if (!enabled(rotation)) {
            report(violation(`KMS key "${args.name}" will never rotate (enableKeyRotation ${JSON.stringify(rotation ?? "unset")})`, why,
                "set enableKeyRotation: true"));
        } else if (typeof period === "number" && period > 365) {
            report(violation(`KMS key "${args.name}" rotates only every ${period} days`, why, "set rotationPeriodInDays to 365 or less"));
        }
    },
};
