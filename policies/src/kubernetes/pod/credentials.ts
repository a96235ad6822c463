// Credentials in plain text where every reader of the object sees them: container env values and arguments, and
// ConfigMap data. Judged by the name (a key that ends in a credential word) and by the value (key formats, URLs
// with a password, private keys), never printing the value.

import type { ResourceValidationPolicy } from "@pulumi/policy";
import { asArray, describe, isObject, violation } from "../../common/util";
import { objectsOf } from "../model/object";
import { containersOf, podTemplatesOfObject } from "../model/pods";

/** Words that, as the last word of a name, make it a credential (JWT_SECRET, dbPassword, api-key). */
const CREDENTIAL_WORDS = new Set(["password", "passwd", "pwd", "secret", "token", "apikey", "credential",
    "credentials", "privatekey", "accesskey", "secretkey", "clientsecret", "auth", "passphrase", "encryptionkey",
    "signingkey"]);

/** The words of a name: split at separators and camelCase ("dbPassword" -> db, password). */
function words(name: string): string[] {
    return name.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase().split(/[^a-z0-9]+/).filter(w => w !== "");
}

/** Does a variable or key name hold a credential? The last word, or the last two joined, is a credential word. */
export function credentialName(name: string): boolean {
    const w = words(name);
    const last = w[w.length - 1] ?? "";
    const lastTwo = w.slice(-2).join("");
    return CREDENTIAL_WORDS.has(last) || CREDENTIAL_WORDS.has(lastTwo);
}

/** Values that are references or settings, not secrets: empty, $(VAR) / ${VAR}, a path, a number, a boolean. */
function harmlessValue(v: string): boolean {
    const t = v.trim();
    return t === "" || /^\$[({]/.test(t) || /^\$[A-Za-z_]/.test(t) || t.startsWith("/") || /^(true|false|yes|no|none|null)$/i.test(t)
        || /^\d+(\.\d+)?[a-z]{0,2}$/i.test(t) || /^<[^>]*>$/.test(t);
}

const VALUE_PATTERNS: [RegExp, string][] = [
    [/\bAKIA[0-9A-Z]{16}\b/, "an AWS access key id"],
    [/-----BEGIN [A-Z ]*PRIVATE KEY-----/, "a private key"],
    [/\bgh[pousr]_[A-Za-z0-9]{36}\b/, "a GitHub token"],
    [/\bglpat-[A-Za-z0-9_-]{20}\b/, "a GitLab token"],
    [/\bxox[abposr]-[A-Za-z0-9-]{10,}/, "a Slack token"],
    [/\bAIza[0-9A-Za-z_-]{35}\b/, "a Google API key"],
    [/\bsk_live_[0-9A-Za-z]{16,}/, "a Stripe key"],
    [/\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\./, "a JWT"],
    [/[a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:([^\s@/$]{2,})@/i, "a URL with a password"],
];

/** `key = value` / `key: value` lines in configuration files whose key ends in a credential word. */
const ASSIGNMENT = /^\s*["']?([A-Za-z0-9_.-]+)["']?\s*[:=]\s*["']?([^"'\s#]+)/;

/** What credential a value carries, or undefined. `name` is the variable or key it is stored under. */
export function credentialIn(name: string, value: unknown): string | undefined {
    if (typeof value !== "string") {
        return undefined;
    }
    for (const [re, what] of VALUE_PATTERNS) {
        if (re.test(value)) {
            return what;
        }
    }
    if (credentialName(name) && !harmlessValue(value)) {
        return `a value stored under the credential name ${name}`;
    }
    for (const line of value.split("\n")) {
        const m = ASSIGNMENT.exec(line);
        if (m && credentialName(m[1]) && !harmlessValue(m[2])) {
            return `a ${m[1]} setting in the file ${name}`;
        }
    }
    return undefined;
}

const ADVICE = {
    why: "everyone who can read the object (kubectl get -o yaml, the Pulumi state, CI logs) reads the credential",
    fix: "keep it in a Secret (from Pulumi secret config) and reference it with env[].valueFrom.secretKeyRef, "
        + "envFrom[].secretRef or a secret volume",
};

export const noPlaintextCredentials: ResourceValidationPolicy = {
    name: "k8s-no-plaintext-credentials",
    description: describe(
        "Credentials must not sit in plain container env values, arguments or ConfigMaps.",
        "store credentials in a Secret (built from Pulumi secret config) and reference it with "
        + "env[].valueFrom.secretKeyRef, envFrom[].secretRef or a secret volume.",
        "Kubescape C-0012, Checkov CKV_SECRET_2/6, CIS 5.4.1"),
    enforcementLevel: "mandatory",
    validateResource: (args, report) => {
        const say = (what: string) => report(violation(what, ADVICE.why, ADVICE.fix));
        for (const o of objectsOf(args.type, args.props, args.name)) {
            if (o.kind === "ConfigMap" && o.group === "") {
                for (const field of ["data", "binaryData"]) {
                    const data = o.body?.[field];
                    for (const key of isObject(data) ? Object.keys(data) : []) {
                        const what = field === "data" ? credentialIn(key, data[key]) : undefined;
                        if (what) {
                            say(`${o.label}: ${field}.${key} holds ${what} in plain text`);
                        }
                    }
                }
                continue;
            }
            for (const pod of podTemplatesOfObject(o)) {
                for (const c of containersOf(pod.spec)) {
                    for (const e of asArray(c.container.env)) {
                        const what = isObject(e) && e.value !== undefined ? credentialIn(String(e.name), e.value) : undefined;
                        if (what) {
                            say(`${pod.subject}: ${c.label} sets env ${e.name} to ${what} in plain text`);
                        }
                    }
                    asArray(c.container.args).concat(asArray(c.container.command)).forEach(a => {
                        const m = /^--?([A-Za-z0-9_-]+)=(.+)$/.exec(String(a));
                        const what = m ? credentialIn(m[1], m[2]) : credentialIn("", a);
                        if (what) {
                            say(`${pod.subject}: ${c.label} passes ${what} on its command line`);
                        }
                    });
                }
            }
        }
    },
};
