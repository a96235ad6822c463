// Installers whose objects the pack cannot see: a Helm Release installs its chart's objects inside the provider,
// and manifests fetched from a URL (YAML ConfigFile/ConfigGroup, remote kustomize, kubectl in a Command) are
// whatever the URL serves when the program runs. Refused in production unless rendered into resources the pack sees.

import type { ResourceValidationPolicy } from "@pulumi/policy";
import { asArray, describe, nonEmptyString, peek, violation } from "../common/util";

const REMOTE = /^(https?:\/\/|git::|git@|github\.com\/|gitlab\.com\/|oci:\/\/)/i;

function remote(v: unknown): boolean {
    return typeof v === "string" && REMOTE.test(v.trim());
}

const KUBECTL = /\b(kubectl|oc)\s+(apply|create|replace)\b|\bhelm\s+(install|upgrade)\b|\bkustomize\s+build\b[^|]*\|\s*kubectl/;

/** What an installer resource applies that the pack cannot judge, or undefined. */
export function opaqueInstall(type: string, props: any): string | undefined {
    switch (type) {
        case "kubernetes:helm.sh/v3:Release": {
            const chart = peek(props, "chart");
            return `installs Helm chart ${JSON.stringify(chart ?? "(unset)")} inside the provider; its objects never reach the pack`;
        }
        case "kubernetes:yaml:ConfigFile":
        case "kubernetes:yaml/v2:ConfigFile": {
            const file = peek(props, "file");
            return remote(file) ? `applies the manifest at ${file}, fetched when the program runs` : undefined;
        }
        case "kubernetes:yaml:ConfigGroup":
        case "kubernetes:yaml/v2:ConfigGroup": {
            const files = asArray(peek(props, "files")).concat(nonEmptyString(peek(props, "files")) ? [peek(props, "files")] : []);
            const urls = files.filter(remote);
            return urls.length > 0 ? `applies manifests fetched when the program runs (${urls.join(", ")})` : undefined;
        }
        case "kubernetes:kustomize:Directory":
        case "kubernetes:kustomize/v2:Directory": {
            const dir = peek(props, "directory");
            return remote(dir) ? `builds the remote kustomization ${dir} when the program runs` : undefined;
        }
        case "command:local:Command":
        case "command:remote:Command": {
            const scripts = ["create", "update"].map(k => peek(props, k)).filter((s): s is string => typeof s === "string");
            return scripts.some(s => KUBECTL.test(s)) ? "applies Kubernetes objects from a shell command (kubectl/helm)" : undefined;
        }
        default:
            return undefined;
    }
}

export const noOpaqueInstallers: ResourceValidationPolicy = {
    name: "k8s-no-opaque-installers",
    description: describe(
        "Kubernetes objects must be registered as resources the pack can judge: no Helm Releases, no manifests fetched "
        + "from URLs, no kubectl/helm in commands.",
        "render the chart or manifests into the program (helm template into the repository, then kubernetes resources "
        + "or a local yaml/v2 ConfigFile, or helm.sh/v4 Chart, whose objects are registered one by one).",
        "verto normalisation rule; cf. Kyverno, which sees Helm objects at admission"),
    enforcementLevel: "mandatory",
    validateResource: (args, report) => {
        const what = opaqueInstall(args.type, args.props);
        if (what) {
            report(violation(`${args.type.substring(args.type.lastIndexOf(":") + 1)} "${args.name}" ${what}`,
                "no rule of this pack sees those objects: a privileged DaemonSet or an allow-all NetworkPolicy would pass unseen",
                "render them into resources of the program (kubernetes resources, a local ConfigFile, or helm.sh/v4 Chart)"));
        }
    },
};
