// Container images: pinned to something immutable, and pulled only from the stack's allowed registries.

import type { ResourceValidationPolicy } from "@pulumi/policy";
import { asArray, describe, nonEmptyString } from "../../common/util";
import { ImageRef, parseImage, repositoryOf } from "../model/image";
import { containerPolicy } from "./policy";

/** Tags that move by convention, whatever their spelling. */
const FLOATING_TAGS = new Set(["latest", "stable", "main", "master", "edge", "dev", "develop", "nightly", "current",
    "lts", "release", "mainline", "head", "canary", "beta", "alpha", "rc", "next", "snapshot", "test"]);

/** Words that make a version-looking tag mutable: Maven's -SNAPSHOT and the rolling-build suffixes. */
const MUTABLE_SUFFIXES = new Set(["snapshot", "latest", "nightly", "dev", "develop", "edge", "main", "master", "head",
    "unstable", "current", "trunk", "tip", "rolling", "daily", "weekly", "canary", "next", "wip"]);

/** A full version: major.minor.patch, optional leading v, optional suffix (1.27.3, v2.0.1, 1.27.3-alpine). */
const FULL_VERSION = /^v?\d+\.\d+\.\d+(?:[-+_.][0-9A-Za-z][0-9A-Za-z._+-]*)?$/;

const DIGEST = /^(sha256:[0-9a-f]{64}|sha384:[0-9a-f]{96}|sha512:[0-9a-f]{128})$/i;

/**
 * Why an image reference is not pinned, or undefined when it is: a digest, or a tag that is a full version
 * (major.minor.patch) without a mutable suffix. Floating tags (latest, stable, main, ...), a bare major or major.minor,
 * an empty tag and version-looking tags that move (1.2.3-SNAPSHOT, 2.0.0-nightly) are not pinned.
 */
export function imageProblem(image: unknown): string | undefined {
    if (!nonEmptyString(image)) {
        return "has no image";
    }
    const at = image.indexOf("@");
    if (at >= 0) {
        return DIGEST.test(image.substring(at + 1).trim()) ? undefined
            : `image "${image}" has a malformed digest: use @sha256:<64 hex>`;
    }
    const lastSlash = image.lastIndexOf("/");
    const lastColon = image.lastIndexOf(":");
    if (lastColon <= lastSlash) {
        return `image "${image}" has no tag: pin a version tag or a @sha256: digest`;
    }
    const tag = image.substring(lastColon + 1);
    const fix = "pin a full version (major.minor.patch) or a @sha256: digest";
    if (tag === "") {
        return `image "${image}" has an empty tag: ${fix}`;
    }
    if (tag.toLowerCase() === "latest") {
        return `image "${image}" uses the latest tag: ${fix}`;
    }
    if (FULL_VERSION.test(tag)) {
        const mutable = tag.toLowerCase().split(/[-+_.]/).find(w => MUTABLE_SUFFIXES.has(w));
        return mutable ? `image "${image}" uses the mutable tag "${tag}" (a "${mutable}" build is rebuilt under the same tag): ${fix}`
            : undefined;
    }
    if (/^v?\d+(?:[-_].*)?$/.test(tag)) {
        return `image "${image}" uses the floating tag "${tag}" (a bare major version): ${fix}`;
    }
    if (/^v?\d+\.\d+(?:[-_].*)?$/.test(tag)) {
        return `image "${image}" uses the floating tag "${tag}" (major.minor only): ${fix}`;
    }
    const word = FLOATING_TAGS.has(tag.toLowerCase()) ? "floating" : "unversioned";
    return `image "${image}" uses the ${word} tag "${tag}": ${fix}`;
}

export const pinnedImages = containerPolicy(
    "k8s-image-pinned",
    describe(
        "Container images must be pinned to a full version or a digest.",
        "use a full version tag (e.g. nginx:1.27.3) or a digest (image@sha256:...); latest, stable, main, a bare major "
        + "(nginx:1) or major.minor (nginx:1.27), an empty tag (nginx:) and mutable builds (1.2.3-SNAPSHOT) float.",
        "CKV_K8S_14, Kyverno disallow-latest-tag"),
    { why: "a moving tag runs whatever was pushed last: untested code, or an attacker's image after a registry compromise",
        fix: "pin a full version tag or a @sha256: digest" },
    c => imageProblem(c.container.image));

/** The registries of the Verto program's images: its CI registry, the backup images' Docker Hub repositories, the exporter's. */
export const DEFAULT_ALLOWED_REGISTRIES = [
    "registry.gitlab.com/verto", "docker.io/library/mysql", "docker.io/amazon/aws-cli", "quay.io/prometheus/mysqld-exporter",
];

/** An allowed-registry entry as a repository prefix (a bare host allows the whole registry). */
function entryOf(entry: string): ImageRef | undefined {
    const text = entry.trim().replace(/\/+$/, "");
    if (!text.includes("/") && (text.includes(".") || text.includes(":") || text === "localhost")) {
        return { domain: text.toLowerCase(), path: "" };
    }
    return parseImage(text);
}

/** Is the image's repository under one of the allowed entries (whole path segments only)? */
export function registryAllowed(image: string, allowed: readonly string[]): boolean {
    const ref = parseImage(image);
    if (!ref) {
        return false;
    }
    const repo = repositoryOf(ref);
    return allowed.some(a => {
        const e = entryOf(a);
        if (!e) {
            return false;
        }
        if (e.path === "") {
            return ref.domain === e.domain;
        }
        const prefix = repositoryOf(e);
        return repo === prefix || repo.startsWith(`${prefix}/`);
    });
}

interface RegistryConfig { allowedRegistries?: string[] }

export const allowedRegistries: ResourceValidationPolicy = {
    ...containerPolicy(
        "k8s-image-registry-allowed",
        describe(
            "Container images must come from the stack's allowed registries.",
            "pull from a registry listed in the policy config allowedRegistries (per stack, in config/<stack>.json), "
            + "or add the registry there after review.",
            "Kyverno restrict-image-registries"),
        { why: "an image from an unreviewed registry is code nobody vetted, running inside the cluster",
            fix: "use an image from an allowed registry, or add its registry to allowedRegistries in the stack's policy config" },
        (c, _pod, args) => {
            const configured = args.getConfig<RegistryConfig>().allowedRegistries;
            const allowed = Array.isArray(configured) ? configured : DEFAULT_ALLOWED_REGISTRIES;
            const image = c.container.image;
            if (!nonEmptyString(image) || registryAllowed(image, allowed)) {
                return undefined;
            }
            const ref = parseImage(image);
            return `pulls "${image}" from ${ref ? repositoryOf(ref) : "an unparseable reference"}, outside the allowed `
                + `registries ${asArray(allowed).join(", ") || "(none)"}`;
        }),
    configSchema: {
        properties: {
            allowedRegistries: {
                type: "array",
                items: { type: "string" },
                default: DEFAULT_ALLOWED_REGISTRIES,
                description: "Repository prefixes images may come from (host, or host/path; docker.io for Docker Hub).",
            },
        },
    },
};
