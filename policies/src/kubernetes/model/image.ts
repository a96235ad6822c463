// Container image references as the container runtime resolves them (docker reference grammar).

export interface ImageRef {
    /** Registry host, lower case; docker.io for Docker Hub (index.docker.io and a missing host alike). */
    domain: string;
    /** Repository path; Docker Hub's official images get `library/`. */
    path: string;
    tag?: string;
    digest?: string;
}

/** The parts of an image reference, or undefined when it is not one. */
export function parseImage(image: string): ImageRef | undefined {
    const text = image.trim();
    if (text === "" || /\s/.test(text)) {
        return undefined;
    }
    const at = text.indexOf("@");
    const digest = at >= 0 ? text.substring(at + 1) : undefined;
    let name = at >= 0 ? text.substring(0, at) : text;
    let tag: string | undefined;
    const lastSlash = name.lastIndexOf("/");
    const lastColon = name.lastIndexOf(":");
    if (lastColon > lastSlash) {
        tag = name.substring(lastColon + 1);
        name = name.substring(0, lastColon);
    }
    const firstSlash = name.indexOf("/");
    const first = firstSlash < 0 ? "" : name.substring(0, firstSlash);
    let domain: string;
    let path: string;
    if (firstSlash >= 0 && (first.includes(".") || first.includes(":") || first === "localhost" || first !== first.toLowerCase())) {
        domain = first.toLowerCase();
        path = name.substring(firstSlash + 1);
    } else {
        domain = "docker.io";
        path = name;
    }
    if (domain === "index.docker.io" || domain === "registry-1.docker.io") {
        domain = "docker.io";
    }
    if (domain === "docker.io" && !path.includes("/")) {
        path = `library/${path}`;
    }
    if (path === "") {
        return undefined;
    }
    return { domain, path, tag, digest };
}

/** `domain/path`, the name registries are matched against. */
export function repositoryOf(ref: ImageRef): string {
    return `${ref.domain}/${ref.path}`;
}
